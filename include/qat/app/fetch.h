// Use case: incremental fetch of several symbols from the providers into the store, with
// provider fail-over (the ingest step above both: providers know nothing of the store).
#pragma once

#include <filesystem>
#include <functional>
#include <string_view>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "qat/providers/provider.h"
#include "qat/store/bars.h"
#include "qat/store/sqlite.h"

namespace qat::app {

struct FetchPlan {
  std::vector<std::string> symbols;    // upper case
  std::vector<std::string> providers;  // tried in order for each symbol (fail-over)
  data::Interval interval = data::Interval::k1d;
  std::optional<Days> start, end;      // inclusive dates; default: provider history .. today
  bool replace = false;                // replace each stored series instead of joining to it
};

struct SymbolOutcome {
  std::string symbol;
  data::Interval interval = data::Interval::k1d;
  bool ok = false;
  bool up_to_date = false;          // nothing missing: no request made
  std::string provider;             // the one that answered
  std::string message;              // failure (every provider's reason) or ""
  std::size_t bars = 0;             // bars received
  store::UpsertStats bar_stats, action_stats;
  std::size_t overlap_sessions = 0;   // stored sessions the join was checked on
  std::int64_t replaced = 0;          // stored bars replaced (FetchPlan::replace)
  std::size_t splits = 0, dividends = 0;
  Timestamp first = 0, last = 0;    // range received
  std::vector<std::string> notes;
};

// The [from, to] ranges (bar starts, inclusive) missing from a stored series that spans
// [stored_first, stored_last] (none stored: nullopt), for the wanted [from, to]: the part
// before the first stored bar and the part after the last one. Gaps inside the stored span
// are not looked for.
std::vector<std::pair<Timestamp, Timestamp>> MissingRanges(
    std::optional<std::pair<Timestamp, Timestamp>> stored, Timestamp from, Timestamp to,
    data::Interval interval);

// Default history start when the store has none and no --start: daily/weekly 1970 (all
// that the provider has); intraday: what Yahoo serves (1m: 7 days, up to 30m: 59 days,
// 1h: 729 days).
Timestamp DefaultFrom(data::Interval interval, Timestamp now);

// For each symbol: works out what the store lacks, asks the providers in order until one
// answers (reaching back a few stored sessions, on which the store checks the join), and
// writes its actions and bars in one transaction through store::WriteSeries, which refuses
// bars that disagree with the stored ones.
// One symbol's failure does not stop the others. `progress` is called once per symbol.
std::vector<SymbolOutcome> FetchSymbols(store::Database& db, const FetchPlan& plan,
                                        const providers::ProviderContext& ctx,
                                        const std::function<void(const SymbolOutcome&)>& progress);

// The providers `choice` names, in the order fetch tries them: "auto" is Yahoo, then Stooq,
// then Alpha Vantage and Finnhub when their key variables are set; any other name is that
// provider alone (checked when it is made).
std::vector<std::string> ProvidersFor(std::string_view choice);

struct FetchSettings {
  std::string base_url;      // replaces each provider's scheme://host[:port] ("" = theirs)
  bool repair_ohlc = false;  // widen high/low instead of failing a symbol
};

// What `qtrader fetch` does: makes the HTTP client (settings from the environment,
// providers::HttpOptionsFromEnv) and the plan's providers, failing before the store is touched
// on an unknown provider or a missing key, then opens (creating) the store at `store_path` and
// runs FetchSymbols. The outcomes are per symbol; the call fails only when nothing could start.
Result<std::vector<SymbolOutcome>> FetchIntoStore(const std::filesystem::path& store_path, const FetchPlan& plan,
                                                  const FetchSettings& settings,
                                                  const std::function<void(const SymbolOutcome&)>& progress);

// One line: "SPY 1d yahoo: 252 bars 2021-02-01 .. 2022-01-31 (252 new, 0 updated, 0 unchanged); 1 split, 0 dividends"
std::string DescribeOutcome(const SymbolOutcome& outcome);

}  // namespace qat::app
