// Context terms of a signal: RSI, volume ratio, trend regime and volatility regime, each put
// in a bucket and turned into a log-likelihood ratio toward "up" estimated from data (not
// set by hand): in bucket B, with n rows and u up outcomes, and the base rate b of all rows,
//   llr = logit((u + k b) / (n + k)) - logit(b)
// with a prior worth k rows pulling a small bucket toward no effect. Fitted, like the pattern
// evidence, on rows whose outcome was known at the fit's as-of time only.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/core/result.h"
#include "qat/features/regimes.h"

namespace qat::signals {

inline constexpr std::size_t kNumContextTerms = 4;
// "rsi" (rsi_14), "volume_ratio" (volume_ratio_20), "regime" (trend), "vol_regime".
inline constexpr std::array<std::string_view, kNumContextTerms> kContextTermNames = {"rsi", "volume_ratio", "regime",
                                                                                    "vol_regime"};

struct ContextValues {
  double rsi = 0;           // RSI(14) of the daily close (features: rsi_14); NaN = missing
  double volume_ratio = 0;  // volume / its 20-session mean (features: volume_ratio_20); NaN = missing
  features::TrendRegime trend = features::TrendRegime::kUnknown;
  features::VolRegime vol = features::VolRegime::kUnknown;
};

// The bucket of each term: rsi "<30", "30-50", "50-70", ">=70"; volume ratio "<0.8",
// "0.8-1.2", "1.2-2", ">=2" (lower bounds inclusive); "missing" for NaN; the regimes by name.
std::array<std::string, kNumContextTerms> ContextBuckets(const ContextValues& values);

struct ContextBucketRate {
  std::string term, bucket;
  std::int64_t n = 0, up = 0;
};

struct ContextTable {
  double prior_weight = 20;
  std::int64_t n = 0, up = 0;               // all rows fitted
  std::vector<ContextBucketRate> buckets;   // sorted by term, bucket

  nlohmann::json ToJson() const;  // {prior_weight, n, up, buckets[[term, bucket, n, up]]}
  static Result<ContextTable> FromJson(const nlohmann::json& j, std::string_view source);
};

// Counts of rows (values[i], up[i]) with use[i] set.
ContextTable FitContext(std::span<const ContextValues> values, std::span<const std::uint8_t> up,
                        std::span<const std::uint8_t> use, double prior_weight);

struct ContextTerm {
  std::string term, bucket;
  double llr = 0;  // 0 for a bucket the table has not seen or an empty table
};
std::array<ContextTerm, kNumContextTerms> ContextTerms(const ContextTable& table, const ContextValues& values);

}  // namespace qat::signals
