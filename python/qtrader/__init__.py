"""qtrader: the swing-trading research library, from Python.

The same C++ library the ``qtrader`` CLI runs (no second implementation): every function
below calls the application-layer function the CLI command calls, with the same defaults, and
returns what the CLI prints with ``--json`` as dataclasses, dicts and pandas DataFrames.

Where data lives: ``db=None`` is the user's store, as for the CLI ($QTRADER_HOME/qtrader.db,
else $XDG_DATA_HOME/qtrader/qtrader.db, else ~/.local/share/qtrader/qtrader.db);
``model_dir=None`` is the models folder beside it. Give paths to use others.

    import qtrader
    qtrader.import_csv("SPY", "data/daily/SPY.csv", db="my.db")
    bars = qtrader.bars("SPY", db="my.db")             # DataFrame, DatetimeIndex
    feats = qtrader.features("SPY", db="my.db")        # 78 registered features
    qtrader.build_pattern_stats(["SPY"], db="my.db")
    edge = qtrader.pattern_edge("CDLHAMMER", regime="BULL", db="my.db")[0]
    run = qtrader.train(["SPY", "QQQ"], db="my.db", model_dir="models")
    fc = qtrader.forecast("SPY", db="my.db", model_dir="models")
    import qtrader.ta as talib                         # TA-Lib's signatures

Errors are raised with the library's message: ``InvalidInputError`` (a ValueError) for bad
input, ``NotFoundError`` (a FileNotFoundError) for a missing store, file, symbol or model set,
``QtraderRuntimeError`` (a RuntimeError) otherwise; each has ``.code``. Calls that read a
store, train or compute long arrays release the GIL.

The seed's classes (PatternStatsEngine, ConfluenceEngine, QuantileForecaster,
InstitutionalFeatureEngineer, TrainingLogger, ColabProTrainer) are a compatibility layer over
these functions (qtrader.compat, docs/python.md).
"""

from __future__ import annotations

import io
import os
from typing import Callable, Iterable, Optional, Sequence, Union

import numpy as np
import pandas as pd

from . import _core
from ._core import InvalidInputError, NotFoundError, QtraderError, QtraderRuntimeError
from .results import (BacktestResult, FetchOutcome, Forecast, ImportResult, PatternCell, PatternEdge,
                      TrainResult)

__version__ = _core.version

PathLike = Union[str, os.PathLike, None]

__all__ = [
    "QtraderError", "InvalidInputError", "NotFoundError", "QtraderRuntimeError",
    "default_db", "default_model_dir", "read_csv", "bars", "list_series", "import_csv", "fetch",
    "features", "compute_features", "feature_registry", "build_pattern_stats", "pattern_edge", "top_edges",
    "train", "forecast", "fit_confluence", "signals", "backtest", "default_engine_config",
    "paper_init", "paper_run", "paper_status", "paper_fills", "paper_equity", "monitor", "log_model_training",
    "PatternCell", "PatternEdge", "Forecast", "TrainResult", "BacktestResult", "FetchOutcome", "ImportResult",
    "PatternStatsEngine", "ConfluenceEngine", "QuantileForecaster", "InstitutionalFeatureEngineer",
    "TrainingLogger", "ColabProTrainer",
]


def _path(p: PathLike) -> str:
    return "" if p is None else os.fspath(p)


def _symbols(symbols: Union[str, Iterable[str]]) -> list:
    if isinstance(symbols, str):
        return [s.strip() for s in symbols.split(",") if s.strip()]
    return list(symbols)


def default_db() -> str:
    """The store the CLI uses without --db ($QTRADER_HOME/qtrader.db, ...)."""
    return _core.default_paths()["db"]


def default_model_dir() -> str:
    """The model folder the CLI uses without --model-dir ($QTRADER_HOME/models, ...)."""
    return _core.default_paths()["model_dir"]


# ---- bars ----

