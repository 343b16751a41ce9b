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

// What one input series contributed to a Dataset.
struct SeriesRows {
  std::string symbol;
  std::size_t bars = 0;              // daily bars given
  std::size_t rows = 0;              // labelled rows kept
  Days first_day = 0, last_day = 0;  // of those rows (0 when rows == 0)
  // Rows with no usable market or VIX bar (none yet, or older than the context's
  // max_age_days: features::ContextBarsOnAvailability); a null context counts as missing.
  std::size_t rows_missing_market = 0, rows_missing_vix = 0;
  std::size_t rows_missing_context = 0;  // either of the two
  std::string skipped;                   // why it gave no row ("" = it gave rows)
};

struct Dataset {
  std::vector<std::string> feature_names;
  std::size_t cols = 0;
  std::vector<float> x;               // rows x cols, row-major; NaN = missing
  std::vector<float> y;               // class id (labels::Action)
  std::vector<double> forward_return; // the label's forward return
  std::vector<Days> day, label_end_day;
  std::vector<std::size_t> symbol;    // index into the series list
  std::vector<std::size_t> bar;       // bar index in that series
  std::vector<SeriesRows> series;     // one per input series, in input order

  std::size_t rows() const { return y.size(); }
  // Copies the given rows' features (row-major) for XGBoost.
  std::vector<float> Rows(std::span<const std::size_t> rows) const;
};

struct DatasetOptions {
  labels::ClassLabelConfig labels;
  Days first_day = INT32_MIN;  // keep bars on or after this day
  Days last_day = INT32_MAX;   // and on or before this one
  // A series too short to give a row: skipped (SeriesRows::skipped says why) instead of
  // failing the whole build. The build still fails when no series gives a row.
  bool skip_series_without_rows = false;
};

// Features and labels of every series (daily), pooled. A row is kept when its label is known,
// its day is in range, and it is past the longest lookback of the symbol's own features.
// Each series runs to its own last bar (within the range); series may end on different days.
// Fails when a series is too short to give any row, naming it, unless
// options.skip_series_without_rows; then fails only when no series gives a row.
Result<Dataset> BuildDataset(std::span<const data::BarSeries> series,
                             const features::MarketContext& context, const DatasetOptions& options);

}  // namespace qat::models
