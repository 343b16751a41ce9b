// fetch, actions, adjusted: bars and corporate actions from the free data providers.
#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.h"
#include "paths.h"
#include "qat/app/fetch.h"
#include "qat/core/strings.h"
#include "qat/data/csv.h"
#include "qat/data/symbol.h"
#include "qat/store/actions.h"
#include "qat/store/bars.h"
#include "qat/store/store.h"

namespace qat::cli {
namespace {

struct FetchOptions {
  std::string provider = "auto", symbols, interval = "1d", start, end, db, base_url;
  bool repair_ohlc = false, replace = false;
};

struct ActionsOptions {
  std::string symbol, db;
};

struct AdjustedOptions {
  std::string symbol, interval = "1d", db, as_of;
  bool dividends = false;
};

int RunFetch(const FetchOptions& o) {
  auto interval = data::ParseInterval(o.interval);
  if (!interval.ok()) return Report(interval.error());
  app::FetchPlan plan;
  plan.interval = *interval;
  auto symbols = data::ParseSymbolList(o.symbols);
  if (!symbols.ok()) return Usage(Fail("--symbols: {}", symbols.error().message));
  plan.symbols = std::move(*symbols);
  plan.providers = app::ProvidersFor(o.provider);
  if (!o.start.empty()) {
    auto d = ParseDate(o.start);
    if (!d.ok()) return Usage(Fail("--start: {}", d.error().message));
    plan.start = *d;
  }
  if (!o.end.empty()) {
    auto d = ParseDate(o.end);
    if (!d.ok()) return Usage(Fail("--end: {}", d.error().message));
    plan.end = *d;
  }
  plan.replace = o.replace;
  if (plan.start && plan.end && *plan.start > *plan.end) {
    return Usage(Fail("--start {} is after --end {}", o.start, o.end));
  }
  auto progress = [](const app::SymbolOutcome& s) {
    std::printf("%s\n", app::DescribeOutcome(s).c_str());
    std::fflush(stdout);
  };
  auto fetched = app::FetchIntoStore(ResolveDbPath(o.db), plan, {o.base_url, o.repair_ohlc}, progress);
  if (!fetched.ok()) return Report(fetched.error());
  const auto& outcomes = *fetched;
  int failed = 0;
  std::string failures;
  for (const auto& s : outcomes) {
    if (!s.ok) {
      ++failed;
      failures += fmt::format("\n  {}: {}", s.symbol, s.message);
    }
  }
  std::printf("summary: %zu symbol(s), %zu ok, %d failed%s\n", outcomes.size(),
              outcomes.size() - static_cast<std::size_t>(failed), failed, failures.c_str());
  return failed == 0 ? kExitOk : kExitFailure;
}

int RunActions(const ActionsOptions& o) {
  auto symbol = data::ValidateSymbol(o.symbol);
  if (!symbol.ok()) return Usage(Fail("--symbol: {}", symbol.error().message));
  auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  auto actions = store::LoadActions(*db, *symbol);
  if (!actions.ok()) return Report(actions.error());
  std::printf("date,type,value\n");
  for (const auto& a : *actions) {
    std::printf("%s,%s,%s\n", FormatDate(a.date).c_str(), std::string(store::ActionTypeName(a.type)).c_str(),
                FormatShortest(a.value).c_str());
  }
  if (actions->empty()) std::fprintf(stderr, "no corporate actions stored for %s\n", symbol->c_str());
  return kExitOk;
}

int RunAdjusted(const AdjustedOptions& o) {
  auto interval = data::ParseInterval(o.interval);
  if (!interval.ok()) return Report(interval.error());
  data::AdjustOptions options;
  options.dividends_in_prices = o.dividends;
  if (!o.as_of.empty()) {
    auto day = ParseDate(o.as_of);
    if (!day.ok()) return Report(Fail("--as-of: {}", day.error().message));
    options.as_of = *day;
  }
  auto symbol = data::ValidateSymbol(o.symbol);
  if (!symbol.ok()) return Usage(Fail("--symbol: {}", symbol.error().message));
  auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  auto bars = store::LoadAdjustedBars(*db, {*symbol, *interval, std::nullopt, std::nullopt}, options);
  if (!bars.ok()) return Report(bars.error());
  data::WriteBarsCsv(*bars, std::cout);
  std::cout.flush();
  return kExitOk;
}

}  // namespace

void AddProviderCommands(CLI::App& app) {
  auto fo = std::make_shared<FetchOptions>();
  auto* fetch = app.add_subcommand(
      "fetch", "Download bars and corporate actions from free providers into the store "
               "(incremental: only what the store lacks)");
  fetch->add_option("--provider", fo->provider, "yahoo | stooq | alphavantage | finnhub | auto "
                    "(auto: Yahoo, then Stooq, then the keyed providers whose key is set)")
      ->capture_default_str();
  fetch->add_option("--symbols", fo->symbols, "Comma-separated symbols, e.g. SPY,AAPL")->required();
  fetch->add_option("--interval", fo->interval, "1m 5m 15m 30m 1h 1d 1wk")->capture_default_str();
  fetch->add_option("--start", fo->start, "First date YYYY-MM-DD (default: all the history the "
                    "provider serves for the interval)");
  fetch->add_option("--end", fo->end, "Last date YYYY-MM-DD, inclusive (default: today)");
  fetch->add_option("--base-url", fo->base_url, "Replace the provider's scheme://host[:port] "
                    "(also QTRADER_<PROVIDER>_BASE_URL); its path and query stay");
  fetch->add_flag("--repair-ohlc", fo->repair_ohlc, "Widen high/low to contain open and close "
                  "instead of rejecting a symbol's response (each repair listed)");
  fetch->add_flag("--replace", fo->replace, "Fetch each symbol's whole history (from --start) and replace its "
                  "stored series, instead of joining new bars to it");
  AddDbOption(fetch, fo->db);
  fetch->footer("Keys: ALPHAVANTAGE_API_KEY, FINNHUB_API_KEY (never printed). Proxies: libcurl "
                "honours http_proxy/https_proxy/no_proxy.\nExample: qtrader fetch --symbols SPY,AAPL --start 2020-01-01\n"
                "Incremental fetches also ask for the last two weeks the store holds: the new bars must agree with\n"
                "them (adjusted closes within 0.5%), or the symbol fails and nothing of it is written.\n"
                "Exit code 1 if any symbol failed (each listed in the summary).");
  fetch->callback([fo] { CommandExitCode() = RunFetch(*fo); });

  auto ao = std::make_shared<ActionsOptions>();
  auto* actions = app.add_subcommand("actions", "Print a symbol's stored splits and dividends as "
                                     "date,type,value (split: ratio; dividend: amount)");
  actions->add_option("--symbol", ao->symbol, "Symbol")->required();
  AddDbOption(actions, ao->db);
  actions->callback([ao] { CommandExitCode() = RunActions(*ao); });

  auto jo = std::make_shared<AdjustedOptions>();
  auto* adjusted = app.add_subcommand(
      "adjusted", "Print a symbol's bars as every analytic reads them: split-adjusted prices and volumes "
                  "(adj_close also for dividends), whatever the stored basis, as CSV");
  adjusted->add_option("--symbol", jo->symbol, "Symbol")->required();
  adjusted->add_option("--interval", jo->interval, "Bar interval")->capture_default_str();
  adjusted->add_option("--as-of", jo->as_of, "Only bars and corporate actions up to this date (YYYY-MM-DD): the "
                       "series as it was known then");
  adjusted->add_flag("--dividends", jo->dividends, "Adjust open/high/low/close for dividends too (total-return "
                     "prices)");
  adjusted->footer("The output imports back with 'qtrader import --basis split' (or split-dividend with "
                   "--dividends) and gives the same analytics.");
  AddDbOption(adjusted, jo->db);
  adjusted->callback([jo] { CommandExitCode() = RunAdjusted(*jo); });
}

}  // namespace qat::cli
