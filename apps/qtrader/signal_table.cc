#include "signal_table.h"

#include <cmath>
#include <cstdio>
#include <string>

#include <fmt/format.h>

#include "qat/portfolio/money.h"

namespace qat::cli {
namespace {

std::string Price(double v) { return std::isfinite(v) ? fmt::format("{:.2f}", v) : "-"; }

}  // namespace

void PrintSignalsTable(const app::SignalsReport& report) {
  std::printf("%-6s %-10s %-8s %6s %6s %-11s %7s %-5s %6s %9s %9s %9s  %s\n", "symbol", "as of", "dir", "P(up)",
              "conf", "timeframes", "prob_up", "act", "shares", "entry", "stop", "target", "refused by / reason");
  for (const auto& s : report.signals) {
    const auto& c = s.confluence;
    std::string tfs;
    for (const auto& tf : c.timeframes) {
      tfs += !tf.available ? "." : tf.log_odds > 0 ? "+" : tf.log_odds < 0 ? "-" : "0";
    }
    const auto& p = s.plan;
    const bool trade = p.action != signals::Action::kNone;
    std::printf("%-6s %-10s %-8s %6.3f %6.3f %-11s %7.3f %-5s %6lld %9s %9s %9s  %s\n", s.symbol.c_str(),
                FormatDate(s.as_of).c_str(), std::string(signals::DirectionName(c.direction)).c_str(), c.probability,
                c.Confidence(), tfs.c_str(), s.forecast.prob_up,
                std::string(signals::ActionName(p.action)).c_str(), static_cast<long long>(p.shares),
                Price(p.entry).c_str(), Price(p.stop).c_str(), Price(p.target).c_str(),
                trade ? fmt::format("risk ${:.2f}, exit after {} sessions", portfolio::ToDollars(p.risk),
                                    p.time_exit_sessions).c_str()
                      : fmt::format("{}: {}", p.refused_by, p.reason).c_str());
  }
  for (const auto& skipped : report.skipped) std::printf("skipped: %s\n", skipped.c_str());
  std::printf("timeframes column: one mark per timeframe (");
  if (!report.signals.empty()) {
    for (const auto& tf : report.signals.front().confluence.timeframes) {
      std::printf("%s", std::string(signals::TimeframeName(tf.timeframe)).c_str());
      if (&tf != &report.signals.front().confluence.timeframes.back()) std::printf(" ");
    }
  }
  std::printf("): + bullish, - bearish, 0 nothing fired, . unavailable\n");
}

}  // namespace qat::cli
