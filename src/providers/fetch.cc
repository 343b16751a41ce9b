#include "qat/providers/fetch.h"

#include <algorithm>

#include "qat/store/actions.h"

namespace qat::providers {
namespace {

Result<std::optional<std::pair<Timestamp, Timestamp>>> StoredSpan(store::Database& db,
                                                                   const std::string& symbol,
                                                                   data::Interval interval) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare(
      "SELECT min(start), max(start), count(*) FROM bars WHERE symbol = ?1 AND interval = ?2"));
  stmt.Bind(1, std::string_view(symbol)).Bind(2, data::IntervalName(interval));
  QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row || stmt.ColumnInt(2) == 0) return std::optional<std::pair<Timestamp, Timestamp>>();
  return std::optional<std::pair<Timestamp, Timestamp>>(std::pair{stmt.ColumnInt(0), stmt.ColumnInt(1)});
}

std::string When(data::Interval interval, Timestamp t) {
  return data::IsIntraday(interval) ? FormatTimestampNewYork(t)
                                    : FormatDate(static_cast<Days>(t / kSecondsPerDay));
}

}  // namespace

std::vector<std::pair<Timestamp, Timestamp>> MissingRanges(
    std::optional<std::pair<Timestamp, Timestamp>> stored, Timestamp from, Timestamp to,
    data::Interval interval) {
  std::vector<std::pair<Timestamp, Timestamp>> out;
  if (from > to) return out;
  if (!stored) {
    out.emplace_back(from, to);
    return out;
  }
  const auto [first, last] = *stored;
  if (from < first) out.emplace_back(from, std::min(to, first - 1));
  const Timestamp after = last + data::IntervalSeconds(interval);
  if (to >= after) out.emplace_back(std::max(from, after), to);
  return out;
}

Timestamp DefaultFrom(data::Interval interval, Timestamp now) {
  switch (interval) {
    case data::Interval::k1m: return now - 7 * kSecondsPerDay;
    case data::Interval::k5m:
    case data::Interval::k15m:
    case data::Interval::k30m: return now - 59 * kSecondsPerDay;
    case data::Interval::k1h:
    case data::Interval::k4h: return now - 729 * kSecondsPerDay;
    default: return 0;
  }
}

