#include "app/paper_state.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "qat/core/json.h"

namespace qat::app {
namespace {

using backtest::EngineState;
using nlohmann::json;

double LevelOf(const json& j) { return j.is_null() ? std::numeric_limits<double>::quiet_NaN() : j.get<double>(); }

json Side(backtest::PositionSide side) { return side == backtest::PositionSide::kLong ? "long" : "short"; }
backtest::PositionSide SideOf(const json& j) {
  return j.get<std::string>() == "short" ? backtest::PositionSide::kShort : backtest::PositionSide::kLong;
}

std::size_t IndexOf(const std::vector<std::string>& symbols, const std::string& symbol) {
  const auto it = std::find(symbols.begin(), symbols.end(), symbol);
  if (it == symbols.end()) throw std::out_of_range("unknown symbol " + symbol);
  return static_cast<std::size_t>(it - symbols.begin());
}

Days DayOf(const json& j) {
  auto day = ParseDate(j.get<std::string>());
  if (!day.ok()) throw std::invalid_argument(day.error().message);
  return *day;
}

// The last close on or before `day`, or NaN.
double CloseOn(const data::BarSeries& s, Days day) {
  double close = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t k = 0; k < s.size() && s.DayAt(k) <= day; ++k) close = s.close[k];
  return close;
}

json CountsJson(const backtest::RunCounts& c) {
  return {c.ambiguous_bars, c.resolved_by_finer_bars, c.zero_share_skips, c.refused_slots,
          c.refused_filter, c.refused_held,           c.entries_past_level, c.expired_entries};
}

}  // namespace

json EngineStateToJson(const EngineState& s, const std::vector<std::string>& symbols) {
  const auto& a = s.account;
  json positions = json::array(), pending = json::array(), exits = json::array(), fills = json::array(),
       trades = json::array();
  for (const auto& p : a.positions()) {
    positions.push_back({{"symbol", symbols[p.symbol]}, {"shares", p.shares}, {"entry_price", p.entry_price},
                         {"entry_day", FormatDate(p.entry_day)}, {"entry_commission", p.entry_commission},
                         {"side", Side(p.bracket.side)}, {"stop", JsonNumber(p.bracket.stop)},
                         {"target", JsonNumber(p.bracket.target)}, {"max_bars", p.max_bars},
                         {"entry_reason", p.entry_reason}});
  }
  for (const auto& e : s.pending) {
    const auto& o = e.order;
    pending.push_back({{"symbol", symbols[o.symbol]}, {"side", Side(o.side)}, {"type", static_cast<int>(o.type)},
                       {"trigger", JsonNumber(o.trigger)}, {"valid_bars", o.valid_bars}, {"stop", JsonNumber(o.stop)},
                       {"target", JsonNumber(o.target)}, {"max_bars", o.max_bars}, {"fraction", o.fraction},
                       {"score", o.score}, {"reason", o.reason}, {"bars_left", e.bars_left}});
  }
  for (const auto& e : s.exits) exits.push_back({{"symbol", symbols[e.symbol]}, {"reason", e.reason}});
  for (const auto& f : a.fills()) {
    fills.push_back({FormatDate(f.day), symbols[f.symbol], f.buy, f.quantity, f.price, f.commission, f.reason});
  }
  for (const auto& t : a.trades()) {
    trades.push_back({symbols[t.symbol], t.shares, FormatDate(t.entry_day), t.entry_price,
                      t.exit_day ? FormatDate(*t.exit_day) : "", t.exit_price, t.exit_reason, t.pnl, t.commissions,
                      t.bars_held});
  }
  return {{"cash", a.cash()},         {"fees", a.fees()},   {"positions", positions}, {"pending", pending},
          {"exits", exits},           {"fills", fills},     {"trades", trades},       {"counts", CountsJson(s.counts)},
          {"decided", FormatDate(s.decided)}, {"equity", s.equity}};
}

