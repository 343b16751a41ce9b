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
      {2, "corporate actions", "CREATE TABLE corporate_actions (symbol TEXT NOT NULL, date INTEGER NOT NULL, type TEXT NOT NULL CHECK (type IN ('split', 'dividend')), value REAL NOT NULL CHECK (value > 0), PRIMARY KEY (symbol, date, type)) WITHOUT ROWID;"},
  };
  return kMigrations;
}

}  // namespace qat::store
