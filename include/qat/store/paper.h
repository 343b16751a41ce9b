// The store's paper accounts (migration 7; docs/paper.md): an account's configuration and its
// state at inception, then one row per session done, written with the session's fills in one
// transaction. A session is therefore done once or not at all: a process killed at any point
// leaves the account as it was before that session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "qat/core/result.h"
#include "qat/core/time.h"
#include "qat/store/sqlite.h"

namespace qat::store {

struct PaperAccountRecord {
  std::string name;
  std::int64_t created_at = 0;  // unix seconds
  std::string config_json;
  Days inception = 0;           // the close the account was opened at
  std::string state_json;       // the engine's state there
};

struct PaperFillRecord {
  Days day = 0;
  std::string symbol, side;     // side: BUY or SELL
  std::int64_t quantity = 0;
  double price = 0;
  std::int64_t commission = 0;  // micro-dollars
  std::string reason;
};

struct PaperSessionRecord {
  Days day = 0;
  std::int64_t equity = 0, cash = 0, invested = 0;  // micro-dollars, at the close
  std::string state_json;                           // the engine's state after the close
  std::int64_t done_at = 0;                         // unix seconds
  std::string metrics_json = "{}";                  // the session's metrics (migration 8)
};

// Creates the account; fails (kInvalidInput) when the name is taken.
Status CreatePaperAccount(Database& db, const PaperAccountRecord& account);
// The account, or nullopt when there is none by that name.
Result<std::optional<PaperAccountRecord>> LoadPaperAccount(Database& db, const std::string& name);
// Every account's name, sorted.
Result<std::vector<std::string>> ListPaperAccounts(Database& db);

// Records a session and its fills in one transaction. Fails (kInvalidInput) when the session
// is already recorded, leaving the store unchanged.
Status RecordPaperSession(Database& db, const std::string& account, const PaperSessionRecord& session,
                          const std::vector<PaperFillRecord>& fills);
// The account's sessions in date order, and its fills in date and then fill order.
Result<std::vector<PaperSessionRecord>> LoadPaperSessions(Database& db, const std::string& account);
Result<std::vector<PaperFillRecord>> LoadPaperFills(Database& db, const std::string& account);

}  // namespace qat::store