Result<EngineState> EngineStateFromJson(const json& j, const std::vector<std::string>& symbols) {
  try {
    std::vector<backtest::Position> positions;
    for (const auto& p : j.at("positions")) {
      backtest::Position q;
      q.symbol = IndexOf(symbols, p.at("symbol").get<std::string>());
      q.shares = p.at("shares").get<std::int64_t>();
      q.entry_price = p.at("entry_price").get<double>();
      q.entry_day = DayOf(p.at("entry_day"));
      q.entry_commission = p.at("entry_commission").get<std::int64_t>();
      q.bracket = {SideOf(p.at("side")), LevelOf(p.at("stop")), LevelOf(p.at("target"))};
      q.max_bars = p.at("max_bars").get<int>();
      q.entry_reason = backtest::InternReason(p.at("entry_reason").get<std::string>());
      positions.push_back(q);
    }
    std::vector<backtest::Fill> fills;
    for (const auto& f : j.at("fills")) {
      fills.push_back({DayOf(f.at(0)), IndexOf(symbols, f.at(1).get<std::string>()), f.at(2).get<bool>(),
                       f.at(3).get<std::int64_t>(), f.at(4).get<double>(), f.at(5).get<std::int64_t>(),
                       backtest::InternReason(f.at(6).get<std::string>())});
    }
    std::vector<backtest::Trade> trades;
    for (const auto& t : j.at("trades")) {
      backtest::Trade u;
      u.symbol = IndexOf(symbols, t.at(0).get<std::string>());
      u.shares = t.at(1).get<std::int64_t>();
      u.entry_day = DayOf(t.at(2));
      u.entry_price = t.at(3).get<double>();
      if (!t.at(4).get<std::string>().empty()) u.exit_day = DayOf(t.at(4));
      u.exit_price = t.at(5).get<double>();
      u.exit_reason = backtest::InternReason(t.at(6).get<std::string>());
      u.pnl = t.at(7).get<std::int64_t>();
      u.commissions = t.at(8).get<std::int64_t>();
      u.bars_held = t.at(9).get<std::size_t>();
      trades.push_back(u);
    }
    auto account = backtest::Account::Restore(j.at("cash").get<std::int64_t>(), j.at("fees").get<std::int64_t>(),
                                              std::move(positions), std::move(fills), std::move(trades), symbols.size());
    if (!account) return Fail(ErrorCode::kCorrupt, "paper state: two positions in one symbol");
    EngineState s;
    s.account = std::move(*account);
    for (const auto& e : j.at("pending")) {
      backtest::PendingEntry p;
      auto& o = p.order;
      o.symbol = IndexOf(symbols, e.at("symbol").get<std::string>());
      o.side = SideOf(e.at("side"));
      o.type = static_cast<backtest::EntryType>(e.at("type").get<int>());
      o.trigger = LevelOf(e.at("trigger"));
      o.valid_bars = e.at("valid_bars").get<int>();
      o.stop = LevelOf(e.at("stop"));
      o.target = LevelOf(e.at("target"));
      o.max_bars = e.at("max_bars").get<int>();
      o.fraction = e.at("fraction").get<double>();
      o.score = e.at("score").get<double>();
      o.reason = backtest::InternReason(e.at("reason").get<std::string>());
      p.bars_left = e.at("bars_left").get<int>();
      s.pending.push_back(p);
    }
    for (const auto& e : j.at("exits")) {
      s.exits.push_back({IndexOf(symbols, e.at("symbol").get<std::string>()),
                         backtest::InternReason(e.at("reason").get<std::string>())});
    }
    const auto& c = j.at("counts");
    s.counts = {c.at(0).get<std::int64_t>(), c.at(1).get<std::int64_t>(), c.at(2).get<std::int64_t>(),
                c.at(3).get<std::int64_t>(), c.at(4).get<std::int64_t>(), c.at(5).get<std::int64_t>(),
                c.at(6).get<std::int64_t>(), c.at(7).get<std::int64_t>()};
    s.decided = DayOf(j.at("decided"));
    s.equity = j.at("equity").get<std::int64_t>();
    return s;
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kCorrupt, "paper state: {}", e.what());
  }
}

std::vector<std::string> ApplyNewSplits(EngineState& state, const std::vector<std::string>& symbols,
                                        const json& known, const json& stored, const std::vector<data::BarSeries>& daily) {
  std::vector<std::string> applied;
  for (const auto& split : stored) {
    if (std::find(known.begin(), known.end(), split) != known.end()) continue;
    const std::string symbol = split.at(0).get<std::string>();
    const Days ex_date = *ParseDate(split.at(1).get<std::string>());
    const double ratio = split.at(2).get<double>();
    const auto at = std::find(symbols.begin(), symbols.end(), symbol);
    if (at == symbols.end() || !(ratio > 0)) continue;
    const auto i = static_cast<std::size_t>(at - symbols.begin());
    std::vector<backtest::Position> positions = state.account.positions();
    std::int64_t cash = state.account.cash();
    for (auto& p : positions) {
      if (p.symbol != i || p.entry_day >= ex_date) continue;
      const double exact = static_cast<double>(p.shares) * ratio;
      const double whole = exact > 0 ? std::floor(exact + 1e-9) : std::ceil(exact - 1e-9);
      const double close = CloseOn(daily[i], ex_date - 1);  // on the adjusted basis already
      cash += backtest::TradeValue(1, (exact - whole) * close);
      p.shares = static_cast<std::int64_t>(whole);
      p.entry_price /= ratio;
      p.bracket.stop /= ratio;
      p.bracket.target /= ratio;
      applied.push_back(fmt::format("{} split {} on {}: {} shares, entry {:.4f}", symbol, ratio, FormatDate(ex_date),
                                    p.shares, p.entry_price));
    }
    auto restored = backtest::Account::Restore(cash, state.account.fees(), positions, state.account.fills(),
                                               state.account.trades(), symbols.size());
    if (restored) state.account = std::move(*restored);
    if (state.decided < ex_date) {
      for (auto& e : state.pending) {
        if (e.order.symbol != i) continue;
        e.order.trigger /= ratio;
        e.order.stop /= ratio;
        e.order.target /= ratio;
      }
    }
  }
  return applied;
}

}  // namespace qat::app
