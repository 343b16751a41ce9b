// Alpha Vantage:  GET /query?function=F&symbol=S&outputsize=full&datatype=json&apikey=KEY
//   F = TIME_SERIES_DAILY (raw prices; the default for 1d), TIME_SERIES_DAILY_ADJUSTED (with
//   QTRADER_ALPHAVANTAGE_ADJUSTED=1; adds adjusted close, dividend amount and split
//   coefficient, from which the actions are taken), TIME_SERIES_INTRADAY (&interval=1min..60min).
// JSON: {"Meta Data": {...}, "Time Series (Daily)": {"2017-08-11": {"1. open": "71.61", ...}}}
// CSV (datatype=csv): timestamp,open,high,low,close[,adjusted_close],volume[,dividend_amount,
// split_coefficient], newest first. Intraday stamps are US/Eastern wall-clock times that
// label the END of the bar (the extended-hours file runs 04:01..20:00), so start = stamp -
// interval. Failures arrive with HTTP 200 as {"Error Message": ...} (bad symbol or call),
// {"Note": ...} or {"Information": ...} (rate limit, premium endpoint).
#include <algorithm>
#include <cstdlib>
#include <map>

#include <nlohmann/json.hpp>

#include "providers/internal.h"
#include "qat/core/strings.h"

namespace qat::providers {
namespace {

using nlohmann::json;

constexpr std::string_view kName = "alphavantage";
constexpr std::string_view kPublicBase = "https://www.alphavantage.co";

Result<std::string_view> AvInterval(data::Interval interval) {
  switch (interval) {
    case data::Interval::k1m: return std::string_view("1min");
    case data::Interval::k5m: return std::string_view("5min");
    case data::Interval::k15m: return std::string_view("15min");
    case data::Interval::k30m: return std::string_view("30min");
    case data::Interval::k1h: return std::string_view("60min");
    default: return Fail("alphavantage has no {} intraday bars", data::IntervalName(interval));
  }
}

// One row before conversion.
struct Row {
  std::string stamp;
  std::map<std::string, std::string> fields;  // "open", "high", ..., "split coefficient"
};

// "1. open" -> "open"; "adjusted_close" -> "adjusted close".
std::string FieldName(std::string_view key) {
  auto dot = key.find(". ");
  if (dot != std::string_view::npos && dot <= 3) key.remove_prefix(dot + 2);
  std::string out = ToLower(Trim(key));
  std::replace(out.begin(), out.end(), '_', ' ');
  if (out == "time") out = "timestamp";
  return out;
}

Result<FetchResult> Convert(std::vector<Row> rows, const FetchRequest& r, const std::string& source,
                            Timestamp now, bool repair_ohlc) {
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.stamp < b.stamp; });
  FetchResult out;
  data::BarSeries raw;
  raw.symbol = r.symbol;
  raw.interval = r.interval;
  const bool intraday = data::IsIntraday(r.interval);
  for (const Row& row : rows) {
    data::Bar bar;
    Days day = 0;
    if (intraday) {
      if (row.stamp.size() != 19) return Fail("{}: bad time {}", source, Excerpt(row.stamp));
      QAT_ASSIGN_OR_RETURN(day, ParseDate(row.stamp.substr(0, 10)));
      int hh = std::atoi(row.stamp.substr(11, 2).c_str()), mm = std::atoi(row.stamp.substr(14, 2).c_str()),
          ss = std::atoi(row.stamp.substr(17, 2).c_str());
      bar.start = NewYorkTime(day, hh * 3600 + mm * 60 + ss) - data::IntervalSeconds(r.interval);
    } else {
      auto parsed = ParseDate(std::string_view(row.stamp).substr(0, 10));
      if (!parsed.ok()) return Fail("{}: bad date {}: {}", source, Excerpt(row.stamp), parsed.error().message);
      day = *parsed;
      bar.start = Timestamp{day} * kSecondsPerDay;
    }
    auto number = [&](const char* name, bool required) -> Result<double> {
      auto it = row.fields.find(name);
      if (it == row.fields.end()) {
        if (required) return Fail("{}: {} has no '{}' value", source, Excerpt(row.stamp), name);
        return -1.0;
      }
      auto v = ParseFiniteDouble(Trim(it->second));
      if (!v) return Fail("{}: {} {} is not a number ({})", source, name, Excerpt(it->second), Excerpt(row.stamp));
      return *v;
    };
    QAT_ASSIGN_OR_RETURN(bar.open, number("open", true));
    QAT_ASSIGN_OR_RETURN(bar.high, number("high", true));
    QAT_ASSIGN_OR_RETURN(bar.low, number("low", true));
    QAT_ASSIGN_OR_RETURN(bar.close, number("close", true));
    QAT_ASSIGN_OR_RETURN(bar.volume, number("volume", true));
    QAT_ASSIGN_OR_RETURN(double adjusted, number("adjusted close", false));
    bar.adj_close = adjusted > 0 ? adjusted : bar.close;
    QAT_ASSIGN_OR_RETURN(double dividend, number("dividend amount", false));
    QAT_ASSIGN_OR_RETURN(double split, number("split coefficient", false));
    if (dividend > 0) out.actions.push_back({r.symbol, day, data::ActionType::kDividend, dividend});
    if (split > 0 && split != 1) out.actions.push_back({r.symbol, day, data::ActionType::kSplit, split});
    bar.available = data::AvailableTime(r.interval, bar.start);
    raw.Append(bar);
  }
  QAT_ASSIGN_OR_RETURN(out.bars, ValidateFetchedBars(raw, source, r, now, repair_ohlc, &out.notes));
  return out;
}

