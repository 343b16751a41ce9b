#include "qat/app/ingest.h"

#include <algorithm>

#include "qat/core/clock.h"
#include "qat/core/files.h"
#include "qat/data/corporate_action.h"
#include "qat/data/csv.h"
#include "qat/data/resample.h"
#include "qat/store/actions.h"
#include "qat/store/series_check.h"
#include "qat/store/store.h"

namespace qat::app {
Result<ImportReport> ImportCsv(const std::filesystem::path& store_path, const ImportRequest& r,
                               const std::function<void(const std::string&)>& progress) {
  if (r.input.empty() && r.actions.empty()) {
    return Fail(ErrorCode::kInvalidInput, "import: give an input file, an actions file or both");
  }
  if (r.adjusted_through && r.basis == data::PriceBasis::kRaw) {
    return Fail(ErrorCode::kInvalidInput, "adjusted through goes with a split basis (split or split-dividend)");
  }
  ImportReport report;
  store::SeriesWrite& write = report.write;
  write.origin.basis = r.basis;
  write.origin.adjusted_through =
      r.basis == data::PriceBasis::kRaw ? 0 : r.adjusted_through.value_or(NewYorkDay(r.now));
  write.replace = r.replace;
  write.bars.symbol = r.symbol;
  write.bars.interval = r.interval;
  if (!r.input.empty()) {
    write.origin.source = r.source.empty() ? "csv:" + r.input.filename().string() : r.source;
    data::CsvReadOptions options;
    options.symbol = r.symbol;
    options.interval = r.interval;
    options.repair_ohlc = r.repair_ohlc;
    options.not_after = r.now;  // a bar dated after today is refused, with its line
    if (progress) progress(fmt::format("reading {}", r.input.string()));
    QAT_ASSIGN_OR_RETURN(auto read, data::ReadBarsCsvFile(r.input, options));
    report.warnings = std::move(read.warnings);
    write.bars = std::move(read.series);
    write.has_adj_close = read.has_adj_close;
    write.has_volume = read.has_volume;
  }
  if (!r.actions.empty()) {
    QAT_ASSIGN_OR_RETURN(auto text, ReadWholeFile(r.actions));
    QAT_ASSIGN_OR_RETURN(write.actions, data::ParseActionsCsv(text, r.actions.string(), r.symbol));
  }
  QAT_ASSIGN_OR_RETURN(auto db, store::OpenStore(store_path, store::OpenMode::kCreate));
  if (!write.bars.empty() && progress) {
    progress(fmt::format("writing {} bars of {} {} into {}", write.bars.size(), write.bars.symbol,
                         data::IntervalName(write.bars.interval), store_path.string()));
  }
  QAT_ASSIGN_OR_RETURN(report.written, store::WriteSeries(db, write));
  if (!write.bars.empty()) {
    FixedClock now(r.now);
    store::SeriesCheckOptions check;
    check.now = &now;
    QAT_ASSIGN_OR_RETURN(report.quality, store::CheckStoredSeries(db, r.symbol, r.interval, check));
  }
  return report;
}

Result<ResampleReport> ResampleStored(store::Database& db, const ResampleRequest& r) {
  // Resampled from the adjusted bars: one basis whatever the source interval holds.
  QAT_ASSIGN_OR_RETURN(auto bars, store::LoadAdjustedBars(db, {r.symbol, r.from, std::nullopt, std::nullopt}));
  QAT_ASSIGN_OR_RETURN(auto actions, store::LoadActions(db, r.symbol));
  QAT_ASSIGN_OR_RETURN(auto result, data::Resample(bars, r.to, {.extended_hours = r.extended_hours}));
  ResampleReport report;
  report.bars_in = bars.size();
  report.dropped_extended = result.dropped_extended;
  report.dropped_closed_day = result.dropped_closed_day;
  if (result.series.empty()) {
    return Fail("{} {}: no bars left to resample ({} outside the regular session, {} on closed days; extended "
                "hours keeps the former)",
                r.symbol, data::IntervalName(r.from), result.dropped_extended, result.dropped_closed_day);
  }
  store::SeriesWrite& write = report.write;
  write.bars = std::move(result.series);
  write.origin.basis = data::PriceBasis::kSplit;
  write.origin.source = fmt::format("resample:{}", data::IntervalName(r.from));
  // Every stored split is in the adjusted bars.
  write.origin.adjusted_through = write.bars.DayAt(write.bars.size() - 1);
  for (const auto& a : actions) write.origin.adjusted_through = std::max(write.origin.adjusted_through, a.date);
  write.replace = r.replace;
  QAT_ASSIGN_OR_RETURN(report.written, store::WriteSeries(db, write));
  return report;
}

}  // namespace qat::app
