// The feature schema reader of every model set (models::ParseModelSchema, what ReadModelSet and
// so `qtrader forecast` use), a pure function so it can be fuzzed (fuzz/model_schema_fuzz.cc, docs/fuzzing.md), and the rule
// that a schema cannot send the model loader outside its set's folder.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "qat/core/file_set.h"
#include "qat/core/time.h"
#include "qat/models/model_set.h"
#include "support/cli.h"

namespace qat::models {
namespace {

using qat::testing::TempDir;
using qat::testing::WriteFile;

// A schema as WriteModelSet writes it, with two features.
nlohmann::json Schema() {
  nlohmann::json quantiles = nlohmann::json::array();
  for (std::size_t k = 0; k < models::kNumQuantiles; ++k) {
    quantiles.push_back({{"name", models::QuantileName(k)}, {"tau", models::kQuantileLevels[k]},
                         {"file", QuantileFileName(5, k)}, {"rounds", 3}, {"offset", 0.01 * static_cast<double>(k)},
                         {"scale", 2.0}, {"conformal_shift", -0.5}});
  }
  return {{"horizon", 5},           {"features", {"ret_1", "rsi_14"}}, {"classifier_file", ClassifierFileName(5)},
          {"quantiles", quantiles}, {"market", "SPY"},                 {"vix", "^VIX"},
          {"context_max_age_days", 7}, {"as_of", "2024-03-22"}};
}

constexpr std::string_view kSource = "models/5bar/feature_schema_5bar.json";

TEST(ModelSchema, ParsesWhatWriteModelSetWrites) {
  auto s = ParseModelSchema(Schema().dump(2), kSource);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->features, (std::vector<std::string>{"ret_1", "rsi_14"}));
  EXPECT_EQ(s->classifier_file, "swing_model_5bar.json");
  EXPECT_EQ(s->market, "SPY");
  EXPECT_EQ(s->vix, "^VIX");
  EXPECT_EQ(s->horizon, 5);
  EXPECT_EQ(FormatDate(s->as_of), "2024-03-22");
  EXPECT_EQ(s->context_max_age_days, 7);
  EXPECT_EQ(s->quantiles[0].file, "quantile_5bar_q10.json");
  EXPECT_EQ(s->quantiles[4].file, "quantile_5bar_q90.json");
  EXPECT_DOUBLE_EQ(s->quantiles[2].transform.offset, 0.02);
  EXPECT_DOUBLE_EQ(s->quantiles[2].transform.scale, 2.0);
  EXPECT_DOUBLE_EQ(s->quantiles[2].transform.shift, -0.5);
  EXPECT_EQ(s->quantiles[2].rounds, 3);
  // And what it parses, it writes back the same.
  EXPECT_EQ(ParseModelSchema(ModelSchemaJson(*s).dump(), kSource)->quantiles[4].file, "quantile_5bar_q90.json");
  EXPECT_EQ(ModelSchemaJson(*ParseModelSchema(ModelSchemaJson(*s).dump(), kSource)), ModelSchemaJson(*s));
  EXPECT_EQ(s->classifier_temperature, 1.0);  // written before temperature scaling: unscaled
  auto scaled = Schema();
  scaled["classifier_temperature"] = 2.5;
  EXPECT_EQ(ParseModelSchema(scaled.dump(), kSource)->classifier_temperature, 2.5);
  // Written before prob_up was Platt-scaled: the identity; written since: read back as written.
  EXPECT_EQ(s->prob_up_platt.a, 1.0);
  EXPECT_EQ(s->prob_up_platt.b, 0.0);
  auto platt = Schema();
  platt["prob_up_platt"] = {{"a", 0.6}, {"b", -0.05}};
  auto with_platt = ParseModelSchema(platt.dump(), kSource);
  ASSERT_TRUE(with_platt.ok()) << with_platt.error().message;
  EXPECT_EQ(with_platt->prob_up_platt.a, 0.6);
  EXPECT_EQ(with_platt->prob_up_platt.b, -0.05);
  EXPECT_EQ(ModelSchemaJson(*with_platt)["prob_up_platt"], platt["prob_up_platt"]);
  // Schemas written before the staleness rule carry no age: the default.
  auto old = Schema();
  old.erase("context_max_age_days");
  EXPECT_EQ(ParseModelSchema(old.dump(), kSource)->context_max_age_days, features::kDefaultContextMaxAgeDays);
}

TEST(ModelSchema, BadSchemasFailNamingTheFile) {
  auto message = [](const std::string& text) {
    auto s = ParseModelSchema(text, kSource);
    return s.ok() ? std::string("(parsed)") : s.error().message;
  };
  EXPECT_EQ(message("{\"features\": [").rfind("models/5bar/feature_schema_5bar.json: not valid JSON: ", 0), 0u);
  auto missing = Schema();
  missing.erase("vix");
  EXPECT_EQ(message(missing.dump()).rfind(std::string(kSource) + ": malformed schema: ", 0), 0u);
  auto four = Schema();
  four["quantiles"].erase(4);
  EXPECT_EQ(message(four.dump()), std::string(kSource) + ": 4 quantiles, expected 5");
  auto bad_date = Schema();
  bad_date["as_of"] = "2024-13-01";
  EXPECT_EQ(message(bad_date.dump()), std::string(kSource) + ": malformed schema: as_of '2024-13-01' is not a date");
  auto bad_horizon = Schema();
  bad_horizon["horizon"] = 0;
  EXPECT_EQ(message(bad_horizon.dump()),
            std::string(kSource) + ": malformed schema: horizon '0' is not a whole number of bars >= 1");
  for (const char* bad : {"0", "-1", "\"2\"", "null", "[]"}) {
    auto temperature = Schema();
    temperature["classifier_temperature"] = nlohmann::json::parse(bad);
    EXPECT_NE(message(temperature.dump()).find("malformed schema: classifier_temperature "), std::string::npos) << bad;
  }
  for (const char* bad : {"0.5", "[1, 0]", "{\"a\": 1}", "{\"a\": \"1\", \"b\": 0}", "{\"a\": 1, \"b\": null}"}) {
    auto platt = Schema();
    platt["prob_up_platt"] = nlohmann::json::parse(bad);
    EXPECT_NE(message(platt.dump()).find("malformed schema: prob_up_platt "), std::string::npos) << bad;
  }
  auto wrong_type = Schema();
  wrong_type["quantiles"][1]["scale"] = "two";
  EXPECT_NE(message(wrong_type.dump()).find("malformed schema"), std::string::npos);
}

// Found by reading the parser (the fuzzer ran 10 minutes without reaching it; the input trips
// UBSan in model_schema_fuzz before the fix): get<int>() of 1e300 is undefined behaviour.
// Kept as fuzz/corpus/model_schema/regression-context-age-beyond-int.
TEST(ModelSchema, ContextAgeMustBeWholeDays) {
  auto s = ParseModelSchema(qat::testing::ReadFile(qat::testing::RepoPath(
                                "fuzz/corpus/model_schema/regression-context-age-beyond-int")),
                            kSource);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, std::string(kSource) +
                                   ": malformed schema: context_max_age_days '1e+300' is not a whole number of days >= 0");
  for (const char* bad : {"-1", "5.5", "\"5\"", "null", "4294967296"}) {
    auto schema = Schema();
    schema["context_max_age_days"] = nlohmann::json::parse(bad);
    EXPECT_FALSE(ParseModelSchema(schema.dump(), kSource).ok()) << bad;
  }
  auto zero = Schema();
  zero["context_max_age_days"] = 0;
  EXPECT_EQ(ParseModelSchema(zero.dump(), kSource)->context_max_age_days, 0);
}

