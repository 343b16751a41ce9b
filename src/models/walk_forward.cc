#include "qat/models/walk_forward.h"

#include <algorithm>
#include <set>
#include <limits>

namespace qat::models {

Result<std::vector<Fold>> MakeWalkForwardFolds(std::span<const Days> day,
                                               std::span<const Days> label_end_day,
                                               const WalkForwardConfig& c) {
  if (day.size() != label_end_day.size()) return Fail("walk-forward: day/label_end sizes differ");
  if (c.folds < 1) return Fail("walk-forward: folds must be >= 1 (got {})", c.folds);
  if (!(c.test_fraction > 0 && c.test_fraction < 1)) {
    return Fail("walk-forward: test_fraction must be in (0, 1) (got {})", c.test_fraction);
  }
  if (c.embargo_sessions < 0 || c.rolling_sessions < 0) {
    return Fail("walk-forward: embargo and rolling sessions must be >= 0");
  }
  std::vector<Days> sessions(day.begin(), day.end());
  std::sort(sessions.begin(), sessions.end());
  sessions.erase(std::unique(sessions.begin(), sessions.end()), sessions.end());
  const std::size_t n = sessions.size();
  const std::size_t first_test = static_cast<std::size_t>(double(n) * (1.0 - c.test_fraction));
  const std::size_t test_sessions = n - first_test;
  if (test_sessions < static_cast<std::size_t>(c.folds)) {
    return Fail("walk-forward: {} test sessions cannot make {} folds", test_sessions, c.folds);
  }
  auto session_index = [&](Days d) {
    return static_cast<std::size_t>(std::lower_bound(sessions.begin(), sessions.end(), d) -
                                    sessions.begin());
  };
  std::vector<std::size_t> index_of(day.size());
  for (std::size_t i = 0; i < day.size(); ++i) index_of[i] = session_index(day[i]);

  std::vector<Fold> folds;
  for (int k = 0; k < c.folds; ++k) {
    const std::size_t begin = first_test + test_sessions * k / c.folds;
    const std::size_t end = first_test + test_sessions * (k + 1) / c.folds;  // exclusive
    Fold fold;
    fold.test_start = sessions[begin];
    fold.test_end = sessions[end - 1];
    const std::size_t embargo = static_cast<std::size_t>(c.embargo_sessions);
    const std::size_t train_limit = begin > embargo ? begin - embargo : 0;  // exclusive
    const std::size_t train_floor =
        c.rolling_sessions > 0 && train_limit > static_cast<std::size_t>(c.rolling_sessions)
            ? train_limit - c.rolling_sessions
            : 0;
    Days first = std::numeric_limits<Days>::max(), last = std::numeric_limits<Days>::min();
    for (std::size_t i = 0; i < day.size(); ++i) {
      if (index_of[i] >= begin && index_of[i] < end) {
        fold.test.push_back(i);
      } else if (index_of[i] < train_limit && index_of[i] >= train_floor &&
                 label_end_day[i] < fold.test_start) {
        fold.train.push_back(i);
        first = std::min(first, day[i]);
        last = std::max(last, day[i]);
      }
    }
    if (fold.train.empty() || fold.test.empty()) {
      return Fail("walk-forward: fold {} ({} .. {}) has {} training and {} test samples", k + 1,
                  FormatDate(fold.test_start), FormatDate(fold.test_end), fold.train.size(),
                  fold.test.size());
    }
    fold.train_start = first;
    fold.train_end = last;
    folds.push_back(std::move(fold));
  }
  return folds;
}

std::vector<std::size_t> LookbackWindow(const Dataset& ds, const std::vector<std::size_t>& rows,
                                        int lookback_days) {
  Days last = INT32_MIN;
  for (std::size_t i : rows) last = std::max(last, ds.day[i]);
  std::vector<std::size_t> kept;
  for (std::size_t i : rows) {
    if (ds.day[i] > last - lookback_days) kept.push_back(i);
  }
  return kept;
}

Result<CalibrationSplit> SplitForCalibration(const Dataset& ds, const std::vector<std::size_t>& rows,
                                             double fraction, int embargo) {
  std::set<Days> session_set;
  for (std::size_t i : rows) session_set.insert(ds.day[i]);
  const std::vector<Days> sessions(session_set.begin(), session_set.end());
  const std::size_t n = sessions.size();
  const std::size_t cut = static_cast<std::size_t>(double(n) * (1.0 - fraction));
  if (cut <= static_cast<std::size_t>(embargo) || cut >= n) {
    return Fail("training window of {} sessions is too short to hold back {:.0f}% for calibration", n,
                100 * fraction);
  }
  const Days cal_start = sessions[cut];
  const Days fit_limit = sessions[cut - static_cast<std::size_t>(embargo)];  // exclusive
  CalibrationSplit split;
  for (std::size_t i : rows) {
    if (ds.day[i] >= cal_start) {
      split.calibration.push_back(i);
    } else if (ds.day[i] < fit_limit && ds.label_end_day[i] < cal_start) {
      split.fit.push_back(i);
    }
  }
  if (split.fit.size() < 50 || split.calibration.size() < 10) {
    return Fail("training window too small: {} rows to fit the quantiles, {} to calibrate them",
                split.fit.size(), split.calibration.size());
  }
  return split;
}

}  // namespace qat::models
