// The training table: one row per (symbol, bar) with every feature, its class label and the
// bookkeeping validation needs (the bar's day and the day its label window ends).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "qat/core/result.h"
#include "qat/data/bar_series.h"
#include "qat/features/features.h"
#include "qat/labels/labels.h"

namespace qat::models {

struct Dataset {
  std::vector<std::string> feature_names;
  std::size_t cols = 0;
  std::vector<float> x;               // rows x cols, row-major; NaN = missing
  std::vector<float> y;               // class id (labels::Action)
  std::vector<double> forward_return; // the label's forward return
  std::vector<Days> day, label_end_day;
  std::vector<std::size_t> symbol;    // index into the series list
  std::vector<std::size_t> bar;       // bar index in that series

  std::size_t rows() const { return y.size(); }
  // Copies the given rows' features (row-major) for XGBoost.
  std::vector<float> Rows(std::span<const std::size_t> rows) const;
};

struct DatasetOptions {
  labels::ClassLabelConfig labels;
  Days first_day = INT32_MIN;  // keep bars on or after this day
  Days last_day = INT32_MAX;   // and on or before this one
};

// Features and labels of every series (daily), pooled. A row is kept when its label is known,
// its day is in range, and it is past the longest lookback of the symbol's own features.
// Fails when a series is too short to give any row, naming it.
Result<Dataset> BuildDataset(std::span<const data::BarSeries> series,
                             const features::MarketContext& context, const DatasetOptions& options);

}  // namespace qat::models