// Before: the names were joined to the set's folder as given, so '../x.json' or an absolute
// path loaded a file from anywhere.
TEST(ModelSchema, ModelFilesOutsideTheSetAreRefused) {
  const std::vector<std::string> bads = {"../x.json", "/etc/passwd", "sub/x.json", "..", ".", "",
                                         std::string("a\0b", 3)};
  for (const std::string& bad : bads) {
    auto classifier = Schema();
    classifier["classifier_file"] = bad;
    auto s = ParseModelSchema(classifier.dump(), kSource);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_NE(s.error().message.find("'classifier_file' "), std::string::npos) << s.error().message;
    EXPECT_NE(s.error().message.find(" is not a file name in the model set"), std::string::npos);
    auto quantile = Schema();
    quantile["quantiles"][3]["file"] = bad;
    s = ParseModelSchema(quantile.dump(), kSource);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_NE(s.error().message.find("'quantiles'[3].file "), std::string::npos) << s.error().message;
  }
  auto s = ParseModelSchema([] { auto j = Schema(); j["classifier_file"] = "../x.json"; return j.dump(); }(), kSource);
  EXPECT_EQ(s.error().message,
            std::string(kSource) + ": 'classifier_file' '../x.json' is not a file name in the model set");
}

// The same through ReadModelSet (what `forecast` reads a set with): a complete, verified set
// whose schema names a file beside the set is refused before anything is loaded.
TEST(ModelSchema, ReadModelSetRefusesASetWhoseSchemaPointsOutsideIt) {
  TempDir dir;
  const auto models = dir.path() / "models";
  WriteFile(models / "outside.json", "{}");
  {
    auto set = FileSetWriter::Begin(ModelSetDir(models, 5));
    ASSERT_TRUE(set.ok()) << set.error().message;
    auto schema = Schema();
    schema["quantiles"][0]["file"] = "../outside.json";
    ASSERT_TRUE(set->Write(SchemaFileName(5), schema.dump(2)).ok());
    ASSERT_TRUE(set->Commit().ok());
  }
  auto f = ReadModelSet(models, 5);
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.error().message.find("feature_schema_5bar.json: 'quantiles'[0].file '../outside.json' is not a file "
                                   "name in the model set"),
            std::string::npos)
      << f.error().message;
  EXPECT_EQ(f.error().code, ErrorCode::kCorrupt);
}

}  // namespace
}  // namespace qat::models
