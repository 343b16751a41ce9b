#include "qat/app/account_monitor.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "qat/core/json.h"
#include "qat/patterns/statistics.h"
#include "qat/store/paper.h"

namespace qat::app {

Result<AccountRecord> PaperAccountRecordOf(store::Database& db, const std::string& name, Days through) {
  QAT_ASSIGN_OR_RETURN(auto config, PaperAccountConfig(db, name));
  QAT_ASSIGN_OR_RETURN(auto account, store::LoadPaperAccount(db, name));
  QAT_ASSIGN_OR_RETURN(auto sessions, store::LoadPaperSessions(db, name));
  std::erase_if(sessions, [through](const store::PaperSessionRecord& s) { return s.day > through; });
  AccountRecord a;
  a.name = name;
  a.strategy = config.strategy;
  a.inception = account->inception;
  a.last_done = sessions.empty() ? a.inception : sessions.back().day;
  a.sessions = static_cast<std::int64_t>(sessions.size());
  a.equity.days.push_back(a.inception);
  a.equity.equity.push_back(portfolio::MicrosToDollars(config.engine.initial_cash));
  for (const auto& s : sessions) {
    a.equity.days.push_back(s.day);
    a.equity.equity.push_back(portfolio::MicrosToDollars(s.equity));
  }
  if (!sessions.empty()) {
    auto json = nlohmann::json::parse(sessions.back().metrics_json, nullptr, false);
    auto metrics = PaperSessionMetrics::FromJson(json);
    if (!metrics.ok()) {
      return metrics.error().WithContext(
          fmt::format("paper account '{}', session {}", name, FormatDate(sessions.back().day)));
    }
    a.last = *metrics;
  }
  const auto interval = patterns::WilsonInterval(a.last.wins, a.last.closed_trades);
  a.hit_rate = a.last.closed_trades > 0 ? static_cast<double>(a.last.wins) / static_cast<double>(a.last.closed_trades)
                                        : std::numeric_limits<double>::quiet_NaN();
  a.hit_low = interval.lo;
  a.hit_high = interval.hi;
  return a;
}

Result<AccountMonitorReport> MonitorPaperAccount(store::Database& db, const std::string& name,
                                                 monitor::MonitorRequest request) {
  AccountMonitorReport report;
  QAT_ASSIGN_OR_RETURN(report.account, PaperAccountRecordOf(db, name, request.evaluation_day));
  QAT_ASSIGN_OR_RETURN(auto config, PaperAccountConfig(db, name));
  const monitor::EquityCurve& curve = report.account.equity;
  if (report.account.inception > request.evaluation_day) {
    report.notes.push_back(fmt::format("account {} was opened after {}: nothing to judge", name,
                                       FormatDate(request.evaluation_day)));
    return report;
  }
  if (config.strategy == "signals") {
    request.model_dir = config.model_dir;
    request.horizon = config.horizon;
    request.equity = curve;
    QAT_ASSIGN_OR_RETURN(auto models, monitor::RunMonitor(db, request));
    report.recommendations = models.recommendations;
    report.models = std::move(models);
  } else {
    monitor::MonitorInputs in;
    in.evaluation_day = request.evaluation_day;
    in.equity_days = curve.days;
    in.equity = curve.equity;
    QAT_ASSIGN_OR_RETURN(report.recommendations, monitor::CheckDrawdown(in, request.config));
    report.notes.push_back(fmt::format("account {} trades {}, no model: only its drawdown (HALT) is judged", name,
                                       config.strategy));
  }
  if (report.account.last.closed_trades < 30) {
    report.notes.push_back(fmt::format("hit rate: {} closed trades; an interval this wide says little",
                                       report.account.last.closed_trades));
  }
  return report;
}

nlohmann::json AccountRecord::ToJson() const {
  return {{"account", name},
          {"strategy", strategy},
          {"inception", FormatDate(inception)},
          {"last_done", FormatDate(last_done)},
          {"sessions", sessions},
          {"metrics", last.ToJson()},
          {"hit_rate", JsonNumber(hit_rate)},
          {"hit_interval", {JsonNumber(hit_low), JsonNumber(hit_high)}}};
}

nlohmann::json AccountMonitorReport::ToJson() const {
  nlohmann::json recs = nlohmann::json::array();
  for (const auto& r : recommendations) recs.push_back(r.ToJson());
  return {{"account", account.ToJson()},
          {"models", models ? models->ToJson() : nlohmann::json()},
          {"notes", notes},
          {"recommendations", recs}};
}

}  // namespace qat::app
