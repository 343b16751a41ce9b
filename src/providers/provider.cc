#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include <nlohmann/json.hpp>

#include "providers/internal.h"
#include "qat/core/strings.h"
#include "qat/data/csv.h"

namespace qat::providers {
namespace internal {

std::string BaseUrl(const ProviderContext& ctx, std::string_view name, std::string_view public_base) {
  if (!ctx.base_url.empty()) return ctx.base_url;
  const std::string var = "QTRADER_" + ToUpper(name) + "_BASE_URL";
  const char* env = std::getenv(var.c_str());
  if (env != nullptr && *env != '\0') return env;
  return std::string(public_base);
}

Result<std::string> BuildUrl(std::string_view public_base, const std::string& base,
                             std::string_view path_and_query) {
  const std::string url = std::string(public_base) + std::string(path_and_query);
  if (base == public_base) return url;
  return ReplaceBase(url, base);
}

std::string UrlEncode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

Result<HttpResponse> GetOk(const ProviderContext& ctx, RateLimiter& limiter, std::string_view name,
                           const std::string& symbol, const std::string& url) {
  auto response = ctx.http->Get(url, &limiter);
  if (!response.ok()) return Fail("{} {}: {}", name, symbol, response.error().message);
  if (response->status != 200) {
    const std::string body = RedactSecrets(std::string(Trim(response->body)));
    return Fail("{} {}: HTTP {} from {}{}{}", name, symbol, response->status, RedactUrl(url),
                body.empty() ? "" : ": ", body.empty() ? std::string() : Excerpt(body, kBodyExcerpt));
  }
  return response;
}

Result<FetchResult> GetAndParse(const ProviderContext& ctx, RateLimiter& limiter, std::string_view name,
                                std::string_view public_base, const std::string& symbol,
                                std::string_view path_and_query,
                                const std::function<Result<FetchResult>(std::string_view body)>& parse) {
  QAT_ASSIGN_OR_RETURN(std::string url,
                       BuildUrl(public_base, BaseUrl(ctx, name, public_base), path_and_query));
  QAT_ASSIGN_OR_RETURN(auto response, GetOk(ctx, limiter, name, symbol, url));
  auto result = parse(response.body);
  if (!result.ok()) return Error{RedactSecrets(result.error().message)};
  result->url = RedactUrl(url);
  return result;
}

std::optional<Timestamp> JsonSeconds(const nlohmann::json& value, Timestamp min, Timestamp max) {
  if (value.is_number_unsigned()) {
    const auto v = value.get<std::uint64_t>();
    if (max < 0 || v > static_cast<std::uint64_t>(max)) return std::nullopt;
    const auto t = static_cast<Timestamp>(v);
    return t >= min ? std::optional<Timestamp>(t) : std::nullopt;
  }
  if (value.is_number_integer()) {
    const auto t = value.get<Timestamp>();
    return t >= min && t <= max ? std::optional<Timestamp>(t) : std::nullopt;
  }
  if (value.is_number_float()) {
    const double v = std::trunc(value.get<double>());  // NaN fails both comparisons
    if (!(v >= static_cast<double>(min) && v <= static_cast<double>(max))) return std::nullopt;
    return static_cast<Timestamp>(v);
  }
  return std::nullopt;
}

int JsonDepth(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

}  // namespace internal

Result<data::BarSeries> ValidateFetchedBars(const data::BarSeries& bars, std::string_view source,
                                            const FetchRequest& request, Timestamp now,
                                            bool repair_ohlc, std::vector<std::string>* notes) {
  data::BarSeries in_range;
  in_range.symbol = request.symbol;
  in_range.interval = request.interval;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    if (bars.start[i] >= request.from && bars.start[i] <= request.to) in_range.Append(bars.At(i));
  }
  if (in_range.empty()) return in_range;
  // One validator for files and responses: write the bars in the import format and read
  // them back through data::ParseBarsCsv. Numbers are written in their shortest exact form,
  // so nothing changes on the way.
  std::ostringstream csv;
  data::WriteBarsCsv(in_range, csv);
  data::CsvReadOptions options;
  options.symbol = request.symbol;
  options.interval = request.interval;
  options.repair_ohlc = repair_ohlc;
  options.not_after = now;
  auto read = data::ParseBarsCsv(csv.str(), source, options);
  if (!read.ok()) {
    std::string message = read.error().message;
    // "SOURCE:LINE: ..." refers to the generated text; the date in the message locates the bar.
    const std::string prefix = std::string(source) + ":";
    if (message.starts_with(prefix)) {
      auto colon = message.find(": ", prefix.size());
      if (colon != std::string::npos) message = std::string(source) + message.substr(colon);
    }
    auto hint = message.find("; the repair option");
    if (hint != std::string::npos) message = message.substr(0, hint) + " (fetch --repair-ohlc widens high/low)";
    return Fail("{}", message);
  }
  if (notes != nullptr) {
    for (auto& warning : read->warnings) notes->push_back(std::move(warning));
  }
  data::BarSeries out = std::move(read->series);
  // Intraday CSV has no adj_close column: keep the provider's value.
  if (data::IsIntraday(out.interval)) out.adj_close = in_range.adj_close;
  return out;
}

std::vector<std::string> ProviderNames() { return {"yahoo", "stooq", "alphavantage", "finnhub"}; }

Result<std::unique_ptr<Provider>> MakeProvider(std::string_view name, ProviderContext ctx) {
  if (ctx.http == nullptr || ctx.clock == nullptr) return Fail("provider {}: no HTTP client or clock", name);
  auto key = [](const char* var) -> std::string {
    const char* v = std::getenv(var);
    return v != nullptr ? std::string(Trim(v)) : std::string();
  };
  if (name == "yahoo") return internal::MakeYahoo(std::move(ctx));
  if (name == "stooq") return internal::MakeStooq(std::move(ctx));
  if (name == "alphavantage") {
    std::string k = key("ALPHAVANTAGE_API_KEY");
    if (k.empty()) return Fail("alphavantage: set ALPHAVANTAGE_API_KEY (a free key: https://www.alphavantage.co/support/#api-key)");
    RegisterSecret(k);
    return internal::MakeAlphaVantage(std::move(ctx), std::move(k));
  }
  if (name == "finnhub") {
    std::string k = key("FINNHUB_API_KEY");
    if (k.empty()) return Fail("finnhub: set FINNHUB_API_KEY (a free key: https://finnhub.io/register)");
    RegisterSecret(k);
    return internal::MakeFinnhub(std::move(ctx), std::move(k));
  }
  return Fail("unknown provider '{}' (expected yahoo, stooq, alphavantage, finnhub or auto)", name);
}

}  // namespace qat::providers
