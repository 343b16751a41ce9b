#include "qat/signals/context.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <utility>

#include "qat/signals/logistic.h"

namespace qat::signals {
namespace {

std::string RsiBucket(double rsi) {
  if (!std::isfinite(rsi)) return "missing";
  if (rsi < 30) return "<30";
  if (rsi < 50) return "30-50";
  if (rsi < 70) return "50-70";
  return ">=70";
}

std::string VolumeRatioBucket(double ratio) {
  if (!std::isfinite(ratio)) return "missing";
  if (ratio < 0.8) return "<0.8";
  if (ratio < 1.2) return "0.8-1.2";
  if (ratio < 2.0) return "1.2-2";
  return ">=2";
}

}  // namespace

std::array<std::string, kNumContextTerms> ContextBuckets(const ContextValues& v) {
  return {RsiBucket(v.rsi), VolumeRatioBucket(v.volume_ratio), std::string(features::TrendRegimeName(v.trend)),
          std::string(features::VolRegimeName(v.vol))};
}

ContextTable FitContext(std::span<const ContextValues> values, std::span<const std::uint8_t> up,
                        std::span<const std::uint8_t> use, double prior_weight) {
  ContextTable table;
  table.prior_weight = prior_weight;
  std::map<std::pair<std::string, std::string>, ContextBucketRate> counts;
  for (std::size_t i = 0; i < values.size() && i < up.size() && i < use.size(); ++i) {
    if (use[i] == 0) continue;
    ++table.n;
    table.up += up[i] != 0 ? 1 : 0;
    const auto buckets = ContextBuckets(values[i]);
    for (std::size_t t = 0; t < kNumContextTerms; ++t) {
      ContextBucketRate& c = counts[{std::string(kContextTermNames[t]), buckets[t]}];
      c.term = kContextTermNames[t];
      c.bucket = buckets[t];
      ++c.n;
      c.up += up[i] != 0 ? 1 : 0;
    }
  }
  for (auto& [key, c] : counts) table.buckets.push_back(std::move(c));
  return table;
}

std::array<ContextTerm, kNumContextTerms> ContextTerms(const ContextTable& table, const ContextValues& values) {
  const auto buckets = ContextBuckets(values);
  std::array<ContextTerm, kNumContextTerms> out;
  const double base = table.n > 0 ? static_cast<double>(table.up) / static_cast<double>(table.n) : 0.5;
  for (std::size_t t = 0; t < kNumContextTerms; ++t) {
    out[t].term = kContextTermNames[t];
    out[t].bucket = buckets[t];
    const auto it = std::lower_bound(table.buckets.begin(), table.buckets.end(), std::pair(out[t].term, buckets[t]),
                                     [](const ContextBucketRate& c, const auto& key) {
                                       return std::tie(c.term, c.bucket) < std::tie(key.first, key.second);
                                     });
    if (it == table.buckets.end() || it->term != out[t].term || it->bucket != buckets[t] || base <= 0 || base >= 1) {
      continue;
    }
    const double k = table.prior_weight;
    const double r = (static_cast<double>(it->up) + k * base) / (static_cast<double>(it->n) + k);
    out[t].llr = Logit(r) - Logit(base);
  }
  return out;
}

nlohmann::json ContextTable::ToJson() const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : buckets) list.push_back({c.term, c.bucket, c.n, c.up});
  return {{"prior_weight", prior_weight}, {"n", n}, {"up", up}, {"buckets", std::move(list)}};
}

Result<ContextTable> ContextTable::FromJson(const nlohmann::json& j, std::string_view source) {
  ContextTable t;
  try {
    t.prior_weight = j.at("prior_weight").get<double>();
    t.n = j.at("n").get<std::int64_t>();
    t.up = j.at("up").get<std::int64_t>();
    for (const auto& r : j.at("buckets")) {
      t.buckets.push_back(
          {r.at(0).get<std::string>(), r.at(1).get<std::string>(), r.at(2).get<std::int64_t>(), r.at(3).get<std::int64_t>()});
    }
  } catch (const nlohmann::json::exception& e) {
    return Fail(ErrorCode::kCorrupt, "{}: malformed context table: {}", source, e.what());
  }
  if (!std::is_sorted(t.buckets.begin(), t.buckets.end(), [](const auto& a, const auto& b) {
        return std::tie(a.term, a.bucket) < std::tie(b.term, b.bucket);
      })) {
    return Fail(ErrorCode::kCorrupt, "{}: context buckets are not sorted", source);
  }
  return t;
}

}  // namespace qat::signals
