// check, resample: data quality against the exchange calendar, and session-aware resampling.
#include <cstdio>
#include <memory>

#include "commands.h"
#include "paths.h"
#include "qat/app/ingest.h"
#include "qat/core/clock.h"
#include "qat/core/strings.h"
#include "qat/data/quality.h"
#include "qat/data/symbol.h"
#include "qat/data/resample.h"
#include "qat/store/actions.h"
#include "qat/store/bars.h"
#include "qat/store/series_check.h"
#include "qat/store/store.h"

namespace qat::cli {
namespace {

struct CheckOptions {
  std::string symbol, interval = "1d", db, as_of, split_dates;
  double max_move = 0.5;
  int max_stale_sessions = 1;
  bool store = false, all = false;
};

struct ResampleCommandOptions {
  std::string symbol, from, to, db;
  bool extended_hours = false, replace = false;
};

// Lines of one kind shown before the rest are summarised (check --all shows every one).
constexpr std::size_t kCheckLinesPerKind = 20;

Result<std::vector<Days>> ParseDateList(const std::string& text) {
  std::vector<Days> out;
  if (Trim(text).empty()) return out;
  for (auto part : Split(text, ',')) {
    auto day = ParseDate(Trim(part));
    if (!day.ok()) return Fail("--split-dates: {}", day.error().message);
    out.push_back(*day);
  }
  return out;
}

int RunStoreCheck(const std::string& db_option) {
  const auto path = ResolveDbPath(db_option);
  auto db = store::OpenStore(path, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  auto check = store::CheckStore(*db);
  if (!check.ok()) return Report(check.error());
  std::printf("%s: SQLite integrity check and content hashes of %zu series and %zu action sets\n", path.c_str(),
              check->series, check->action_sets);
  for (const auto& line : check->problems) std::printf("problem: %s\n", line.c_str());
  if (check->ok()) std::printf("sound: no problems\n");
  return check->ok() ? kExitOk : kExitFailure;
}

int RunCheck(const CheckOptions& o) {
  if (o.store) return RunStoreCheck(o.db);
  if (o.symbol.empty()) {
    std::fprintf(stderr, "error: check needs --symbol SYMBOL (or --store)\n");
    return kExitUsage;
  }
  auto interval = data::ParseInterval(o.interval);
  if (!interval.ok()) return Report(interval.error());
  store::SeriesCheckOptions options;
  options.max_move = o.max_move;
  options.max_stale_sessions = o.max_stale_sessions;
  auto splits = ParseDateList(o.split_dates);
  if (!splits.ok()) return Report(splits.error());
  options.extra_split_dates = *splits;
  // --as-of DATE: the check runs as at the end of that New York day.
  SystemClock system_clock;
  std::unique_ptr<FixedClock> fixed_clock;
  options.now = &system_clock;
  if (!o.as_of.empty()) {
    auto day = ParseDate(o.as_of);
    if (!day.ok()) return Report(Fail("--as-of: {}", day.error().message));
    fixed_clock = std::make_unique<FixedClock>(NewYorkTime(*day + 1, 0) - 1);
    options.as_of = fixed_clock.get();
  }
  auto symbol = data::ValidateSymbol(o.symbol);
  if (!symbol.ok()) {
    std::fprintf(stderr, "error: --symbol: %s\n", symbol.error().message.c_str());
    return kExitUsage;
  }
  auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  auto report = store::CheckStoredSeries(*db, *symbol, *interval, options);
  if (!report.ok()) return Report(report.error());
  std::fputs(data::FormatReport(*report, o.all ? 0 : kCheckLinesPerKind).c_str(), stdout);
  return report->clean() ? kExitOk : kExitFailure;
}

int RunResample(const ResampleCommandOptions& o) {
  auto from = data::ParseInterval(o.from);
  if (!from.ok()) return Report(Fail("--from: {}", from.error().message));
  auto to = data::ParseInterval(o.to);
  if (!to.ok()) return Report(Fail("--to: {}", to.error().message));
  auto valid = data::ValidateSymbol(o.symbol);
  if (!valid.ok()) {
    std::fprintf(stderr, "error: --symbol: %s\n", valid.error().message.c_str());
    return kExitUsage;
  }
  auto db = OpenStoreOption(o.db, store::OpenMode::kExisting);
  if (!db.ok()) return Report(db.error());
  auto done = app::ResampleStored(*db, {*valid, *from, *to, o.extended_hours, o.replace});
  if (!done.ok()) return Report(done.error());
  const auto& stats = done->written.bars;
  std::printf("resampled %s %s -> %s: %zu bars in, %zu bars out (%s; left out: %zu "
              "extended-hours bars, %zu bars on closed days): %lld new, %lld updated, %lld "
              "unchanged\n",
              valid->c_str(), std::string(data::IntervalName(*from)).c_str(),
              std::string(data::IntervalName(*to)).c_str(), done->bars_in, done->write.bars.size(),
              o.extended_hours ? "with extended hours" : "regular session", done->dropped_extended,
              done->dropped_closed_day, static_cast<long long>(stats.inserted),
              static_cast<long long>(stats.updated), static_cast<long long>(stats.unchanged));
  return kExitOk;
}

}  // namespace

void AddQualityCommands(CLI::App& app) {
  auto check_options = std::make_shared<CheckOptions>();
  auto* check = app.add_subcommand(
      "check", "Check stored bars: missing sessions (US exchange calendar), moves over 50% "
               "with no split, zero-volume sessions, OHLC inconsistencies, stale last bar");
  check->add_option("--symbol", check_options->symbol, "Symbol");
  check->add_flag("--store", check_options->store,
                  "Check the whole store instead: SQLite's integrity check and the content hash of every "
                  "stored series and action set");
  check->add_flag("--all", check_options->all, "List every finding (default: 20 of each kind, then a summary)");
  check->add_option("--interval", check_options->interval, "Bar interval")->capture_default_str();
  check->add_option("--as-of", check_options->as_of,
                    "Check staleness as at the end of this date (YYYY-MM-DD). Without it, only a series "
                    "whose last bar was fetched from a provider is checked for staleness (against now)");
  check->add_option("--max-stale-sessions", check_options->max_stale_sessions,
                    "Sessions the last bar may lag the last closed session")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  check->add_option("--max-move", check_options->max_move,
                    "Largest close-to-close or gap move not reported, as a fraction")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  check->add_option("--split-dates", check_options->split_dates,
                    "More dates (YYYY-MM-DD, comma-separated) where large moves are expected, besides the "
                    "stored splits");
  AddDbOption(check, check_options->db);
  check->footer("Large moves on the dates of stored splits (qtrader actions) are expected and not reported;\n"
                "a stored split that contradicts the bars' declared basis is a 'basis' finding.\n"
                "Exit code: 0 clean, 1 issues found (or an error), 2 bad usage.\n"
                "Examples: qtrader check --symbol AAPL --as-of 2026-07-21\n"
                "          qtrader check --store");
  check->callback([check_options] { CommandExitCode() = RunCheck(*check_options); });

  auto resample_options = std::make_shared<ResampleCommandOptions>();
  auto* resample = app.add_subcommand(
      "resample", "Resample stored bars to a coarser interval and store them (same symbol, "
                  "target interval); regular session 09:30-16:00 New York, bars labelled by "
                  "their start, hourly buckets anchored at 09:30");
  resample->add_option("--symbol", resample_options->symbol, "Symbol")->required();
  resample->add_option("--from", resample_options->from, "Stored interval: 1m 5m 15m 30m 1h 4h 1d")
      ->required();
  resample->add_option("--to", resample_options->to, "Target interval: 15m 30m 1h 4h 1d 1wk")
      ->required();
  resample->add_flag("--extended-hours", resample_options->extended_hours,
                     "Keep pre-market and after-hours bars (buckets never cross 09:30 or the close)");
  resample->add_flag("--replace", resample_options->replace,
                     "Replace a stored series of the target interval that comes from another source (without "
                     "it, resampled bars join such a series only where they share sessions and agree)");
  AddDbOption(resample, resample_options->db);
  resample->footer("Example: qtrader resample --symbol SPY --from 5m --to 1h");
  resample->callback([resample_options] { CommandExitCode() = RunResample(*resample_options); });
}

}  // namespace qat::cli
