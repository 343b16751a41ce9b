// Stooq daily CSV:  GET /q/d/l/?s={symbol}.us&i=d&d1=YYYYMMDD&d2=YYYYMMDD
// Body: "Date,Open,High,Low,Close,Volume" rows ascending; the plain text "No data" for an
// unknown symbol or an empty range (Stooq does not tell them apart); other plain text
// (e.g. "Exceeded the daily hits limit") is an error. Stooq's prices are adjusted by Stooq
// for splits and dividends and it reports no actions: they are stored as given.
// Symbols: a US ticker gets ".us" (SPY -> spy.us); one with a dot or a leading ^ is sent
// as is, lower-cased.
#include <algorithm>

#include "providers/internal.h"
#include "qat/core/strings.h"
#include "qat/data/csv.h"

namespace qat::providers {
namespace {

constexpr std::string_view kName = "stooq";
constexpr std::string_view kPublicBase = "https://stooq.com";

std::string StooqSymbol(const std::string& symbol) {
  std::string s = ToLower(symbol);
  if (s.find('.') == std::string::npos && !s.starts_with("^")) s += ".us";
  return s;
}

std::string Compact(Days day) {
  CivilDate d = CivilFromDays(day);
  return fmt::format("{:04}{:02}{:02}", d.year, d.month, d.day);
}

class Stooq final : public Provider {
 public:
  explicit Stooq(ProviderContext ctx)
      : ctx_(std::move(ctx)), limiter_("stooq", DefaultRateWindows("stooq"), *ctx_.clock) {}
  std::string_view name() const override { return kName; }

  Result<FetchResult> Fetch(const FetchRequest& r) override {
    if (r.interval != data::Interval::k1d && r.interval != data::Interval::k1wk) {
      return Fail("stooq {}: only daily (1d) and weekly (1wk) bars", r.symbol);
    }
    const Days d1 = static_cast<Days>(std::max<Timestamp>(r.from, 0) / kSecondsPerDay);
    const Days d2 = static_cast<Days>(r.to / kSecondsPerDay);
    const std::string path = fmt::format("/q/d/l/?s={}&i={}&d1={}&d2={}",
                                         internal::UrlEncode(StooqSymbol(r.symbol)),
                                         r.interval == data::Interval::k1d ? "d" : "w",
                                         Compact(d1), Compact(d2));
    return internal::GetAndParse(ctx_, limiter_, kName, kPublicBase, r.symbol, path,
                                 [&](std::string_view body) {
                                   return ParseStooqCsv(body, r, ctx_.clock->Now(), ctx_.repair_ohlc);
                                 });
  }

 private:
  ProviderContext ctx_;
  RateLimiter limiter_;
};

}  // namespace

Result<FetchResult> ParseStooqCsv(std::string_view body, const FetchRequest& r, Timestamp now,
                                  bool repair_ohlc) {
  const std::string source = fmt::format("stooq {} {}", r.symbol, data::IntervalName(r.interval));
  FetchResult out;
  out.bars.symbol = r.symbol;
  out.bars.interval = r.interval;
  std::string_view text = Trim(body);
  if (text.empty()) return Fail("{}: empty response", source);
  if (ToLower(text.substr(0, 7)) == "no data") {
    out.notes.push_back(source + ": Stooq answered 'No data' (unknown symbol or nothing in range)");
    return out;
  }
  if (!ToLower(text.substr(0, 5)).starts_with("date,")) {
    return Fail("{}: not a Stooq CSV (starts {})", source, Excerpt(text, 60));
  }
  data::CsvReadOptions options;
  options.symbol = r.symbol;
  options.interval = r.interval;
  options.repair_ohlc = repair_ohlc;
  QAT_ASSIGN_OR_RETURN(auto read, data::ParseBarsCsv(body, source, options));
  for (auto& w : read.warnings) out.notes.push_back(std::move(w));
  // The rows inside the range, checked against `now` like every provider's bars.
  QAT_ASSIGN_OR_RETURN(out.bars, ValidateFetchedBars(read.series, source, r, now, false, nullptr));
  return out;
}

namespace internal {
std::unique_ptr<Provider> MakeStooq(ProviderContext ctx) { return std::make_unique<Stooq>(std::move(ctx)); }
}  // namespace internal

}  // namespace qat::providers
