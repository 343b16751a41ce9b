// Walk-forward validation with purging and an embargo (López de Prado, AFML ch. 7).
//
// Samples are (day, label_end_day) pairs, possibly from several symbols. The sessions (the
// sorted distinct days) are cut into an initial training period and `folds` consecutive test
// blocks. For the test block [test_start, test_end]:
//   test  = samples whose day lies in the block;
//   train = samples strictly before it whose label window ends before test_start (purge:
//           no training label may see a test-period price) and whose day is at least
//           `embargo_sessions` sessions before test_start (embargo);
//           expanding mode keeps all such samples, rolling mode only the last
//           `rolling_sessions` sessions of them.
// Later samples never train a model tested on earlier ones.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "qat/core/result.h"
#include "qat/core/time.h"
#include "qat/models/dataset.h"

namespace qat::models {

struct WalkForwardConfig {
  int folds = 5;
  double test_fraction = 0.5;  // share of sessions, at the end, that the test blocks cover
  int embargo_sessions = 5;    // >= the label horizon
  int rolling_sessions = 0;    // 0 = expanding window
};

struct Fold {
  std::vector<std::size_t> train, test;  // sample indices, ascending
  Days train_start = 0, train_end = 0, test_start = 0, test_end = 0;
};

// Fails when the config is invalid or a fold would have no training or no test samples.
Result<std::vector<Fold>> MakeWalkForwardFolds(std::span<const Days> day,
                                               std::span<const Days> label_end_day,
                                               const WalkForwardConfig& config);

// The rows of `rows` whose day is within `lookback_days` calendar days before the latest of
// them: the training window of one fold or of the final models.
std::vector<std::size_t> LookbackWindow(const Dataset& ds, const std::vector<std::size_t>& rows, int lookback_days);

struct CalibrationSplit {
  std::vector<std::size_t> fit, calibration;
};

// Inside one training window: the last `fraction` of its sessions hold the calibration rows;
// the fit rows lie before them, purged (label window ends before calibration starts) and
// embargoed by `embargo` sessions. Fails when the window is too short for that or leaves
// fewer than 50 fit or 10 calibration rows.
Result<CalibrationSplit> SplitForCalibration(const Dataset& ds, const std::vector<std::size_t>& rows,
                                             double fraction, int embargo);

}  // namespace qat::models
