// check, resample: data quality against the exchange calendar, and session-aware resampling.
#include <cstdio>
#include <memory>

#include "commands.h"
#include "paths.h"
#include "qat/core/clock.h"
#include "qat/core/strings.h"
#include "qat/data/quality.h"
#include "qat/data/resample.h"
#include "qat/store/bars.h"
#include "qat/store/store.h"

namespace qat::cli {
namespace {

struct CheckOptions {
  std::string symbol, interval = "1d", db, as_of, split_dates;
  double max_move = 0.5;
  int max_stale_sessions = 1;
};

struct ResampleCommandOptions {
  std::string symbol, from, to, db;
  bool extended_hours = false;
};

int Report(const Error& error) {
  std::fprintf(stderr, "error: %s\n", error.message.c_str());
  return kExitFailure;
}

Result<store::Database> OpenExistingStore(const std::string& db_option) {
  const auto db_path = ResolveDbPath(db_option);
  if (!std::filesystem::exists(db_path)) {
    return Fail("{}: no store here yet (run 'qtrader import' or 'qtrader fetch' first)",
                db_path.string());
  }
  return store::OpenStore(db_path);
}

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

int RunCheck(const CheckOptions& o) {
  auto interval = data::ParseInterval(o.interval);
  if (!interval.ok()) return Report(interval.error());
  data::QualityOptions options;
  options.max_move = o.max_move;
  options.max_stale_sessions = o.max_stale_sessions;
  auto splits = ParseDateList(o.split_dates);
  if (!splits.ok()) return Report(splits.error());
  options.split_dates = *splits;
  // --as-of DATE: the check runs as at the end of that New York day.
  SystemClock system_clock;
  std::unique_ptr<FixedClock> fixed_clock;
  if (!o.as_of.empty()) {
    auto day = ParseDate(o.as_of);
    if (!day.ok()) return Report(Fail("--as-of: {}", day.error().message));
    fixed_clock = std::make_unique<FixedClock>(NewYorkTime(*day + 1, 0) - 1);
    options.clock = fixed_clock.get();
  } else {
    options.clock = &system_clock;
  }
  auto db = OpenExistingStore(o.db);
  if (!db.ok()) return Report(db.error());
  auto bars = store::LoadBars(*db, {ToUpper(o.symbol), *interval, std::nullopt, std::nullopt});
  if (!bars.ok()) return Report(bars.error());
  auto report = data::CheckQuality(*bars, options);
  if (!report.ok()) return Report(report.error());
  std::fputs(data::FormatReport(*report).c_str(), stdout);
  return report->clean() ? kExitOk : kExitFailure;
}

int RunResample(const ResampleCommandOptions& o) {
  auto from = data::ParseInterval(o.from);
  if (!from.ok()) return Report(Fail("--from: {}", from.error().message));
  auto to = data::ParseInterval(o.to);
  if (!to.ok()) return Report(Fail("--to: {}", to.error().message));
  auto db = OpenExistingStore(o.db);
  if (!db.ok()) return Report(db.error());
  const std::string symbol = ToUpper(o.symbol);
  auto bars = store::LoadBars(*db, {symbol, *from, std::nullopt, std::nullopt});
  if (!bars.ok()) return Report(bars.error());
  auto result = data::Resample(*bars, *to, {.extended_hours = o.extended_hours});
  if (!result.ok()) return Report(result.error());
  if (result->series.empty()) {
    return Report(Fail("{} {}: no bars left to resample ({} outside the regular session, {} on "
                       "closed days; --extended-hours keeps the former)",
                       symbol, o.from, result->dropped_extended, result->dropped_closed_day));
  }
  auto stats = store::UpsertBars(*db, result->series);
  if (!stats.ok()) return Report(stats.error());
  std::printf("resampled %s %s -> %s: %zu bars in, %zu bars out (%s; left out: %zu "
              "extended-hours bars, %zu bars on closed days): %lld new, %lld updated, %lld "
              "unchanged\n",
              symbol.c_str(), std::string(data::IntervalName(*from)).c_str(),
              std::string(data::IntervalName(*to)).c_str(), bars->size(),
              result->series.size(), o.extended_hours ? "with extended hours" : "regular session",
              result->dropped_extended, result->dropped_closed_day,
              static_cast<long long>(stats->inserted), static_cast<long long>(stats->updated),
              static_cast<long long>(stats->unchanged));
  return kExitOk;
}

}  // namespace

void PrintQualityWarnings(store::Database& db, const std::string& symbol, data::Interval interval) {
  auto bars = store::LoadBars(db, {symbol, interval, std::nullopt, std::nullopt});
  if (!bars.ok()) {
    std::fprintf(stderr, "warning: quality check skipped: %s\n", bars.error().message.c_str());
    return;
  }
  SystemClock clock;
  data::QualityOptions options;
  options.clock = &clock;
  auto report = data::CheckQuality(*bars, options);
  if (!report.ok()) {
    std::fprintf(stderr, "warning: quality check skipped: %s\n", report.error().message.c_str());
    return;
  }
  for (const auto& line : data::FormatIssues(*report)) {
    std::fprintf(stderr, "warning: quality: %s\n", line.c_str());
  }
  if (!report->clean()) {
    std::fprintf(stderr, "warning: quality: %zu issues in the stored %s %s series (details: "
                 "qtrader check --symbol %s --interval %s)\n",
                 report->issues.size(), symbol.c_str(),
                 std::string(data::IntervalName(interval)).c_str(), symbol.c_str(),
                 std::string(data::IntervalName(interval)).c_str());
  }
}

void AddQualityCommands(CLI::App& app) {
  auto check_options = std::make_shared<CheckOptions>();
  auto* check = app.add_subcommand(
      "check", "Check stored bars: missing sessions (US exchange calendar), moves over 50% "
               "with no split, zero-volume sessions, OHLC inconsistencies, stale last bar");
  check->add_option("--symbol", check_options->symbol, "Symbol")->required();
  check->add_option("--interval", check_options->interval, "Bar interval")->capture_default_str();
  check->add_option("--as-of", check_options->as_of,
                    "Check staleness as at the end of this date (YYYY-MM-DD); default: now");
  check->add_option("--max-stale-sessions", check_options->max_stale_sessions,
                    "Sessions the last bar may lag the last closed session")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  check->add_option("--max-move", check_options->max_move,
                    "Largest close-to-close or gap move not reported, as a fraction")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  check->add_option("--split-dates", check_options->split_dates,
                    "Comma-separated split ex-dates (YYYY-MM-DD) where large moves are expected");
  AddDbOption(check, check_options->db);
  check->footer("Exit code: 0 clean, 1 issues found (or an error), 2 bad usage.\n"
                "Example: qtrader check --symbol AAPL --as-of 2026-07-21");
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
  AddDbOption(resample, resample_options->db);
  resample->footer("Example: qtrader resample --symbol SPY --from 5m --to 1h");
  resample->callback([resample_options] { CommandExitCode() = RunResample(*resample_options); });
}

}  // namespace qat::cli
