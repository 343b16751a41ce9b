#include "qat/models/dataset.h"

#include <algorithm>

namespace qat::models {

std::vector<float> Dataset::Rows(std::span<const std::size_t> rows) const {
  std::vector<float> out;
  out.reserve(rows.size() * cols);
  for (std::size_t r : rows) out.insert(out.end(), x.begin() + r * cols, x.begin() + (r + 1) * cols);
  return out;
}

Result<Dataset> BuildDataset(std::span<const data::BarSeries> series,
                             const features::MarketContext& context, const DatasetOptions& options) {
  Dataset ds;
  int max_lookback = 0;
  for (const auto& spec : features::FeatureRegistry()) max_lookback = std::max(max_lookback, spec.lookback);
  for (std::size_t s = 0; s < series.size(); ++s) {
    const data::BarSeries& bars = series[s];
    QAT_ASSIGN_OR_RETURN(auto frame, features::ComputeFeatures(bars, context));
    QAT_ASSIGN_OR_RETURN(auto labels, labels::MakeClassLabels(bars.adj_close, options.labels));
    if (ds.feature_names.empty()) {
      ds.feature_names = frame.names;
      ds.cols = frame.names.size();
    }
    std::size_t kept = 0;
    for (std::size_t t = static_cast<std::size_t>(max_lookback); t < bars.size(); ++t) {
      if (labels.action[t] < 0) continue;
      const Days day = bars.DayAt(t);
      if (day < options.first_day || day > options.last_day) continue;
      for (const auto& column : frame.columns) ds.x.push_back(static_cast<float>(column[t]));
      ds.y.push_back(static_cast<float>(labels.action[t]));
      ds.forward_return.push_back(labels.forward_return[t]);
      ds.day.push_back(day);
      ds.label_end_day.push_back(bars.DayAt(labels.end_index[t]));
      ds.symbol.push_back(s);
      ds.bar.push_back(t);
      ++kept;
    }
    if (kept == 0) {
      return Fail("{}: no labelled rows (needs more than {} bars of history in range)", bars.symbol,
                  max_lookback + options.labels.horizon);
    }
  }
  return ds;
}

}  // namespace qat::models
