// Shared between the provider files (not public).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "qat/providers/provider.h"

namespace qat::providers::internal {

// How much of a response a message may quote (escaped, qat::Excerpt / qat::PrintableText):
// the start of a raw body (an HTML error page, a proxy's text), and a provider's own
// explanation (Alpha Vantage's "Invalid API call ..." sentence), never a whole page.
inline constexpr std::size_t kBodyExcerpt = 80;
inline constexpr std::size_t kProviderText = 160;

// The base URL to use: ctx.base_url, else $QTRADER_<NAME>_BASE_URL, else `public_base`.
std::string BaseUrl(const ProviderContext& ctx, std::string_view name, std::string_view public_base);
// base + path_and_query, through ReplaceBase so that an override keeps the provider's path.
Result<std::string> BuildUrl(std::string_view public_base, const std::string& base,
                             std::string_view path_and_query);
// Percent-encodes a query value.
std::string UrlEncode(std::string_view text);
// GET through ctx.http with the limiter; a non-200 status fails with the provider name,
// symbol, status and a short escaped excerpt of the body (redacted).
Result<HttpResponse> GetOk(const ProviderContext& ctx, RateLimiter& limiter, std::string_view name,
                           const std::string& symbol, const std::string& url);

// The common tail of a fetch: GETs `path_and_query` under the provider's base URL (public or
// overridden) through GetOk, parses the body with `parse`, and stamps the redacted URL on the
// result. Error messages have secrets redacted.
Result<FetchResult> GetAndParse(const ProviderContext& ctx, RateLimiter& limiter, std::string_view name,
                                std::string_view public_base, const std::string& symbol,
                                std::string_view path_and_query,
                                const std::function<Result<FetchResult>(std::string_view body)>& parse);

// The instants a provider's time may name: years 0000..9999, the dates a bar can be written
// and read back with. Nearer bounds keep all arithmetic on them (day numbers, offsets, bar
// lengths) far from overflow.
inline constexpr Timestamp kMinTime = -62167219200;  // 0000-01-01T00:00:00Z
inline constexpr Timestamp kMaxTime = 253402300799;  // 9999-12-31T23:59:59Z
// A JSON number as whole seconds when it lies in [min, max] (a float is truncated, as
// get<Timestamp>() would); nullopt for anything else. Converting a float beyond int64 with
// get<Timestamp>() is undefined behaviour, and a 20-digit unsigned one wraps negative.
std::optional<Timestamp> JsonSeconds(const nlohmann::json& value, Timestamp min = kMinTime,
                                     Timestamp max = kMaxTime);

// Provider responses nest a handful of levels (Yahoo's deepest is 8). nlohmann::json parses
// any depth, but copying, dumping or comparing a value recurses once per level, so a hostile
// body of nested brackets ("[[[[...") overflows the stack: the parsers refuse a body nested
// deeper than this before parsing it.
inline constexpr int kMaxJsonDepth = 64;
// The deepest nesting of arrays and objects in JSON text (exact for valid JSON; brackets
// inside strings do not count).
int JsonDepth(std::string_view text);

std::unique_ptr<Provider> MakeYahoo(ProviderContext ctx);
std::unique_ptr<Provider> MakeStooq(ProviderContext ctx);
std::unique_ptr<Provider> MakeAlphaVantage(ProviderContext ctx, std::string key);
std::unique_ptr<Provider> MakeFinnhub(ProviderContext ctx, std::string key);

}  // namespace qat::providers::internal
