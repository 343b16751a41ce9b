#include "qat/models/model_set.h"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "qat/core/files.h"
#include "qat/core/strings.h"

namespace qat::models {
namespace {

constexpr std::size_t kQ = kNumQuantiles;

// A file directly inside the set's folder: not a path that leaves it.
bool IsPlainFileName(std::string_view name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string_view::npos &&
         name.find('\0') == std::string_view::npos;
}

// A whole number of days in 0..INT_MAX (get<int>() of a float beyond int's range is undefined
// behaviour).
bool IsWholeDays(const nlohmann::json& v) {
  constexpr std::int64_t kMax = std::numeric_limits<int>::max();
  if (v.is_number_unsigned()) return v.get<std::uint64_t>() <= std::uint64_t{kMax};
  if (v.is_number_integer()) return v.get<std::int64_t>() >= 0 && v.get<std::int64_t>() <= kMax;
  return false;
}

}  // namespace

std::filesystem::path ModelSetDir(const std::filesystem::path& model_dir, int horizon) {
  return model_dir / fmt::format("{}bar", horizon);
}

std::string ClassifierFileName(int h) { return fmt::format("swing_model_{}bar.json", h); }
std::string QuantileFileName(int h, std::size_t k) { return fmt::format("quantile_{}bar_{}.json", h, QuantileName(k)); }
std::string SchemaFileName(int h) { return fmt::format("feature_schema_{}bar.json", h); }
std::string ResultsFileName(int h) { return fmt::format("training_results_{}bar.json", h); }

nlohmann::json ModelSchemaJson(const ModelSchema& s) {
  nlohmann::json quantiles = nlohmann::json::array();
  for (std::size_t k = 0; k < kQ; ++k) {
    const auto& q = s.quantiles[k];
    quantiles.push_back({{"name", QuantileName(k)}, {"tau", kQuantileLevels[k]}, {"file", q.file},
                         {"rounds", q.rounds}, {"offset", q.transform.offset}, {"scale", q.transform.scale},
                         {"conformal_shift", q.transform.shift}});
  }
  return {{"horizon", s.horizon},
          {"features", s.features},
          {"n_features", s.features.size()},
          {"classes", {"SELL", "HOLD", "BUY"}},
          {"classifier_file", s.classifier_file},
          {"classifier_temperature", s.classifier_temperature},
          {"prob_up_platt", {{"a", s.prob_up_platt.a}, {"b", s.prob_up_platt.b}}},
          {"quantiles", quantiles},
          {"quantile_return", "offset + scale * margin + conformal_shift, then sorted"},
          {"market", s.market},
          {"vix", s.vix},
          {"context_max_age_days", s.context_max_age_days},
          {"train_start", FormatDate(s.train_start)},
          {"as_of", FormatDate(s.as_of)},
          {"labels",
           {{"horizon", s.horizon},
            {"vol_window", s.labels.vol_window},
            {"threshold_sigmas", s.labels.threshold_sigmas}}}};
}

Result<ModelSchema> ParseModelSchema(std::string_view text, std::string_view source) {
  nlohmann::json schema;
  try {
    schema = nlohmann::json::parse(text);
  } catch (const std::exception& e) {
    return Fail("{}: not valid JSON: {}", source, e.what());
  }
  ModelSchema out;
  std::string as_of, train_start;
  try {
    const auto& horizon = schema.at("horizon");
    if (!IsWholeDays(horizon) || horizon.get<int>() < 1) {
      return Fail("{}: malformed schema: horizon {} is not a whole number of bars >= 1", source,
                  Excerpt(horizon.dump()));
    }
    out.horizon = horizon.get<int>();
    out.features = schema.at("features").get<std::vector<std::string>>();
    out.classifier_file = schema.at("classifier_file").get<std::string>();
    out.market = schema.at("market").get<std::string>();
    out.vix = schema.at("vix").get<std::string>();
    as_of = schema.at("as_of").get<std::string>();
    if (schema.contains("train_start")) train_start = schema.at("train_start").get<std::string>();
    if (schema.contains("context_max_age_days")) {
      const auto& age = schema.at("context_max_age_days");
      if (!IsWholeDays(age)) {
        return Fail("{}: malformed schema: context_max_age_days {} is not a whole number of days >= 0", source,
                    Excerpt(age.dump()));
      }
      out.context_max_age_days = age.get<int>();
    }
    if (schema.contains("classifier_temperature")) {
      const auto& t = schema.at("classifier_temperature");
      if (!t.is_number() || !(t.get<double>() > 0) || !std::isfinite(t.get<double>())) {
        return Fail("{}: malformed schema: classifier_temperature {} is not a number > 0", source, Excerpt(t.dump()));
      }
      out.classifier_temperature = t.get<double>();
    }
    if (schema.contains("prob_up_platt")) {
      const auto& platt = schema.at("prob_up_platt");
      auto finite = [&](const char* key) {
        return platt.contains(key) && platt.at(key).is_number() && std::isfinite(platt.at(key).get<double>());
      };
      if (!platt.is_object() || !finite("a") || !finite("b")) {
        return Fail("{}: malformed schema: prob_up_platt {} is not {{\"a\": number, \"b\": number}}", source,
                    Excerpt(platt.dump()));
      }
      out.prob_up_platt = {platt.at("a").get<double>(), platt.at("b").get<double>()};
    }
    out.labels.horizon = out.horizon;
    if (schema.contains("labels")) {
      const auto& labels = schema.at("labels");
      const auto& window = labels.at("vol_window");
      if (!IsWholeDays(window)) {
        return Fail("{}: malformed schema: labels.vol_window {} is not a whole number of bars", source,
                    Excerpt(window.dump()));
      }
      out.labels.vol_window = window.get<int>();
      out.labels.threshold_sigmas = labels.at("threshold_sigmas").get<double>();
    }
    const auto& qs = schema.at("quantiles");
    if (qs.size() != kQ) return Fail("{}: {} quantiles, expected {}", source, qs.size(), kQ);
    for (std::size_t k = 0; k < kQ; ++k) {
      auto& q = out.quantiles[k];
      q.transform = {qs[k].at("offset").get<double>(), qs[k].at("scale").get<double>(),
                     qs[k].at("conformal_shift").get<double>()};
      q.file = qs[k].at("file").get<std::string>();
      if (qs[k].contains("rounds")) {
        if (!IsWholeDays(qs[k].at("rounds"))) {
          return Fail("{}: malformed schema: 'quantiles'[{}].rounds {} is not a whole number >= 0", source, k,
                      Excerpt(qs[k].at("rounds").dump()));
        }
        q.rounds = qs[k].at("rounds").get<int>();
      }
    }
  } catch (const nlohmann::json::exception& e) {
    return Fail("{}: malformed schema: {}", source, e.what());
  }
  auto as_of_day = ParseDate(as_of);
  if (!as_of_day.ok()) return Fail("{}: malformed schema: as_of {} is not a date", source, Excerpt(as_of));
  out.as_of = *as_of_day;
  if (!train_start.empty()) {
    auto start = ParseDate(train_start);
    if (!start.ok()) return Fail("{}: malformed schema: train_start {} is not a date", source, Excerpt(train_start));
    out.train_start = *start;
  }
  if (!IsPlainFileName(out.classifier_file)) {
    return Fail("{}: 'classifier_file' {} is not a file name in the model set", source, Excerpt(out.classifier_file));
  }
  for (std::size_t k = 0; k < kQ; ++k) {
    if (!IsPlainFileName(out.quantiles[k].file)) {
      return Fail("{}: 'quantiles'[{}].file {} is not a file name in the model set", source, k,
                  Excerpt(out.quantiles[k].file));
    }
  }
  return out;
}

ModelSchema SchemaFor(int horizon, const QuantileModel& quantiles) {
  ModelSchema s;
  s.horizon = horizon;
  s.labels.horizon = horizon;
  s.classifier_file = ClassifierFileName(horizon);
  for (std::size_t k = 0; k < kQ; ++k) {
    s.quantiles[k] = {QuantileFileName(horizon, k), quantiles.rounds[k], quantiles.transform[k]};
  }
  return s;
}

Result<std::vector<std::filesystem::path>> WriteModelSet(const ModelSchema& schema, const Booster& classifier,
                                                         const QuantileModel& quantiles,
                                                         const nlohmann::json& results, FileSetWriter& set) {
  if (quantiles.boosters.size() != kQ) return Fail("{} quantile boosters, expected {}", quantiles.boosters.size(), kQ);
  QAT_RETURN_IF_ERROR(classifier.SaveJson(set.PathFor(schema.classifier_file)));
  for (std::size_t k = 0; k < kQ; ++k) {
    QAT_RETURN_IF_ERROR(quantiles.boosters[k].SaveJson(set.PathFor(schema.quantiles[k].file)));
  }
  QAT_RETURN_IF_ERROR(set.Write(SchemaFileName(schema.horizon), ModelSchemaJson(schema).dump(2) + "\n"));
  QAT_RETURN_IF_ERROR(set.Write(ResultsFileName(schema.horizon), results.dump(2) + "\n"));
  QAT_ASSIGN_OR_RETURN(auto names, set.Commit());
  std::vector<std::filesystem::path> written;
  for (const auto& name : names) written.push_back(set.target() / name);
  return written;
}

Result<ModelSet> ReadModelSet(const std::filesystem::path& model_dir, int horizon) {
  const auto dir = ModelSetDir(model_dir, horizon);
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) {
    return Fail(ErrorCode::kNotFound, "{}: no models for horizon {} (run 'qtrader train --horizon {}' first)",
                dir.string(), horizon, horizon);
  }
  QAT_RETURN_IF_ERROR(VerifyFileSet(dir));
  const auto schema_path = dir / SchemaFileName(horizon);
  auto text = ReadWholeFile(schema_path);
  if (!text.ok()) return Fail("{}: cannot read the feature schema", schema_path.string());
  auto schema = ParseModelSchema(*text, schema_path.string());
  if (!schema.ok()) return Error{schema.error().message, ErrorCode::kCorrupt};
  if (schema->horizon != horizon) {
    return Fail(ErrorCode::kCorrupt, "{}: the schema is for horizon {}, the set's folder for horizon {}",
                schema_path.string(), schema->horizon, horizon);
  }
  ModelSet set{.dir = dir, .schema = std::move(*schema)};
  // The member names are plain file names (ParseModelSchema): they lie inside the verified set.
  QAT_ASSIGN_OR_RETURN(set.classifier, Booster::Load(dir / set.schema.classifier_file));
  for (std::size_t k = 0; k < kQ; ++k) {
    set.quantiles.transform[k] = set.schema.quantiles[k].transform;
    set.quantiles.rounds[k] = set.schema.quantiles[k].rounds;
    QAT_ASSIGN_OR_RETURN(auto booster, Booster::Load(dir / set.schema.quantiles[k].file));
    set.quantiles.boosters.push_back(std::move(booster));
  }
  return set;
}

}  // namespace qat::models
