// Use case: the features of a stored symbol, read as every analytic reads bars (what
// `qtrader features --symbol` does), for every front end.
#pragma once

#include <string>
#include <vector>

#include "qat/core/result.h"
#include "qat/data/bar_series.h"
#include "qat/features/features.h"
#include "qat/store/sqlite.h"

namespace qat::app {

struct StoredFeaturesRequest {
  std::string symbol;  // validated
  // Context symbols; "" means the defaults (SPY, ^VIX), which are left out, and named in
  // `missing_context`, when they are not stored. A context named here must be stored.
  std::string market, vix;
};

struct StoredFeatures {
  data::BarSeries bars;  // the adjusted bars the features were computed from
  features::FeatureFrame frame;
  std::vector<std::string> missing_context;  // default context symbols not stored
};

Result<StoredFeatures> ComputeStoredFeatures(store::Database& db, const StoredFeaturesRequest& request);

}  // namespace qat::app
