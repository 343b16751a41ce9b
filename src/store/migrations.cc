#include "store/migrations.h"

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
      {2, "training runs", "CREATE TABLE training_runs (id INTEGER PRIMARY KEY, created_at INTEGER NOT NULL, horizon INTEGER NOT NULL, symbols TEXT NOT NULL, config TEXT NOT NULL, metrics TEXT NOT NULL, data_sha256 TEXT NOT NULL, git_commit TEXT NOT NULL, model_dir TEXT NOT NULL, model_paths TEXT NOT NULL);"},
  };
  return kMigrations;
}

}  // namespace qat::store