class AlphaVantage final : public Provider {
 public:
  AlphaVantage(ProviderContext ctx, std::string key)
      : ctx_(std::move(ctx)), key_(std::move(key)),
        limiter_("alphavantage", DefaultRateWindows("alphavantage"), *ctx_.clock, 120) {}
  std::string_view name() const override { return kName; }

  Result<FetchResult> Fetch(const FetchRequest& r) override {
    std::string query;
    if (r.interval == data::Interval::k1d) {
      const char* adjusted = std::getenv("QTRADER_ALPHAVANTAGE_ADJUSTED");
      const bool use_adjusted = adjusted != nullptr && std::string_view(adjusted) == "1";
      query = fmt::format("function={}", use_adjusted ? "TIME_SERIES_DAILY_ADJUSTED" : "TIME_SERIES_DAILY");
    } else {
      QAT_ASSIGN_OR_RETURN(std::string_view interval, AvInterval(r.interval));
      query = fmt::format("function=TIME_SERIES_INTRADAY&interval={}", interval);
    }
    // compact = the last 100 bars: enough when the store only lacks the recent days.
    const Timestamp now = ctx_.clock->Now();
    const bool recent = r.interval == data::Interval::k1d && now - r.from < 100 * kSecondsPerDay;
    const std::string path = fmt::format("/query?{}&symbol={}&outputsize={}&datatype=json&apikey={}",
                                         query, internal::UrlEncode(r.symbol),
                                         recent ? "compact" : "full", internal::UrlEncode(key_));
    return internal::GetAndParse(ctx_, limiter_, kName, kPublicBase, r.symbol, path,
                                 [&](std::string_view body) { return ParseAlphaVantage(body, r, now, ctx_.repair_ohlc); });
  }

 private:
  ProviderContext ctx_;
  std::string key_;
  RateLimiter limiter_;
};

}  // namespace

