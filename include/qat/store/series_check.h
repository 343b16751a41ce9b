// The data-quality check of a stored series (`qtrader check`, and the warnings after an
// import): data::CheckQuality on the stored values, with the stored split dates excusing
// large moves, plus a `basis` finding for each stored split that contradicts the declared
// basis of the bars around it.
//
// Staleness is judged against the data's own source: a series whose last bar was fetched
// from a provider is expected to be current (checked against `now`); one whose last bar came
// from a file or a resample is as current as that file, and is checked only against an
// explicit `as_of`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "qat/core/clock.h"
#include "qat/core/result.h"
#include "qat/data/interval.h"
#include "qat/data/quality.h"
#include "qat/store/sqlite.h"

namespace qat::store {

struct SeriesCheckOptions {
  double max_move = 0.5;
  int max_stale_sessions = 1;
  const Clock* as_of = nullptr;  // given by the user: staleness is always checked against it
  const Clock* now = nullptr;    // the system clock: staleness of fetched series only
  std::vector<Days> extra_split_dates;  // excused like stored splits (not stored anywhere)
};

// Whether bars of `source` come from a provider (fetched, expected current).
bool IsProviderSource(std::string_view source);

Result<data::QualityReport> CheckStoredSeries(Database& db, const std::string& symbol, data::Interval interval,
                                              const SeriesCheckOptions& options);

}  // namespace qat::store
