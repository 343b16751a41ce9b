// Yahoo Finance chart API v8:
//   GET /v8/finance/chart/{symbol}?period1=..&period2=..&interval=..&events=div,splits
// Response: chart.result[0] with meta (gmtoffset, tradingPeriods), timestamp[] (bar starts,
// seconds), indicators.quote[0].{open,high,low,close,volume}[] (null where Yahoo has no
// value), indicators.adjclose[0].adjclose[] (daily only), events.splits / events.dividends
// keyed by timestamp. Errors: chart.error {code, description}, usually with HTTP 404.
//
// Edge cases handled: rows with a null price are left out (noted); the trailing "live"
// point Yahoo appends (stamped at the last regularMarketTime, outside the requested period
// or the listed trading periods) is left out; a bar not yet final at `now` is left out; a
// result without a timestamp array (a weekend, a holiday) is an empty result, not an error.
#include <algorithm>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "providers/internal.h"
#include "qat/core/strings.h"

namespace qat::providers {
namespace {

using nlohmann::json;

constexpr std::string_view kName = "yahoo";
constexpr std::string_view kPublicBase = "https://query2.finance.yahoo.com";

Result<std::string_view> YahooInterval(data::Interval interval) {
  switch (interval) {
    case data::Interval::k1m: return std::string_view("1m");
    case data::Interval::k5m: return std::string_view("5m");
    case data::Interval::k15m: return std::string_view("15m");
    case data::Interval::k30m: return std::string_view("30m");
    case data::Interval::k1h: return std::string_view("60m");
    case data::Interval::k1d: return std::string_view("1d");
    case data::Interval::k1wk: return std::string_view("1wk");
    default: return Fail("yahoo has no {} bars (1m 5m 15m 30m 1h 1d 1wk)", data::IntervalName(interval));
  }
}

std::optional<double> Number(const json& array, std::size_t i) {
  if (!array.is_array() || i >= array.size() || !array[i].is_number()) return std::nullopt;
  double v = array[i].get<double>();
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

Days DayOf(Timestamp t, Timestamp gmtoffset) {
  Timestamp local = t + gmtoffset;
  return static_cast<Days>((local >= 0 ? local : local - (kSecondsPerDay - 1)) / kSecondsPerDay);
}

class Yahoo final : public Provider {
 public:
  explicit Yahoo(ProviderContext ctx)
      : ctx_(std::move(ctx)),
        limiter_("yahoo", DefaultRateWindows("yahoo"), *ctx_.clock) {}
  std::string_view name() const override { return kName; }

  Result<FetchResult> Fetch(const FetchRequest& r) override {
    QAT_ASSIGN_OR_RETURN(std::string_view interval, YahooInterval(r.interval));
    // period2 is always now: Yahoo's prices carry every split up to today, and only the
    // splits inside [period1, period2] are listed, so asking up to now lists them all.
    const Timestamp now = ctx_.clock->Now();
    const Timestamp period2 = std::max(now, r.to + 1);
    const std::string path = fmt::format(
        "/v8/finance/chart/{}?period1={}&period2={}&interval={}&events=div%2Csplits"
        "&includePrePost=false",
        internal::UrlEncode(r.symbol), std::max<Timestamp>(r.from, 0), period2, interval);
    QAT_ASSIGN_OR_RETURN(std::string url,
                         internal::BuildUrl(kPublicBase, internal::BaseUrl(ctx_, kName, kPublicBase), path));
    auto response = ctx_.http->Get(url, &limiter_);
    if (!response.ok()) return Fail("yahoo {}: {}", r.symbol, response.error().message);
    if (response->status != 200) {
      // Yahoo explains itself in chart.error, even with a 404.
      auto body = json::parse(response->body, nullptr, false);
      if (!body.is_discarded() && body.contains("chart") && body["chart"].contains("error") &&
          body["chart"]["error"].is_object()) {
        const json& e = body["chart"]["error"];
        // Not value(key, default): it throws when the value is not a string, and this is
        // outside ParseYahooChart's catch.
        auto text = [&](const char* key, const char* fallback) {
          return e.contains(key) && e[key].is_string() ? e[key].get<std::string>() : std::string(fallback);
        };
        return Fail("yahoo {}: HTTP {}: {}: {}", r.symbol, response->status, PrintableText(text("code", "error"), 40),
                    PrintableText(text("description", ""), internal::kProviderText));
      }
      const std::string text = RedactSecrets(std::string(Trim(response->body)));
      return Fail("yahoo {}: HTTP {} from {}{}{}", r.symbol, response->status, RedactUrl(url),
                  text.empty() ? "" : ": ", text.empty() ? std::string() : Excerpt(text, internal::kBodyExcerpt));
    }
    auto result = ParseYahooChart(response->body, r, now, ctx_.repair_ohlc);
    if (!result.ok()) return result;
    result->url = RedactUrl(url);
    return result;
  }

 private:
  ProviderContext ctx_;
  RateLimiter limiter_;
};

}  // namespace

static Result<FetchResult> ParseYahooChartImpl(std::string_view body, const FetchRequest& r, Timestamp now,
                                    bool repair_ohlc) {
  const std::string source = fmt::format("yahoo {} {}", r.symbol, data::IntervalName(r.interval));
  if (internal::JsonDepth(body) > internal::kMaxJsonDepth) {
    return Fail("{}: response nests arrays and objects deeper than {} levels (refused unparsed)", source,
                internal::kMaxJsonDepth);
  }
  json doc = json::parse(body, nullptr, false);
  if (doc.is_discarded()) {
    return Fail("{}: response is not valid JSON: {}", source, Excerpt(Trim(body)));
  }
  if (!doc.is_object() || !doc.contains("chart") || !doc["chart"].is_object()) {
    return Fail("{}: unexpected JSON: no 'chart' object", source);
  }
  const json& chart = doc["chart"];
  if (chart.contains("error") && chart["error"].is_object()) {
    return Fail("{}: {}: {}", source, PrintableText(chart["error"].value("code", std::string("error")), 40),
                PrintableText(chart["error"].value("description", std::string()), internal::kProviderText));
  }
  if (!chart.contains("result") || !chart["result"].is_array() || chart["result"].empty()) {
    return Fail("{}: no data for this symbol (chart.result is empty)", source);
  }
  const json& result = chart["result"][0];
  const json meta = result.value("meta", json::object());
  // Real offsets are within +-14 hours; the bound keeps t + gmtoffset from overflowing.
  const json gmt = meta.value("gmtoffset", json(0));
  const auto gmtoffset_or = internal::JsonSeconds(gmt, -kSecondsPerDay, kSecondsPerDay);
  if (!gmtoffset_or) return Fail("{}: meta.gmtoffset {} is not a UTC offset in seconds", source, Excerpt(gmt.dump()));
  const Timestamp gmtoffset = *gmtoffset_or;
  FetchResult out;
  out.bars.symbol = r.symbol;
  out.bars.interval = r.interval;
  if (!result.contains("timestamp") || result["timestamp"].is_null()) return out;  // empty range
  const json& timestamps = result["timestamp"];
  if (!timestamps.is_array()) return Fail("{}: 'timestamp' is not an array", source);
  const json* quote = nullptr;
  if (result.contains("indicators") && result["indicators"].contains("quote") &&
      result["indicators"]["quote"].is_array() && !result["indicators"]["quote"].empty()) {
    quote = &result["indicators"]["quote"][0];
  }
  if (quote == nullptr || !quote->is_object()) return Fail("{}: no indicators.quote", source);
  const json empty = json::array();
  auto field = [&](const char* name) -> const json& {
    return quote->contains(name) ? (*quote)[name] : empty;
  };
  const json& opens = field("open");
  const json& highs = field("high");
  const json& lows = field("low");
  const json& closes = field("close");
  const json& volumes = field("volume");
  for (const json* a : {&opens, &highs, &lows, &closes}) {
    if (!a->is_array() || a->size() != timestamps.size()) {
      return Fail("{}: price arrays do not match the {} timestamps (truncated response?)", source,
                  timestamps.size());
    }
  }
  const json* adjclose = nullptr;
  if (result["indicators"].contains("adjclose") && result["indicators"]["adjclose"].is_array() &&
      !result["indicators"]["adjclose"].empty()) {
    // at(): a const operator[] on a missing key is undefined behaviour (an assertion in nlohmann).
    adjclose = &result["indicators"]["adjclose"][0].at("adjclose");
  }
  // Regular trading periods (intraday): a point outside all of them is Yahoo's live point.
  std::vector<std::pair<Timestamp, Timestamp>> periods;
  if (meta.contains("tradingPeriods") && meta["tradingPeriods"].is_array()) {
    for (const json& day : meta["tradingPeriods"]) {
      const json& list = day.is_array() ? day : json::array({day});
      for (const json& p : list) {
        if (p.is_object() && p.contains("start") && p.contains("end")) {
          const auto start = internal::JsonSeconds(p["start"]), end = internal::JsonSeconds(p["end"]);
          if (!start || !end) return Fail("{}: a trading period's start or end is not a time in years 0000..9999", source);
          periods.emplace_back(*start, *end);
        }
      }
    }
  }
  // Splits in the response: Yahoo has applied each to every earlier bar.
  std::vector<std::pair<Days, double>> splits;
  const json events = result.value("events", json::object());
  if (events.contains("splits") && events["splits"].is_object()) {
    for (const auto& [key, s] : events["splits"].items()) {
      const double num = s.value("numerator", 0.0), den = s.value("denominator", 0.0);
      if (!(num > 0 && den > 0)) return Fail("{}: split {} has ratio {}/{}", source, Excerpt(key), num, den);
      const auto date = internal::JsonSeconds(s.value("date", json(0)));
      if (!date) return Fail("{}: split {} has no date in years 0000..9999", source, Excerpt(key));
      const Days day = DayOf(*date, gmtoffset);
      splits.emplace_back(day, num / den);
      out.actions.push_back({r.symbol, day, data::ActionType::kSplit, num / den});
    }
  }
  auto later_splits = [&](Days d) {
    double f = 1;
    for (const auto& [day, ratio] : splits) {
      if (day > d) f *= ratio;
    }
    return f;
  };
  if (events.contains("dividends") && events["dividends"].is_object()) {
    for (const auto& [key, d] : events["dividends"].items()) {
      const double amount = d.value("amount", 0.0);
      if (!(amount > 0)) return Fail("{}: dividend {} has amount {}", source, Excerpt(key), amount);
      const auto date = internal::JsonSeconds(d.value("date", json(0)));
      if (!date) return Fail("{}: dividend {} has no date in years 0000..9999", source, Excerpt(key));
      const Days day = DayOf(*date, gmtoffset);
      out.actions.push_back({r.symbol, day, data::ActionType::kDividend, amount * later_splits(day)});
    }
  }
  std::sort(out.actions.begin(), out.actions.end(), [](const auto& a, const auto& b) {
    return a.date != b.date ? a.date < b.date : a.type < b.type;
  });

  const bool intraday = data::IsIntraday(r.interval);
  data::BarSeries raw;
  raw.symbol = r.symbol;
  raw.interval = r.interval;
  int null_rows = 0, live_rows = 0;
  for (std::size_t i = 0; i < timestamps.size(); ++i) {
    const auto seconds = timestamps[i].is_number_integer() ? internal::JsonSeconds(timestamps[i]) : std::nullopt;
    if (!seconds) return Fail("{}: timestamp {} is not an integer in years 0000..9999", source, i);
    const Timestamp t = *seconds;
    auto o = Number(opens, i), h = Number(highs, i), l = Number(lows, i), c = Number(closes, i);
    if (!o || !h || !l || !c) {
      ++null_rows;
      continue;
    }
    data::Bar bar;
    const Days day = intraday ? NewYorkDay(t) : DayOf(t, gmtoffset);
    bar.start = intraday ? t : Timestamp{day} * kSecondsPerDay;
    if (intraday && !periods.empty()) {
      bool inside = std::any_of(periods.begin(), periods.end(),
                                [&](const auto& p) { return t >= p.first && t < p.second; });
      if (!inside) {
        ++live_rows;
        continue;
      }
    }
    bar.available = data::AvailableTime(r.interval, bar.start);
    if (bar.available > now) {
      ++live_rows;
      continue;
    }
    const double f = later_splits(day);
    bar.open = *o * f;
    bar.high = *h * f;
    bar.low = *l * f;
    bar.close = *c * f;
    auto adj = adjclose != nullptr ? Number(*adjclose, i) : std::nullopt;
    bar.adj_close = adj ? *adj * f : bar.close;
    bar.volume = Number(volumes, i).value_or(0) / f;
    if (!raw.empty() && bar.start <= raw.start.back()) {
      return Fail("{}: timestamps out of order at {}", source, FormatTimestampUtc(t));
    }
    raw.Append(bar);
  }
  if (null_rows > 0) out.notes.push_back(fmt::format("{}: {} row(s) with null prices left out", source, null_rows));
  if (live_rows > 0) out.notes.push_back(fmt::format("{}: {} live/unfinished point(s) left out", source, live_rows));
  QAT_ASSIGN_OR_RETURN(out.bars, ValidateFetchedBars(raw, source, r, now, repair_ohlc, &out.notes));
  return out;
}

Result<FetchResult> ParseYahooChart(std::string_view body, const FetchRequest& r, Timestamp now,
                                    bool repair_ohlc) {
  // nlohmann::json throws on a value of the wrong type; that is a bad response, not a crash.
  try {
    return ParseYahooChartImpl(body, r, now, repair_ohlc);
  } catch (const nlohmann::json::exception& e) {
    return Fail("{}: unexpected JSON: {}", fmt::format("yahoo {} {}", r.symbol, data::IntervalName(r.interval)), e.what());
  }
}

namespace internal {
std::unique_ptr<Provider> MakeYahoo(ProviderContext ctx) { return std::make_unique<Yahoo>(std::move(ctx)); }
}  // namespace internal

}  // namespace qat::providers
