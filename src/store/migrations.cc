#include "store/migrations.h"

#include "store/legacy.h"

namespace qat::store {

// Append only: never edit a migration that has shipped; add a new one.
std::span<const Migration> Migrations() {
  static constexpr Migration kMigrations[] = {
      {1, "bars",
       R"sql(
CREATE TABLE bars (
  symbol    TEXT    NOT NULL,
  interval  TEXT    NOT NULL,
  start     INTEGER NOT NULL,  -- unix seconds: first instant the bar covers
  available INTEGER NOT NULL,  -- unix seconds: when its values were final
  open      REAL    NOT NULL,
  high      REAL    NOT NULL,
  low       REAL    NOT NULL,
  close     REAL    NOT NULL,
  adj_close REAL    NOT NULL,
  volume    REAL    NOT NULL,
  PRIMARY KEY (symbol, interval, start)
) WITHOUT ROWID;
)sql"},
      {2, "corporate actions", "CREATE TABLE corporate_actions (symbol TEXT NOT NULL, date INTEGER NOT NULL, type TEXT NOT NULL CHECK (type IN ('split', 'dividend')), value REAL NOT NULL CHECK (value > 0), PRIMARY KEY (symbol, date, type)) WITHOUT ROWID;"},
      {3, "pattern statistics", R"sql(
CREATE TABLE pattern_series (
  symbol TEXT NOT NULL, timeframe TEXT NOT NULL,
  market TEXT NOT NULL,             -- '' when regimes are the symbol's own
  bars INTEGER NOT NULL,            -- bars processed
  last_start INTEGER NOT NULL,      -- start of the last processed bar
  last_adj_close REAL NOT NULL,     -- its adj_close, to detect a re-adjusted history
  PRIMARY KEY (symbol, timeframe)
) WITHOUT ROWID;
CREATE TABLE pattern_bars (
  symbol TEXT NOT NULL, timeframe TEXT NOT NULL, start INTEGER NOT NULL,
  available INTEGER NOT NULL, trend INTEGER NOT NULL, vol INTEGER NOT NULL,
  PRIMARY KEY (symbol, timeframe, start)
) WITHOUT ROWID;
CREATE TABLE pattern_events (
  symbol TEXT NOT NULL, timeframe TEXT NOT NULL, start INTEGER NOT NULL,
  pattern TEXT NOT NULL, output INTEGER NOT NULL,
  PRIMARY KEY (symbol, timeframe, start, pattern)
) WITHOUT ROWID;
CREATE TABLE pattern_outcomes (
  symbol TEXT NOT NULL, timeframe TEXT NOT NULL, horizon INTEGER NOT NULL, start INTEGER NOT NULL,
  forward_return REAL NOT NULL, known_at INTEGER NOT NULL,
  PRIMARY KEY (symbol, timeframe, horizon, start)
) WITHOUT ROWID;
CREATE TABLE pattern_cells (
  span TEXT NOT NULL, pattern TEXT NOT NULL, direction TEXT NOT NULL, timeframe TEXT NOT NULL,
  horizon INTEGER NOT NULL, regime TEXT NOT NULL, vol_regime TEXT NOT NULL, seq INTEGER NOT NULL,
  n INTEGER NOT NULL, wins INTEGER NOT NULL, win_rate REAL, win_rate_lo REAL, win_rate_hi REAL,
  mean_return REAL, median_return REAL, sd REAL, sharpe REAL, ic REAL, baseline_return REAL,
  excess_return REAL, excess_sd REAL, t_stat REAL, p_value REAL,
  q_value REAL, status TEXT NOT NULL, shrinkage_parent TEXT NOT NULL, shrunk_win_rate REAL,
  shrunk_mean_return REAL, prior_weight REAL,
  PRIMARY KEY (span, pattern, direction, timeframe, horizon, regime, vol_regime)
) WITHOUT ROWID;
)sql"},
      {4, "training runs", "CREATE TABLE training_runs (id INTEGER PRIMARY KEY, created_at INTEGER NOT NULL, horizon INTEGER NOT NULL, symbols TEXT NOT NULL, config TEXT NOT NULL, metrics TEXT NOT NULL, data_sha256 TEXT NOT NULL, git_commit TEXT NOT NULL, model_dir TEXT NOT NULL, model_paths TEXT NOT NULL);"},
      // Every stored bar records what its prices mean and where they came from
      // (qat/data/price_basis.h); every stored series and a symbol's actions carry a content
      // hash, updated in the transaction that writes them and checked on every load. Bars
      // stored before this version get source 'legacy' and the basis ClassifyLegacyBars finds.
      {5, "price basis, source and content hashes", R"sql(
ALTER TABLE bars ADD COLUMN basis TEXT NOT NULL DEFAULT 'split'
  CHECK (basis IN ('raw', 'split', 'split-dividend'));
ALTER TABLE bars ADD COLUMN source TEXT NOT NULL DEFAULT 'legacy';
ALTER TABLE bars ADD COLUMN adjusted_through INTEGER NOT NULL DEFAULT 2147483647;
CREATE TABLE content_hashes (
  symbol TEXT NOT NULL,
  part   TEXT NOT NULL,   -- a bar interval ('1d', '5m', ...) or 'actions'
  rows   INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (symbol, part)
) WITHOUT ROWID;
)sql", &ClassifyLegacyStore},
      // Every backtest configuration run on a data set, for the Deflated Sharpe Ratio's trial
      // count (store/backtest_runs.h).
      {6, "backtest runs", R"sql(
CREATE TABLE backtest_runs (
  id                 INTEGER PRIMARY KEY,
  created_at         INTEGER NOT NULL,
  strategy           TEXT NOT NULL,
  config             TEXT NOT NULL,
  config_sha256      TEXT NOT NULL,
  data_sha256        TEXT NOT NULL,
  sessions           INTEGER NOT NULL,
  sharpe_per_session REAL,            -- NULL when undefined (flat equity)
  metrics            TEXT NOT NULL,
  git_commit         TEXT NOT NULL
);
CREATE INDEX backtest_runs_by_data ON backtest_runs (data_sha256);
)sql"},
      // Paper accounts (store/paper.h): each session done is one row written with its fills in
      // one transaction, so a session is done exactly once and a killed run leaves none half
      // done. Money in micro-dollars.
      {7, "paper accounts", R"sql(
CREATE TABLE paper_accounts (
  name       TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  config     TEXT NOT NULL,
  inception  INTEGER NOT NULL,  -- the close (day) the account was opened at
  state      TEXT NOT NULL      -- the engine's state at inception (orders for the first open)
) WITHOUT ROWID;
CREATE TABLE paper_sessions (
  account  TEXT NOT NULL REFERENCES paper_accounts (name),
  day      INTEGER NOT NULL,
  equity   INTEGER NOT NULL,
  cash     INTEGER NOT NULL,
  invested INTEGER NOT NULL,
  state    TEXT NOT NULL,     -- the engine's state after the session's close
  done_at  INTEGER NOT NULL,
  PRIMARY KEY (account, day)
) WITHOUT ROWID;
CREATE TABLE paper_fills (
  account    TEXT NOT NULL REFERENCES paper_accounts (name),
  day        INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  symbol     TEXT NOT NULL,
  side       TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
  quantity   INTEGER NOT NULL,
  price      REAL NOT NULL,
  commission INTEGER NOT NULL,
  reason     TEXT NOT NULL,
  PRIMARY KEY (account, day, seq)
) WITHOUT ROWID;
)sql"},
      // Each paper session's metrics (app::PaperSessionMetrics as JSON: equity, peak, drawdown,
      // closed trades and wins to date, fees and the slippage the cost model charged), read by
      // `qtrader monitor --account`. Sessions done before this migration have '{}'.
      {8, "paper session metrics", R"sql(
ALTER TABLE paper_sessions ADD COLUMN metrics TEXT NOT NULL DEFAULT '{}';
)sql"},
  };
  return kMigrations;
}

}  // namespace qat::store