static Result<FetchResult> ParseAlphaVantageImpl(std::string_view body, const FetchRequest& r, Timestamp now,
                                                 bool repair_ohlc) {
  const std::string source = fmt::format("alphavantage {} {}", r.symbol, data::IntervalName(r.interval));
  std::string_view text = Trim(body);
  if (text.empty()) return Fail("{}: empty response", source);
  std::vector<Row> rows;
  if (text.front() == '{') {
    if (internal::JsonDepth(text) > internal::kMaxJsonDepth) {
      return Fail("{}: response nests arrays and objects deeper than {} levels (refused unparsed)", source,
                  internal::kMaxJsonDepth);
    }
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
      return Fail("{}: response is not valid JSON: {}", source, Excerpt(Trim(body)));
    }
    if (!doc.is_object()) return Fail("{}: unexpected JSON (not an object)", source);
    if (doc.contains("Error Message")) {
      const json& e = doc["Error Message"];
      return Fail("{}: Alpha Vantage error: {}", source,
                  PrintableText(e.is_string() ? e.get<std::string>() : e.dump(), internal::kProviderText));
    }
    for (const char* key : {"Note", "Information"}) {
      if (doc.contains(key)) {
        return Fail("{}: Alpha Vantage refused the call (rate limit or premium endpoint): {}", source,
                    PrintableText(doc[key].is_string() ? doc[key].get<std::string>() : doc[key].dump(),
                                  internal::kProviderText));
      }
    }
    const json* series = nullptr;
    for (const auto& [key, value] : doc.items()) {
      if (key.starts_with("Time Series") || key.starts_with("Weekly") || key.starts_with("Monthly")) {
        series = &value;
      }
    }
    if (series == nullptr || !series->is_object()) {
      return Fail("{}: no 'Time Series' object in the response", source);
    }
    for (const auto& [stamp, values] : series->items()) {
      if (!values.is_object()) return Fail("{}: {} is not an object", source, Excerpt(stamp));
      Row row{stamp, {}};
      for (const auto& [k, v] : values.items()) {
        row.fields[FieldName(k)] = v.is_string() ? v.get<std::string>() : v.dump();
      }
      rows.push_back(std::move(row));
    }
  } else {
    // CSV, newest first.
    std::vector<std::string_view> lines = Split(text, '\n');
    std::vector<std::string> header;
    for (std::string_view h : Split(Trim(lines[0]), ',')) header.push_back(FieldName(h));
    if (header.empty() || header[0] != "timestamp") {
      return Fail("{}: not an Alpha Vantage CSV (header {})", source, Excerpt(Trim(lines[0]), 80));
    }
    for (std::size_t n = 1; n < lines.size(); ++n) {
      std::string_view line = Trim(lines[n]);
      if (line.empty()) continue;
      auto cells = Split(line, ',');
      if (cells.size() != header.size()) {
        return Fail("{}: line {}: {} fields, the header has {} (truncated response?)", source,
                    n + 1, cells.size(), header.size());
      }
      Row row{std::string(Trim(cells[0])), {}};
      for (std::size_t c = 1; c < cells.size(); ++c) row.fields[header[c]] = std::string(Trim(cells[c]));
      rows.push_back(std::move(row));
    }
  }
  return Convert(std::move(rows), r, source, now, repair_ohlc);
}

Result<FetchResult> ParseAlphaVantage(std::string_view body, const FetchRequest& r, Timestamp now,
                                      bool repair_ohlc) {
  // nlohmann::json throws on a value of the wrong type; that is a bad response, not a crash.
  try {
    return ParseAlphaVantageImpl(body, r, now, repair_ohlc);
  } catch (const nlohmann::json::exception& e) {
    return Fail("{}: unexpected JSON: {}", fmt::format("alphavantage {} {}", r.symbol, data::IntervalName(r.interval)), e.what());
  }
}

namespace internal {
std::unique_ptr<Provider> MakeAlphaVantage(ProviderContext ctx, std::string key) {
  return std::make_unique<AlphaVantage>(std::move(ctx), std::move(key));
}
}  // namespace internal

}  // namespace qat::providers
