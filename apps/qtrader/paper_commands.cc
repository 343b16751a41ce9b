// paper init|run|status|history|orders: an account traded one session at a time by the
// backtest engine (docs/paper.md).
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "commands.h"
#include "engine_options.h"
#include "output_file.h"
#include "paths.h"
#include "qat/app/fetch.h"
#include "qat/app/paper.h"
#include "qat/core/clock.h"
#include "qat/data/symbol.h"
#include "qat/store/store.h"

namespace qat::cli {
namespace {

struct PaperOptions {
  std::string account, db, as_of, strategy = "sma-cross", symbols, format = "text", history_format = "csv", html;
  EngineOptions engine;
  int fast = 10, slow = 30;
  std::string model_dir;  // signals
  int horizon = 5;
  bool json = false, equity = false, fetch = false;
  std::string provider = "auto", base_url;
};

// `paper run --fetch`: the account's symbols' new daily bars into the store first, as
// `qtrader fetch` gets them. Returns how many symbols failed (each printed).
Result<int> FetchForAccount(const PaperOptions& o) {
  std::vector<std::string> symbols;
  {
    auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
    if (!db.ok()) return db.error();
    QAT_ASSIGN_OR_RETURN(auto config, app::PaperAccountConfig(*db, o.account));
    symbols = config.symbols;
  }
  app::FetchPlan plan;
  plan.symbols = symbols;
  plan.providers = app::ProvidersFor(o.provider);
  int failed = 0;
  auto progress = [&](const app::SymbolOutcome& s) {
    failed += s.ok ? 0 : 1;
    std::printf("fetch %s\n", app::DescribeOutcome(s).c_str());
    std::fflush(stdout);
  };
  QAT_ASSIGN_OR_RETURN(auto outcomes, app::FetchIntoStore(ResolveDbPath(o.db), plan, {o.base_url, false}, progress));
  (void)outcomes;
  return failed;
}

Result<std::optional<Days>> AsOf(const PaperOptions& o) {
  if (o.as_of.empty()) return std::optional<Days>();
  auto day = ParseDate(o.as_of);
  if (!day.ok()) return Fail(ErrorCode::kInvalidInput, "--as-of: {}", day.error().message);
  return std::optional<Days>(*day);
}

std::string Level(double x) { return std::isnan(x) ? "-" : fmt::format("{:.2f}", x); }

void PrintStatus(const app::PaperStatus& s) {
  std::printf("paper account %s: %s on %s since the close of %s; %lld session%s done, through %s\n", s.name.c_str(),
              s.config.strategy.c_str(), fmt::format("{}", fmt::join(s.config.symbols, ",")).c_str(),
              FormatDate(s.inception).c_str(), static_cast<long long>(s.sessions), s.sessions == 1 ? "" : "s",
              FormatDate(s.last_done).c_str());
  const double start = portfolio::MicrosToDollars(s.config.engine.initial_cash);
  const double equity = portfolio::MicrosToDollars(s.equity), hold = portfolio::MicrosToDollars(s.buy_and_hold_equity);
  std::printf("equity $%s (%+.2f%%), cash $%s, fees $%s; buy-and-hold of the same symbols $%s (%+.2f%%)\n",
              portfolio::FormatMicros(s.equity).c_str(), 100 * (equity / start - 1), portfolio::FormatMicros(s.cash).c_str(),
              portfolio::FormatMicros(s.fees).c_str(), portfolio::FormatMicros(s.buy_and_hold_equity).c_str(),
              100 * (hold / start - 1));
  if (s.positions.empty()) {
    std::printf("no open positions\n");
  } else {
    std::printf("%-8s %8s %10s %10s %10s %10s %10s %6s %12s\n", "symbol", "shares", "entry", "entered", "stop", "target",
                "last", "held", "unrealised $");
    for (const auto& p : s.positions) {
      std::printf("%-8s %8lld %10.2f %10s %10s %10s %10.2f %6lld %12s\n", p.symbol.c_str(),
                  static_cast<long long>(p.shares), p.entry_price, FormatDate(p.entry_day).c_str(), Level(p.stop).c_str(),
                  Level(p.target).c_str(), p.last_close, static_cast<long long>(p.sessions_held),
                  portfolio::FormatMicros(p.unrealised).c_str());
    }
  }
  if (s.orders.empty()) {
    std::printf("no orders for the next open\n");
  } else {
    std::printf("orders (paper orders --format csv exports them):\n");
    for (const auto& o : s.orders) {
      std::printf("  %-4s %6lld %-6s %-3s %s%s %s  %s\n", o.side.c_str(), static_cast<long long>(o.quantity),
                  o.symbol.c_str(), o.type.c_str(), o.limit > 0 ? fmt::format("limit {:.2f} ", o.limit).c_str() : "",
                  o.stop > 0 ? fmt::format("stop {:.2f} ", o.stop).c_str() : "", o.time_in_force.c_str(), o.note.c_str());
    }
  }
}

int Finish(const Result<app::PaperStatus>& status, bool json) {
  if (!status.ok()) return Report(status.error());
  if (json) {
    std::printf("%s\n", status->ToJson().dump(2).c_str());
  } else {
    PrintStatus(*status);
  }
  return kExitOk;
}

int RunInit(const PaperOptions& o) {
  app::PaperInitRequest r;
  r.name = o.account;
  r.config.strategy = o.strategy;
  auto symbols = data::ParseSymbolList(o.symbols);
  if (!symbols.ok()) return Usage(Fail(ErrorCode::kInvalidInput, "--symbols: {}", symbols.error().message));
  r.config.symbols = std::move(symbols).value();
  auto engine = EngineConfigOf(o.engine);
  if (!engine.ok()) return Usage(engine.error());
  r.config.engine = *engine;
  r.config.fast = o.fast;
  r.config.slow = o.slow;
  r.config.model_dir = o.model_dir;
  r.config.horizon = o.horizon;
  if (!o.model_dir.empty() && o.strategy != "signals") {
    return Usage(Fail(ErrorCode::kInvalidInput, "--model-dir is for --strategy signals (the published model set it trades)"));
  }
  auto as_of = AsOf(o);
  if (!as_of.ok()) return Usage(as_of.error());
  r.as_of = *as_of;
  r.now = SystemClock().Now();
  auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  auto status = app::InitPaperAccount(*db, r);
  if (status.ok() && !o.json) std::printf("opened paper account %s at the close of %s\n", o.account.c_str(), FormatDate(status->inception).c_str());
  return Finish(status, o.json);
}

int RunRun(const PaperOptions& o) {
  auto as_of = AsOf(o);
  if (!as_of.ok()) return Usage(as_of.error());
  int fetch_failures = 0;
  if (o.fetch) {
    auto failed = FetchForAccount(o);
    if (!failed.ok()) return Report(failed.error());
    fetch_failures = *failed;
  }
  auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  auto report = app::RunPaperAccount(*db, {o.account, *as_of, SystemClock().Now()}, [&](const app::PaperSessionDone& d) {
    if (o.json) return;
    std::printf("%s: %s; equity $%s\n", FormatDate(d.day).c_str(),
                d.fills.empty() ? "no fill" : fmt::format("{}", fmt::join(d.fills, "; ")).c_str(),
                portfolio::FormatMicros(d.equity).c_str());
    std::fflush(stdout);
  });
  if (!report.ok()) return Report(report.error());
  if (report->done.empty() && !o.json) {
    std::printf("nothing to do: paper account %s is done through %s (no newer session is stored)\n", o.account.c_str(),
                FormatDate(report->status.last_done).c_str());
  }
  const int code = Finish(report->status, o.json);
  if (fetch_failures > 0) {
    std::fprintf(stderr, "error: %d symbol(s) could not be fetched (above); the sessions stored were done\n", fetch_failures);
    return kExitFailure;
  }
  return code;
}

int RunStatus(const PaperOptions& o) {
  auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  return Finish(app::PaperAccountStatus(*db, o.account), o.json);
}

int RunHistory(const PaperOptions& o, bool equity) {
  if (o.history_format != "csv") {
    return Usage(Fail(ErrorCode::kInvalidInput, "--format: only csv is supported (got {})", Excerpt(o.history_format)));
  }
  auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  auto csv = equity ? app::PaperEquityCsv(*db, o.account) : app::PaperFillsCsv(*db, o.account);
  if (!csv.ok()) return Report(csv.error());
  std::fputs(csv->c_str(), stdout);
  return kExitOk;
}

int RunReport(const PaperOptions& o) {
  auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  auto html = app::PaperReportHtml(*db, o.account);
  if (!html.ok()) return Report(html.error());
  if (auto written = WriteOutputFile(o.html, *html); !written.ok()) return Report(written.error());
  if (o.html != "-") std::printf("wrote %s\n", o.html.c_str());
  return kExitOk;
}

int RunOrders(const PaperOptions& o) {
  if (o.format != "csv" && o.format != "text") {
    return Usage(Fail(ErrorCode::kInvalidInput, "--format: csv or text (got {})", Excerpt(o.format)));
  }
  auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  auto status = app::PaperAccountStatus(*db, o.account);
  if (!status.ok()) return Report(status.error());
  if (o.format == "csv") {
    std::fputs(app::BrokerOrdersCsv(status->orders).c_str(), stdout);
  } else {
    PrintStatus(*status);
  }
  return kExitOk;
}

}  // namespace

void AddPaperCommands(CLI::App& app) {
  auto* paper = app.add_subcommand("paper", "Paper trading: an account traded by the backtest engine one evening at a time");
  paper->require_subcommand(1);
  paper->footer(
      "\nThe evening routine (after the close):\n"
      "  qtrader paper run --account main --fetch  # the day's bars; fill last night's orders, exits, mark, tomorrow's orders\n"
      "  qtrader paper status --account main       # positions, equity vs buy-and-hold\n"
      "  qtrader paper orders --account main --format csv > orders.csv   # what to type into a broker\n"
      "A session is done once; a run killed at any point leaves the account as before that session.\n");
  auto o = std::make_shared<PaperOptions>();

  auto* init = paper->add_subcommand("init", "Open an account at a close; its strategy's first orders wait for the next open");
  init->add_option("--account", o->account, "Account name")->required();
  init->add_option("--strategy", o->strategy,
                   "sma-cross, buy-and-hold, or signals (the published models' forecasts: --model-dir)")
      ->capture_default_str();
  init->add_option("--symbols", o->symbols, "Comma-separated stored symbols")->required();
  init->add_option("--as-of", o->as_of, "Open at this close (YYYY-MM-DD; default: the symbols' last bar)");
  init->add_option("--fast", o->fast, "sma-cross: fast SMA length")->capture_default_str();
  init->add_option("--slow", o->slow, "sma-cross: slow SMA length")->capture_default_str();
  init->add_option("--model-dir", o->model_dir,
                   "signals: the folder 'qtrader train' published to; its set MODEL_DIR/<horizon>bar is read every "
                   "evening (retrain in place and the account trades the new models from the next session)");
  init->add_option("--horizon", o->horizon, "signals: the model set's horizon in sessions")
      ->capture_default_str()
      ->check(CLI::Range(1, 21));
  AddEngineOptions(init, o->engine);
  init->add_flag("--json", o->json, "Print the status as JSON");
  AddDbOption(init, o->db);
  init->callback([o] { CommandExitCode() = RunInit(*o); });

  auto* run = paper->add_subcommand("run", "Do every session since the last one done, in order (each once)");
  run->add_option("--account", o->account, "Account name")->required();
  run->add_option("--as-of", o->as_of, "Stop after this session (YYYY-MM-DD; default: the last stored bar)");
  run->add_flag("--fetch", o->fetch, "Fetch the symbols' new daily bars first (as qtrader fetch)");
  run->add_option("--provider", o->provider, "With --fetch: auto (Yahoo, Stooq, then keyed providers) or one provider")
      ->capture_default_str();
  run->add_option("--base-url", o->base_url, "With --fetch: send the providers' requests to this scheme://host[:port]");
  run->add_flag("--json", o->json, "Print the status as JSON");
  AddDbOption(run, o->db);
  run->callback([o] { CommandExitCode() = RunRun(*o); });

  auto* status = paper->add_subcommand("status", "Positions, cash, equity beside buy-and-hold, tomorrow's orders");
  status->add_option("--account", o->account, "Account name")->required();
  status->add_flag("--json", o->json, "Print the status as JSON");
  AddDbOption(status, o->db);
  status->callback([o] { CommandExitCode() = RunStatus(*o); });

  auto* history = paper->add_subcommand("history", "Every fill as CSV (date,symbol,side,quantity,price,commission,reason)");
  history->add_option("--account", o->account, "Account name")->required();
  history->add_option("--format", o->history_format, "csv")->capture_default_str();
  history->add_flag("--equity", o->equity, "The daily equity instead (date,equity,cash,invested)");
  AddDbOption(history, o->db);
  history->callback([o] { CommandExitCode() = RunHistory(*o, o->equity); });

  auto* report = paper->add_subcommand("report", "The backtest tearsheet of the account's live period, as one HTML page");
  report->add_option("--account", o->account, "Account name")->required();
  report->add_option("--html", o->html, "Write the page here ('-': standard output)")->required();
  AddDbOption(report, o->db);
  report->callback([o] { CommandExitCode() = RunReport(*o); });

  auto* orders = paper->add_subcommand("orders", "Tomorrow's orders as a broker takes them (symbol,side,quantity,type,limit,stop,time_in_force,note)");
  orders->add_option("--account", o->account, "Account name")->required();
  orders->add_option("--format", o->format, "csv or text")->capture_default_str();
  AddDbOption(orders, o->db);
  orders->callback([o] { CommandExitCode() = RunOrders(*o); });
}

}  // namespace qat::cli