std::vector<SymbolOutcome> FetchSymbols(store::Database& db, const FetchPlan& plan,
                                        const ProviderContext& ctx,
                                        const std::function<void(const SymbolOutcome&)>& progress) {
  std::vector<SymbolOutcome> outcomes;
  // One provider object per name for the whole run, so each rate limiter sees every call.
  std::vector<std::pair<std::string, Result<std::unique_ptr<Provider>>>> providers;
  for (const std::string& name : plan.providers) providers.emplace_back(name, MakeProvider(name, ctx));
  const Timestamp now = ctx.clock->Now();
  const bool intraday = data::IsIntraday(plan.interval);
  for (const std::string& symbol : plan.symbols) {
    SymbolOutcome outcome;
    outcome.symbol = symbol;
    outcome.interval = plan.interval;
    auto finish = [&] {
      if (progress) progress(outcome);
      outcomes.push_back(outcome);
    };
    auto span = StoredSpan(db, symbol, plan.interval);
    if (!span.ok()) {
      outcome.message = span.error().message;
      finish();
      continue;
    }
    Timestamp from = 0;
    if (plan.start) {
      from = intraday ? NewYorkTime(*plan.start, 0) : Timestamp{*plan.start} * kSecondsPerDay;
    } else if (*span) {
      from = span->value().first;  // no --start: only what follows the stored bars
    } else {
      from = DefaultFrom(plan.interval, now);
    }
    Timestamp to = now;
    if (plan.end) {
      to = intraday ? NewYorkTime(*plan.end + 1, 0) - 1 : Timestamp{*plan.end} * kSecondsPerDay;
    }
    const auto ranges = MissingRanges(*span, from, to, plan.interval);
    if (ranges.empty()) {
      outcome.ok = true;
      outcome.up_to_date = true;
      finish();
      continue;
    }
    std::string reasons;
    for (auto& [name, provider] : providers) {
      if (!provider.ok()) {
        reasons += fmt::format("{}{}", reasons.empty() ? "" : "; ", provider.error().message);
        continue;
      }
      data::BarSeries bars;
      bars.symbol = symbol;
      bars.interval = plan.interval;
      std::vector<store::CorporateAction> actions;
      std::vector<std::string> notes;
      std::string failure;
      for (const auto& [range_from, range_to] : ranges) {
        auto got = (*provider)->Fetch({symbol, plan.interval, range_from, range_to});
        if (!got.ok()) {
          failure = got.error().message;
          break;
        }
        // Ranges are disjoint and ascending; merge keeping order.
        for (std::size_t i = 0; i < got->bars.size(); ++i) {
          if (bars.empty() || got->bars.start[i] > bars.start.back()) bars.Append(got->bars.At(i));
        }
        for (auto& a : got->actions) actions.push_back(std::move(a));
        for (auto& n : got->notes) notes.push_back(std::move(n));
      }
      if (failure.empty() && bars.empty() && !*span) {
        failure = fmt::format("{} {}: no bars returned (unknown symbol, or nothing in {} .. {})",
                              name, symbol, When(plan.interval, from), When(plan.interval, to));
      }
      if (!failure.empty()) {
        reasons += fmt::format("{}{}", reasons.empty() ? "" : "; ", failure);
        continue;
      }
      // Actions first, then bars, each in its own transaction. A crash between them leaves
      // the new actions with the old bars: consistent (the cached history is adjusted for
      // the split at read time) and completed by the next fetch.
      std::sort(actions.begin(), actions.end(), [](const auto& a, const auto& b) {
        return a.date != b.date ? a.date < b.date : a.type < b.type;
      });
      actions.erase(std::unique(actions.begin(), actions.end(), [](const auto& a, const auto& b) {
                      return a.date == b.date && a.type == b.type;
                    }), actions.end());
      auto action_stats = store::UpsertActions(db, actions);
      if (!action_stats.ok()) {
        reasons += fmt::format("{}{}", reasons.empty() ? "" : "; ", action_stats.error().message);
        break;  // a store problem: another provider will not fix it
      }
      store::UpsertStats bar_stats;
      if (!bars.empty()) {
        auto stored = store::UpsertBars(db, bars);
        if (!stored.ok()) {
          reasons += fmt::format("{}{}", reasons.empty() ? "" : "; ", stored.error().message);
          break;
        }
        bar_stats = *stored;
      }
      outcome.ok = true;
      outcome.provider = name;
      outcome.bars = bars.size();
      outcome.bar_stats = bar_stats;
      outcome.action_stats = *action_stats;
      for (const auto& a : actions) ++(a.type == store::ActionType::kSplit ? outcome.splits : outcome.dividends);
      if (!bars.empty()) {
        outcome.first = bars.start.front();
        outcome.last = bars.start.back();
      }
      outcome.notes = std::move(notes);
      break;
    }
    if (!outcome.ok) outcome.message = reasons;
    finish();
  }
  return outcomes;
}

std::string DescribeOutcome(const SymbolOutcome& s) {
  if (!s.ok) return fmt::format("{}: FAILED: {}", s.symbol, s.message);
  if (s.up_to_date) return fmt::format("{}: up to date (nothing missing, no request)", s.symbol);
  std::string line = fmt::format("{} {} {}: {} bar{}", s.symbol, data::IntervalName(s.interval), s.provider, s.bars, s.bars == 1 ? "" : "s");
  if (s.bars > 0) {
    line += fmt::format(" {} .. {}", When(s.interval, s.first), When(s.interval, s.last));
  }
  line += fmt::format(" ({} new, {} updated, {} unchanged); {} split{}, {} dividend{}",
                      s.bar_stats.inserted, s.bar_stats.updated, s.bar_stats.unchanged, s.splits,
                      s.splits == 1 ? "" : "s", s.dividends, s.dividends == 1 ? "" : "s");
  for (const auto& note : s.notes) line += "\n  note: " + note;
  return line;
}

}  // namespace qat::providers