def _bars_frame(d: dict) -> pd.DataFrame:
    intraday = d["interval"] not in ("1d", "1wk")
    start = d["start"]
    if intraday:
        index = pd.DatetimeIndex(pd.to_datetime(start, unit="s", utc=True), name="timestamp")
    else:
        index = pd.DatetimeIndex(pd.to_datetime(start // 86400, unit="D"), name="date")
    frame = pd.DataFrame({c: d[c] for c in ("open", "high", "low", "close", "adj_close", "volume")}, index=index)
    frame.attrs["symbol"] = d["symbol"]
    frame.attrs["interval"] = d["interval"]
    return frame


def read_csv(path: PathLike, symbol: Optional[str] = None, interval: Optional[str] = None,
             repair_ohlc: bool = False) -> pd.DataFrame:
    """Reads a bars CSV with the library's validating reader (what ``qtrader import`` and
    ``qtrader ta`` read): ``date,open,high,low,close[,adj_close],volume`` (daily) or
    ``timestamp,...`` (intraday, give ``interval``). Returns a DataFrame indexed by ``date``
    (a DatetimeIndex of session dates; intraday: UTC ``timestamp``) with columns open, high, low,
    close, adj_close, volume; ``.attrs`` holds symbol (default: the file name) and interval.
    Raises InvalidInputError/QtraderRuntimeError naming the file and line of a bad row."""
    path = _path(path)
    if symbol is None:
        symbol = os.path.splitext(os.path.basename(path))[0].upper()
    d = _core.read_csv(path, symbol, interval or "", repair_ohlc)
    frame = _bars_frame(d)
    frame.attrs["warnings"] = list(d["warnings"])
    return frame


def bars(symbol: str, db: PathLike = None, interval: str = "1d", adjusted: bool = True) -> pd.DataFrame:
    """A stored symbol's bars as a DataFrame (DatetimeIndex). ``adjusted=True`` gives what
    every analytic reads (split-adjusted on one basis, store::LoadAdjustedBars); False the
    stored values (``qtrader bars``). Raises NotFoundError when the store or the series is
    missing."""
    return _bars_frame(_core.store_bars(_path(db), symbol, interval, adjusted))


def list_series(db: PathLike = None) -> pd.DataFrame:
    """Every (symbol, interval) in the store with its bar count, range and sources."""
    rows = _core.list_series(_path(db))
    frame = pd.DataFrame(rows, columns=["symbol", "interval", "bars", "first", "last", "sources"])
    for c in ("first", "last"):
        frame[c] = pd.to_datetime(frame[c], unit="s", utc=True)
    return frame


def import_csv(symbol: str, path: PathLike, db: PathLike = None, interval: str = "1d", actions: PathLike = None,
               basis: str = "split", adjusted_through: Optional[str] = None, source: Optional[str] = None,
               repair_ohlc: bool = False, replace: bool = False) -> ImportResult:
    """Imports a bars CSV (and/or a corporate actions CSV ``date,type,value``) into the store,
    creating it: ``qtrader import``. The file is read and validated before the store is
    opened; bars that disagree with stored ones are refused. ``basis``: raw, split or
    split-dividend."""
    d = _core.import_csv(_path(db), symbol, _path(path), interval, _path(actions), basis, adjusted_through,
                         source or "", repair_ohlc, replace)
    return ImportResult(**d)


def fetch(symbols: Union[str, Sequence[str]], db: PathLike = None, provider: str = "auto", interval: str = "1d",
          start: Optional[str] = None, end: Optional[str] = None, replace: bool = False,
          base_url: Optional[str] = None, repair_ohlc: bool = False) -> list:
    """Fetches bars from the providers into the store (``qtrader fetch``): incremental, with
    fail-over (``auto``: Yahoo, Stooq, then Alpha Vantage and Finnhub when their keys are set),
    the join to stored bars checked. One FetchOutcome per symbol; a symbol's failure is in its
    outcome (``ok``, ``message``), not raised."""
    rows = _core.fetch(_path(db), _symbols(symbols), provider, interval, start, end, replace, base_url or "",
                       repair_ohlc)
    return [FetchOutcome(**{k: v for k, v in r.items() if k not in ("first", "last")}) for r in rows]


# ---- features ----

def _daily_arrays(frame: pd.DataFrame, symbol: str) -> dict:
    if not isinstance(frame.index, pd.DatetimeIndex):
        raise InvalidInputError(f"{symbol}: bars need a DatetimeIndex of session dates")
    index = frame.index.tz_localize(None) if frame.index.tz is not None else frame.index
    day = (index.normalize().values.astype("datetime64[D]").astype(np.int64))
    cols = {c.lower(): c for c in frame.columns}
    missing = [c for c in ("open", "high", "low", "close") if c not in cols]
    if missing:
        raise InvalidInputError(f"{symbol}: bars need columns open, high, low, close (missing {', '.join(missing)})")
    get = lambda c: np.ascontiguousarray(frame[cols[c]].to_numpy(dtype=np.float64))
    close = get("close")
    return {"symbol": symbol, "day": day, "open": get("open"), "high": get("high"), "low": get("low"),
            "close": close, "adj_close": get("adj_close") if "adj_close" in cols else close,
            "volume": get("volume") if "volume" in cols else np.zeros_like(close)}


def _frame_of(columns: dict, index) -> pd.DataFrame:
    return pd.DataFrame(columns, index=index)


def features(symbol: str, db: PathLike = None, market: Optional[str] = None, vix: Optional[str] = None) -> pd.DataFrame:
    """The 78 registered features of a stored symbol (``qtrader features --symbol``), computed
    from its adjusted daily bars with the market (default SPY) and VIX (default ^VIX) context
    joined on availability; NaN where undefined. Columns in registry order, DatetimeIndex.
    ``.attrs['missing_context']`` names default context symbols that are not stored."""
    d = _core.stored_features(_path(db), symbol, market or "", vix or "")
    index = _bars_frame(d["bars"]).index
    frame = _frame_of(d["columns"], index)
    frame.attrs["symbol"] = symbol.upper()
    frame.attrs["missing_context"] = list(d["missing_context"])
    return frame


def compute_features(bars: pd.DataFrame, market: Optional[pd.DataFrame] = None, vix=None,
                     max_age_days: int = 5) -> pd.DataFrame:
    """The 78 registered features of daily bars given as a DataFrame (``qtrader features
    --input``): DatetimeIndex of session dates, columns open, high, low, close[, adj_close,
    volume]. ``market`` (SPY) and ``vix`` (^VIX; a DataFrame, or a Series of closes) are
    joined on availability; a context bar more than ``max_age_days`` days old is missing."""
    symbol = str(bars.attrs.get("symbol", "SYMBOL"))
    args = {"bars": _daily_arrays(bars, symbol)}
    if market is not None:
        args["market"] = _daily_arrays(market, str(market.attrs.get("symbol", "SPY")))
    if vix is not None:
        if isinstance(vix, pd.Series):
            vix = pd.DataFrame({"open": vix, "high": vix, "low": vix, "close": vix})
        args["vix"] = _daily_arrays(vix, str(vix.attrs.get("symbol", "^VIX")))
    return _frame_of(_core.compute_features(args["bars"], args.get("market"), args.get("vix"), max_age_days),
                     bars.index)


def feature_registry() -> pd.DataFrame:
    """Every registered feature: name, description, inputs, lookback (``qtrader features --list``)."""
    return pd.DataFrame(_core.feature_registry())


# ---- patterns ----

def build_pattern_stats(symbols: Union[str, Sequence[str]], db: PathLike = None, market: Optional[str] = None,
                        interval: str = "1d", horizons: Sequence[int] = (1, 3, 5, 10, 21),
                        recent_years: float = 5, progress: Optional[Callable[[str], None]] = None) -> dict:
    """Updates the stored pattern events and outcomes of ``symbols`` and recomputes every cell
    (``qtrader patterns build``). ``market``: a stored symbol whose regimes to use (default:
    each symbol's own). ``progress`` gets one line per symbol."""
    return _core.build_pattern_stats(_path(db), _symbols(symbols), interval, market or "", list(horizons),
                                     float(recent_years), progress)


def pattern_edge(pattern: str, regime: str = "ALL", vol_regime: str = "ALL", direction: Optional[str] = None,
                 horizon: int = 5, timeframe: str = "1d", min_n: int = 30, db: PathLike = None) -> list:
    """The stored edge of a pattern in a context (``qtrader patterns edge``): one PatternEdge per
    direction with events (``direction`` 'bullish' or 'bearish' asks for one). Falls back
    from the exact cell to (regime, ALL), then (ALL, ALL) when a cell has fewer than ``min_n``
    events. Needs ``build_pattern_stats`` first (NotFoundError otherwise)."""
    rows = _core.pattern_edge(_path(db), pattern, direction or "", regime, vol_regime, timeframe, horizon, min_n)
    return [PatternEdge.from_json(r) for r in rows]


def top_edges(horizon: int = 5, min_n: int = 30, limit: int = 20, timeframe: str = "1d",
              db: PathLike = None) -> pd.DataFrame:
    """The strongest stored edges (``qtrader patterns top``): cells with n >= min_n and a positive
    mean and excess return, by q-value, as a DataFrame of the cells' fields."""
    return pd.DataFrame(_core.top_edges(_path(db), timeframe, horizon, min_n, limit))


# ---- models ----

def train(symbols: Union[str, Sequence[str]] = ("SPY", "QQQ", "AAPL", "MSFT", "GOOGL", "TSLA"), db: PathLike = None,
          model_dir: PathLike = None, horizon: int = 5, lookback_days: int = 730, seed: int = 42,
          rounds: Optional[int] = None, threads: int = 1, jobs: Optional[int] = None, market: str = "SPY",
          vix: str = "^VIX", progress: Optional[Callable[[str], None]] = None) -> TrainResult:
    """Trains the BUY/SELL/HOLD classifier and the quantile forecaster and publishes their
    model set (``qtrader train``, same defaults).

    Reads the symbols' adjusted daily bars and the market/VIX context from the store; labels
    at ``horizon`` bars; validates by rolling walk-forward over the last 30% of sessions in 12
    purged, embargoed folds; trains the final models on the last ``lookback_days`` calendar
    days; writes MODEL_DIR/<h>bar/ whole (swing_model, quantile q10..q90, feature_schema,
    training_results, SHA256SUMS) and logs the run in the store. ``rounds`` overrides the
    boosting rounds (default: classifier 150, quantiles 100); ``jobs`` training windows run at
    once (default: one per hardware thread / ``threads``). Only the time depends on ``jobs``.

    Returns a TrainResult: ``oos`` holds the pooled out-of-sample accuracy beside the
    majority-class baseline, log loss and Brier beside the class prior, quantile coverage;
    ``results`` the whole training_results JSON. Runs without the GIL; ``progress`` gets the
    CLI's progress lines."""
    r = _core.train(_path(db), _path(model_dir), _symbols(symbols), horizon, lookback_days, seed, rounds or 0,
                    threads, jobs or 0, market, vix, progress)
    return TrainResult(set_dir=r["set_dir"], files=list(r["files"]), run_id=r["run_id"],
                       symbols_used=r["symbols_used"], final_symbols=list(r["final_symbols"]),
                       oos=r["results"]["oos"], results=r["results"])


def forecast(symbol: str, db: PathLike = None, model_dir: PathLike = None, horizon: int = 5) -> Forecast:
    """Forecasts a stored symbol from its latest bar with the published model set of
    ``horizon`` (``qtrader forecast --json``): return quantiles q10..q90, price levels per
    step, prob_up (Platt-scaled) and the class probabilities. The set is verified against its
    SHA256SUMS and its features against this build's."""
    return Forecast.from_json(_core.forecast(_path(db), _path(model_dir), symbol, horizon))


def fit_confluence(symbols: Union[str, Sequence[str]], db: PathLike = None, model_dir: PathLike = None,
                   market: str = "SPY", timeframes: Sequence[str] = ("1h", "4h", "1d", "1w"), horizon: int = 5,
                   folds: int = 10, l2: float = 1.0, bootstrap: int = 200, publish: bool = True,
                   progress: Optional[Callable[[str], None]] = None) -> dict:
    """Fits the multi-timeframe confluence combiner in walk-forward (``qtrader confluence fit``;
    ``publish=False`` is ``confluence evaluate``). Returns {'dir', 'model', 'evaluation'}."""
    return _core.fit_confluence(_path(db), _path(model_dir), _symbols(symbols), market, list(timeframes), horizon,
                                folds, l2, bootstrap, publish, progress)


def signals(symbols: Union[str, Sequence[str]], db: PathLike = None, model_dir: PathLike = None,
            as_of: Optional[str] = None, timeframes: Sequence[str] = (), horizon: int = 5,
            account_cash: float = 5000.0, allow_short: bool = False) -> dict:
    """Tomorrow's signals (``qtrader signals --json``): per symbol the confluence of the
    timeframes, the forecast, the entry gates and a trade plan sized in rank order for the
    account. Needs ``train`` and ``fit_confluence`` for the horizon."""
    return _core.signals(_path(db), _path(model_dir), _symbols(symbols), as_of, list(timeframes), horizon,
                         float(account_cash), allow_short)


# ---- backtest and paper trading ----

def default_engine_config() -> dict:
    """The engine configuration of ``qtrader backtest`` without options: initial_cash, risk
    limits, costs (the conservative preset), ambiguity rule. Pass a dict of overrides as
    ``engine=`` (nested keys merge)."""
    return _core.default_engine_config()


def _merge(base: dict, overrides: Optional[dict]) -> dict:
    out = dict(base)
    for k, v in (overrides or {}).items():
        if k not in out:
            raise InvalidInputError(f"engine: unknown key {k!r} (known: {', '.join(sorted(base))})")
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out[k], dict) else v
    return out


def backtest(symbols: Union[str, Sequence[str]], strategy: str = "sma-cross", db: PathLike = None,
             start: Optional[str] = None, end: Optional[str] = None, per_symbol: bool = False,
             engine: Optional[dict] = None, fast: int = 10, slow: int = 30, benchmark: str = "SPY",
             record_trial: bool = True, horizon: int = 5, lookback_days: int = 730, folds: int = 12,
             jobs: Optional[int] = None, progress: Optional[Callable[[str], None]] = None) -> BacktestResult:
    """Runs a strategy (sma-cross, buy-and-hold, signals) on the stored daily bars through the
    event-driven engine beside buy-and-hold of the same symbols with the same costs
    (``qtrader backtest --json``). ``engine`` overrides default_engine_config(). The trial is
    recorded in the store (its Deflated Sharpe Ratio counts every configuration run on the
    same data) unless ``record_trial=False``."""
    config = _merge(default_engine_config(), engine)
    raw = _core.backtest(_path(db), _symbols(symbols), strategy, start, end, per_symbol, config, fast, slow,
                         benchmark, record_trial, horizon, lookback_days, folds, jobs or 0, progress)
    return BacktestResult.from_core(raw)


def paper_init(name: str, symbols: Union[str, Sequence[str]], strategy: str = "sma-cross", db: PathLike = None,
               engine: Optional[dict] = None, fast: int = 10, slow: int = 30, as_of: Optional[str] = None,
               **config) -> dict:
    """Opens a paper account at a close (``qtrader paper init --json``): the strategy's first
    decision and tomorrow's orders. Returns the account's status."""
    cfg = _core.default_paper_config()  # the library's JSON form of the account's configuration
    cfg.update(strategy=strategy, symbols=_symbols(symbols))
    if "sma" in cfg:
        cfg["sma"] = dict(cfg["sma"], fast=fast, slow=slow)
    else:
        cfg.update(fast=fast, slow=slow)
    if "engine" in cfg:
        cfg["engine"] = _merge(cfg["engine"], engine)
    else:  # the engine's fields at the top level
        engine_keys = set(default_engine_config())
        merged = _merge({k: cfg[k] for k in engine_keys}, engine)
        cfg.update(merged)
    for key, value in config.items():
        if key not in cfg:
            raise InvalidInputError(f"paper_init: unknown option {key!r}")
        cfg[key] = value
    return _core.paper_init(_path(db), name, cfg, as_of)


def paper_run(name: str, db: PathLike = None, as_of: Optional[str] = None) -> dict:
    """Does every session of the account after the last one done up to ``as_of`` (default: the
    last stored bar), each in its own transaction (``qtrader paper run``). Returns {'done':
    [{date, fills, equity}], 'status': {...}}."""
    return _core.paper_run(_path(db), name, as_of)


def paper_status(name: str, db: PathLike = None) -> dict:
    """The account after its last session, beside buy-and-hold since inception, with tomorrow's
    broker orders (``qtrader paper status --json``)."""
    return _core.paper_status(_path(db), name)


def paper_fills(name: str, db: PathLike = None) -> pd.DataFrame:
    """Every fill of the account: date, symbol, side, quantity, price, commission, reason."""
    return pd.read_csv(io.StringIO(_core.paper_fills_csv(_path(db), name)), parse_dates=["date"])


def paper_equity(name: str, db: PathLike = None) -> pd.DataFrame:
    """The account's daily equity, cash and invested value, indexed by date."""
    return pd.read_csv(io.StringIO(_core.paper_equity_csv(_path(db), name)), parse_dates=["date"], index_col="date")


# ---- monitoring ----

def monitor(db: PathLike = None, model_dir: PathLike = None, horizon: int = 5, as_of: Optional[str] = None,
            window: int = 60, max_age: int = 60, max_drawdown: float = 0.20,
            equity: Optional[pd.DataFrame] = None) -> dict:
    """The published model set against what its training promised (``qtrader monitor --json``):
    every session after the training window scored, labels resolved by ``as_of`` (default
    today), and the recommendations RETRAIN / RECALIBRATE / REFRESH_DATA / HALT with their
    reasons and priorities. ``equity``: an equity curve (date index, an ``equity`` column) for
    the HALT rule, beyond ``max_drawdown`` (a fraction) below its peak."""
    text = ""
    if equity is not None:
        frame = equity[["equity"]].copy()
        frame.index = pd.DatetimeIndex(frame.index).strftime("%Y-%m-%d")
        frame.index.name = "date"
        text = frame.to_csv()
    return _core.monitor(_path(db), _path(model_dir), horizon, as_of, window, max_age, float(max_drawdown), text)


def log_model_training(name: str, metrics: dict, db: PathLike = None) -> int:
    """Logs a training run of model ``name`` with its metrics in the store's training_runs log
    (the seed's TrainingLogger.log_model_training). Returns the row id."""
    return _core.log_model_training(_path(db), name, metrics)


from .compat import (ColabProTrainer, ConfluenceEngine, InstitutionalFeatureEngineer,  # noqa: E402
                     PatternStatsEngine, QuantileForecaster, TrainingLogger)
