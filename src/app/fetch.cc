#include "qat/app/fetch.h"

#include <algorithm>
#include <cstdlib>

#include "qat/core/clock.h"
#include "qat/store/actions.h"
#include "qat/store/store.h"

namespace qat::app {

using providers::MakeProvider;
using providers::Provider;
namespace {

// The stored series' first and last bar starts (nullopt when none is stored), read through
// the store so that its content hash is checked.
Result<std::optional<std::pair<Timestamp, Timestamp>>> StoredSpan(store::Database& db,
                                                                   const std::string& symbol,
                                                                   data::Interval interval) {
  using Span = std::optional<std::pair<Timestamp, Timestamp>>;
  QAT_ASSIGN_OR_RETURN(auto listed, store::ListSeries(db));
  for (const auto& s : listed) {
    if (s.symbol != symbol || s.interval != interval) continue;
    QAT_ASSIGN_OR_RETURN(auto stored, store::LoadStoredSeries(db, symbol, interval));
    return Span(std::pair{stored.bars.start.front(), stored.bars.start.back()});
  }
  return Span();
}

// How far before the last stored bar (after the first) an incremental fetch reaches back, so
// that the store can check the join on shared sessions.
Timestamp JoinOverlap(data::Interval interval) {
  if (data::IsIntraday(interval)) return kSecondsPerDay;
  return (interval == data::Interval::k1wk ? 28 : 14) * kSecondsPerDay;
}

// What each provider's prices mean (docs/providers.md).
store::BarOrigin ProviderOrigin(std::string_view provider, data::Interval interval, Timestamp now) {
  const Days today = NewYorkDay(now);
  if (provider == "yahoo") return {data::PriceBasis::kRaw, "yahoo", 0};
  if (provider == "stooq") return {data::PriceBasis::kSplitDividend, "stooq", today};
  if (provider == "alphavantage") {
    if (data::IsIntraday(interval)) return {data::PriceBasis::kSplitDividend, "alphavantage", today};
    return {data::PriceBasis::kRaw, "alphavantage", 0};
  }
  return {data::PriceBasis::kSplit, std::string(provider), today};  // finnhub
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
                                        const providers::ProviderContext& ctx,
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
    if (plan.replace) span->reset();  // the whole history again, from one provider
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
    auto ranges = MissingRanges(*span, from, to, plan.interval);
    // Ask for a few stored sessions too: the store checks the join on them, and refuses a
    // source that disagrees with the stored bars rather than joining them with a jump.
    if (*span) {
      const auto [first, last] = span->value();
      for (auto& [range_from, range_to] : ranges) {
        if (range_from > last) range_from = std::max(first, last - JoinOverlap(plan.interval));
        if (range_to < first) range_to = std::min(last, first + JoinOverlap(plan.interval));
      }
    }
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
      // Actions and bars in one transaction, checked against what is stored (qat/store/bars.h).
      std::sort(actions.begin(), actions.end(), [](const auto& a, const auto& b) {
        return a.date != b.date ? a.date < b.date : a.type < b.type;
      });
      actions.erase(std::unique(actions.begin(), actions.end(), [](const auto& a, const auto& b) {
                      return a.date == b.date && a.type == b.type;
                    }), actions.end());
      store::SeriesWrite write;
      write.bars = std::move(bars);
      write.origin = ProviderOrigin(name, plan.interval, now);
      write.actions = std::move(actions);
      write.replace = plan.replace;
      auto written = store::WriteSeries(db, write);
      if (!written.ok()) {
        reasons += fmt::format("{}{}", reasons.empty() ? "" : "; ", written.error().message);
        break;  // a store problem or a refused join: another provider will not fix it
      }
      outcome.ok = true;
      outcome.provider = name;
      outcome.bars = write.bars.size();
      outcome.bar_stats = written->bars;
      outcome.action_stats = written->actions;
      outcome.overlap_sessions = written->overlap_sessions;
      outcome.replaced = written->replaced;
      for (const auto& a : write.actions) {
        ++(a.type == store::ActionType::kSplit ? outcome.splits : outcome.dividends);
      }
      if (!write.bars.empty()) {
        outcome.first = write.bars.start.front();
        outcome.last = write.bars.start.back();
      }
      outcome.notes = std::move(notes);
      break;
    }
    if (!outcome.ok) outcome.message = reasons;
    finish();
  }
  return outcomes;
}

std::vector<std::string> ProvidersFor(std::string_view choice) {
  if (choice != "auto") return {std::string(choice)};
  std::vector<std::string> out = {"yahoo", "stooq"};
  if (std::getenv("ALPHAVANTAGE_API_KEY") != nullptr) out.push_back("alphavantage");
  if (std::getenv("FINNHUB_API_KEY") != nullptr) out.push_back("finnhub");
  return out;
}

Result<std::vector<SymbolOutcome>> FetchIntoStore(const std::filesystem::path& store_path, const FetchPlan& plan,
                                                  const FetchSettings& settings,
                                                  const std::function<void(const SymbolOutcome&)>& progress) {
  if (plan.symbols.empty()) return Fail(ErrorCode::kInvalidInput, "no symbol given");
  if (plan.start && plan.end && *plan.start > *plan.end) {
    return Fail(ErrorCode::kInvalidInput, "start {} is after end {}", FormatDate(*plan.start), FormatDate(*plan.end));
  }
  QAT_ASSIGN_OR_RETURN(auto http_options, providers::HttpOptionsFromEnv());
  providers::HttpClient http(http_options);
  SystemClock clock;
  providers::ProviderContext ctx;
  ctx.http = &http;
  ctx.clock = &clock;
  ctx.base_url = settings.base_url;
  ctx.repair_ohlc = settings.repair_ohlc;
  // Check the names and keys before touching the store.
  for (const std::string& name : plan.providers) {
    auto made = MakeProvider(name, ctx);
    if (!made.ok()) return made.error();
  }
  QAT_ASSIGN_OR_RETURN(auto db, store::OpenStore(store_path, store::OpenMode::kCreate));
  return FetchSymbols(db, plan, ctx, progress);
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
  if (s.replaced > 0) line += fmt::format("; replaced {} stored bars", s.replaced);
  if (s.overlap_sessions > 0) line += fmt::format("; agrees with the store on {} shared sessions", s.overlap_sessions);
  for (const auto& note : s.notes) line += "\n  note: " + note;
  return line;
}

}  // namespace qat::app
