#include "qat/models/dataset.h"

#include <algorithm>

#include <fmt/format.h>

namespace qat::models {

std::vector<float> Dataset::Rows(std::span<const std::size_t> rows) const {
  std::vector<float> out;
  out.reserve(rows.size() * cols);
  for (std::size_t r : rows) out.insert(out.end(), x.begin() + r * cols, x.begin() + (r + 1) * cols);
  return out;
}

namespace {

// Marks the rows whose bar has no usable bar of `context` (null: none at all).
void CountMissing(const data::BarSeries& bars, const data::BarSeries* context, int max_age_days,
                  std::vector<bool>& missing) {
  missing.assign(bars.size(), context == nullptr);
  if (context == nullptr) return;
  const auto index = features::ContextBarsOnAvailability(bars, *context, max_age_days);
  for (std::size_t t = 0; t < bars.size(); ++t) missing[t] = index[t] == features::kNoContextBar;
}

}  // namespace

Result<Dataset> BuildDataset(std::span<const data::BarSeries> series,
                             const features::MarketContext& context, const DatasetOptions& options) {
  Dataset ds;
  int max_lookback = 0;
  for (const auto& spec : features::FeatureRegistry()) max_lookback = std::max(max_lookback, spec.lookback);
  // A row at bar t needs t >= max_lookback and a label, i.e. bar t + horizon.
  const std::size_t min_bars = static_cast<std::size_t>(max_lookback + options.labels.horizon) + 1;
  std::vector<bool> no_market, no_vix;
  for (std::size_t s = 0; s < series.size(); ++s) {
    const data::BarSeries& bars = series[s];
    SeriesRows info{.symbol = bars.symbol, .bars = bars.size()};
    if (options.skip_series_without_rows && bars.size() < min_bars) {
      info.skipped = fmt::format("{} daily bars; one labelled row needs at least {} ({} of feature history, "
                                 "the bar itself and {} after it)",
                                 bars.size(), min_bars, max_lookback, options.labels.horizon);
      ds.series.push_back(std::move(info));
      continue;
    }
    QAT_ASSIGN_OR_RETURN(auto frame, features::ComputeFeatures(bars, context));
    QAT_ASSIGN_OR_RETURN(auto labels, labels::MakeClassLabels(bars.adj_close, options.labels));
    if (ds.feature_names.empty()) {
      ds.feature_names = frame.names;
      ds.cols = frame.names.size();
    }
    CountMissing(bars, context.market, context.max_age_days, no_market);
    CountMissing(bars, context.vix, context.max_age_days, no_vix);
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
      if (info.rows == 0) info.first_day = day;
      info.last_day = day;
      ++info.rows;
      info.rows_missing_market += no_market[t];
      info.rows_missing_vix += no_vix[t];
      info.rows_missing_context += no_market[t] || no_vix[t];
    }
    if (info.rows == 0) {
      if (!options.skip_series_without_rows) {
        return Fail("{}: no labelled rows (needs more than {} bars of history in range)", bars.symbol,
                    max_lookback + options.labels.horizon);
      }
      info.skipped = fmt::format("no labelled row between {} and {} ({} daily bars, {}..{})",
                                 options.first_day == INT32_MIN ? "the start" : FormatDate(options.first_day),
                                 options.last_day == INT32_MAX ? "the end" : FormatDate(options.last_day),
                                 bars.size(), FormatDate(bars.DayAt(0)), FormatDate(bars.DayAt(bars.size() - 1)));
    }
    ds.series.push_back(std::move(info));
  }
  if (ds.rows() == 0) {
    std::string why;
    for (const auto& info : ds.series) why += fmt::format("{}{}: {}", why.empty() ? "" : "; ", info.symbol, info.skipped);
    return Fail("no symbol has enough history to give a labelled row{}{}", why.empty() ? "" : ": ", why);
  }
  return ds;
}

}  // namespace qat::models
