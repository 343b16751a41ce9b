// Use cases of the confluence combiner (signals/confluence.h): load symbols from the store,
// fit the combiner in walk-forward and publish it beside the model sets, read it back,
// evaluate it.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/core/result.h"
#include "qat/core/time.h"
#include "qat/features/features.h"
#include "qat/signals/confluence.h"
#include "qat/store/sqlite.h"

namespace qat::app {

// MODEL_DIR/confluence_<h>bar: the model (confluence_<h>bar.json) and its evaluation
// (confluence_evaluation_<h>bar.json), written whole as a file set (core/file_set.h).
std::filesystem::path ConfluenceDir(const std::filesystem::path& model_dir, int horizon);
std::string ConfluenceFileName(int horizon);

// A symbol's daily (and 1h) bars with its feature frame.
struct SymbolInputs {
  signals::SymbolData data;
  features::FeatureFrame features;
};

// A symbol's inputs from the store: its split-adjusted daily bars (as of `as_of` when given:
// bars and splits dated on or before it), its stored 1h bars (adjusted the same way; none is
// not an error) and its features with `context` (data.rsi and data.volume_ratio are the
// rsi_14 and volume_ratio_20 columns). Fails with kNotFound naming a symbol with no daily
// bars (by the date).
Result<SymbolInputs> LoadSymbolInputs(store::Database& db, const std::string& symbol, std::optional<Days> as_of,
                                      const features::MarketContext& context = {});
// The two halves of LoadSymbolInputs: reading the bars (the store), then computing the
// features (no store: may run on another thread).
Result<SymbolInputs> LoadSymbolBars(store::Database& db, const std::string& symbol, std::optional<Days> as_of);
Status ComputeSymbolFeatures(SymbolInputs& inputs, const features::MarketContext& context);

struct ConfluenceRequest {
  std::vector<std::string> symbols;  // validated
  std::string market = "SPY";        // stored; whose regimes the tables use
  std::filesystem::path model_dir;
  signals::ConfluenceConfig config;
};

// Loads the symbols and the market, builds their frames and runs signals::FitConfluence.
// `progress` gets one line per symbol loaded and per fold.
Result<signals::ConfluenceFit> RunConfluence(store::Database& db, const ConfluenceRequest& request,
                                             const std::function<void(const std::string&)>& progress = {});

// Writes the model and its evaluation into ConfluenceDir (replacing the previous set whole).
// Returns the folder.
Result<std::filesystem::path> PublishConfluence(const signals::ConfluenceFit& fit, const std::filesystem::path& model_dir);

// Reads ConfluenceDir(model_dir, horizon), verified against its SHA256SUMS. kNotFound when
// absent: "DIR: no confluence model for horizon 5 (run 'qtrader confluence fit' first)".
Result<signals::ConfluenceModel> ReadConfluence(const std::filesystem::path& model_dir, int horizon);

// The seed's calculate_confluence(patterns_by_tf, context): the published combiner applied to
// patterns and a context given by hand (signals::ConfluenceScorer::ScoreGiven). The seed's
// per-pattern "confidence" has no place here: each pattern weighs what its cell measured.
struct GivenConfluenceRequest {
  std::filesystem::path model_dir;
  int horizon = 5;
  std::vector<signals::GivenTimeframe> timeframes;
  signals::ContextValues context;
};
struct GivenConfluence {
  signals::Confluence confluence;
  double base_rate = 0;
  std::vector<std::string> ignored;  // timeframes given that the model was fitted without, and why
  // {direction, final_score, probability, confidence, base_rate, abstained,
  //  plain_sum_probability, per_timeframe[], ignored[], context{rsi, volume_ratio, regime, vol_regime, terms}}
  nlohmann::json ToJson(const signals::ContextValues& context) const;
};
// A timeframe the model was fitted without is left out and listed in `ignored`. Fails as
// ReadConfluence does, and as ScoreGiven does (a pattern that is not one of the 61).
Result<GivenConfluence> ScoreGivenConfluence(const GivenConfluenceRequest& request);

}  // namespace qat::app
