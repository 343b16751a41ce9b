// Finnhub:  GET /api/v1/stock/candle?symbol=S&resolution=R&from=UNIX&to=UNIX&token=KEY
// Body: {"c":[..],"h":[..],"l":[..],"o":[..],"s":"ok","t":[..],"v":[..]} (parallel arrays;
// t in seconds: the bar start for intraday, 00:00 New York of the session for daily);
// {"s":"no_data"} for an empty range or unknown symbol; {"error": "..."} with 401/403/429.
#include <cmath>

#include <nlohmann/json.hpp>

#include "providers/internal.h"
#include "qat/core/strings.h"

namespace qat::providers {
namespace {

using nlohmann::json;

constexpr std::string_view kName = "finnhub";
constexpr std::string_view kPublicBase = "https://finnhub.io";

Result<std::string_view> Resolution(data::Interval interval) {
  switch (interval) {
    case data::Interval::k1m: return std::string_view("1");
    case data::Interval::k5m: return std::string_view("5");
    case data::Interval::k15m: return std::string_view("15");
    case data::Interval::k30m: return std::string_view("30");
    case data::Interval::k1h: return std::string_view("60");
    case data::Interval::k1d: return std::string_view("D");
    case data::Interval::k1wk: return std::string_view("W");
    default: return Fail("finnhub has no {} candles", data::IntervalName(interval));
  }
}

class Finnhub final : public Provider {
 public:
  Finnhub(ProviderContext ctx, std::string key)
      : ctx_(std::move(ctx)), key_(std::move(key)),
        limiter_("finnhub", DefaultRateWindows("finnhub"), *ctx_.clock) {}
  std::string_view name() const override { return kName; }

  Result<FetchResult> Fetch(const FetchRequest& r) override {
    QAT_ASSIGN_OR_RETURN(std::string_view resolution, Resolution(r.interval));
    const std::string path = fmt::format("/api/v1/stock/candle?symbol={}&resolution={}&from={}&to={}&token={}",
                                         internal::UrlEncode(r.symbol), resolution,
                                         std::max<Timestamp>(r.from, 0),
                                         r.to + data::IntervalSeconds(r.interval),
                                         internal::UrlEncode(key_));
    return internal::GetAndParse(ctx_, limiter_, kName, kPublicBase, r.symbol, path,
                                 [&](std::string_view body) {
                                   return ParseFinnhubCandles(body, r, ctx_.clock->Now(), ctx_.repair_ohlc);
                                 });
  }

 private:
  ProviderContext ctx_;
  std::string key_;
  RateLimiter limiter_;
};

}  // namespace

static Result<FetchResult> ParseFinnhubCandlesImpl(std::string_view body, const FetchRequest& r, Timestamp now,
                                                   bool repair_ohlc) {
  const std::string source = fmt::format("finnhub {} {}", r.symbol, data::IntervalName(r.interval));
  if (internal::JsonDepth(body) > internal::kMaxJsonDepth) {
    return Fail("{}: response nests arrays and objects deeper than {} levels (refused unparsed)", source,
                internal::kMaxJsonDepth);
  }
  json doc = json::parse(body, nullptr, false);
  if (doc.is_discarded()) {
    return Fail("{}: response is not valid JSON: {}", source, Excerpt(Trim(body)));
  }
  if (!doc.is_object()) return Fail("{}: unexpected JSON (not an object)", source);
  if (doc.contains("error")) {
    const json& e = doc["error"];
    return Fail("{}: Finnhub error: {}", source,
                PrintableText(e.is_string() ? e.get<std::string>() : e.dump(), internal::kProviderText));
  }
  FetchResult out;
  out.bars.symbol = r.symbol;
  out.bars.interval = r.interval;
  const std::string status = doc.value("s", std::string());
  if (status == "no_data") {
    out.notes.push_back(source + ": Finnhub answered no_data (unknown symbol or nothing in range)");
    return out;
  }
  if (status != "ok") return Fail("{}: status {} (expected ok or no_data)", source, Excerpt(status));
  for (const char* key : {"t", "o", "h", "l", "c", "v"}) {
    if (!doc.contains(key) || !doc[key].is_array()) return Fail("{}: no '{}' array", source, key);
  }
  const json& t = doc["t"];
  for (const char* key : {"o", "h", "l", "c", "v"}) {
    if (doc[key].size() != t.size()) {
      return Fail("{}: '{}' has {} values for {} timestamps", source, key, doc[key].size(), t.size());
    }
  }
  data::BarSeries raw;
  raw.symbol = r.symbol;
  raw.interval = r.interval;
  const bool intraday = data::IsIntraday(r.interval);
  for (std::size_t i = 0; i < t.size(); ++i) {
    for (const char* key : {"t", "o", "h", "l", "c", "v"}) {
      if (!doc[key][i].is_number()) return Fail("{}: '{}'[{}] is not a number", source, key, i);
    }
    const auto seconds = internal::JsonSeconds(t[i]);
    if (!seconds) return Fail("{}: 't'[{}] {} is not a time in years 0000..9999", source, i, Excerpt(t[i].dump()));
    const Timestamp stamp = *seconds;
    data::Bar bar;
    // Daily stamps are 00:00 New York (04:00 or 05:00 UTC): the UTC day is the session date.
    bar.start = intraday ? stamp : (stamp / kSecondsPerDay) * kSecondsPerDay;
    bar.open = doc["o"][i].get<double>();
    bar.high = doc["h"][i].get<double>();
    bar.low = doc["l"][i].get<double>();
    bar.close = doc["c"][i].get<double>();
    bar.adj_close = bar.close;
    bar.volume = doc["v"][i].get<double>();
    bar.available = data::AvailableTime(r.interval, bar.start);
    raw.Append(bar);
  }
  QAT_ASSIGN_OR_RETURN(out.bars, ValidateFetchedBars(raw, source, r, now, repair_ohlc, &out.notes));
  return out;
}

Result<FetchResult> ParseFinnhubCandles(std::string_view body, const FetchRequest& r, Timestamp now,
                                        bool repair_ohlc) {
  // nlohmann::json throws on a value of the wrong type; that is a bad response, not a crash.
  try {
    return ParseFinnhubCandlesImpl(body, r, now, repair_ohlc);
  } catch (const nlohmann::json::exception& e) {
    return Fail("{}: unexpected JSON: {}", fmt::format("finnhub {} {}", r.symbol, data::IntervalName(r.interval)), e.what());
  }
}

namespace internal {
std::unique_ptr<Provider> MakeFinnhub(ProviderContext ctx, std::string key) {
  return std::make_unique<Finnhub>(std::move(ctx), std::move(key));
}
}  // namespace internal

}  // namespace qat::providers
