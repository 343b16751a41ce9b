#include "qat/models/walk_forward.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace qat::models {
namespace {

// Two symbols on the same 100 sessions (days 0..99), label horizon 5.
struct Samples {
  std::vector<Days> day, end;
};

Samples MakeSamples(int horizon) {
  Samples s;
  for (int symbol = 0; symbol < 2; ++symbol) {
    for (Days d = 0; d < 100 - horizon; ++d) {
      s.day.push_back(d);
      s.end.push_back(d + horizon);
    }
  }
  return s;
}

TEST(WalkForward, NoTrainingLabelTouchesItsTestFold) {
  const int horizon = 5;
  Samples s = MakeSamples(horizon);
  WalkForwardConfig config{.folds = 4, .test_fraction = 0.4, .embargo_sessions = 7};
  auto folds = MakeWalkForwardFolds(s.day, s.end, config);
  ASSERT_TRUE(folds.ok()) << folds.error().message;
  ASSERT_EQ(folds->size(), 4u);
  Days previous_end = -1;
  for (const Fold& f : *folds) {
    EXPECT_GT(f.test_start, previous_end);  // folds follow each other
    previous_end = f.test_end;
    for (std::size_t i : f.train) {
      EXPECT_LT(s.end[i], f.test_start) << "purge";
      EXPECT_LE(s.day[i], f.test_start - config.embargo_sessions - 1) << "embargo";
    }
    for (std::size_t i : f.test) {
      EXPECT_GE(s.day[i], f.test_start);
      EXPECT_LE(s.day[i], f.test_end);
    }
    // The training set is exactly every sample that passes both rules (expanding).
    std::size_t expected = 0;
    for (std::size_t i = 0; i < s.day.size(); ++i) {
      if (s.end[i] < f.test_start && s.day[i] < f.test_start - config.embargo_sessions) ++expected;
    }
    EXPECT_EQ(f.train.size(), expected);
  }
  // The test blocks cover the last 40% of the sessions exactly once.
  EXPECT_EQ((*folds)[0].test_start, 57);
  EXPECT_EQ(folds->back().test_end, 94);
}

TEST(WalkForward, RollingWindowAndErrors) {
  Samples s = MakeSamples(5);
  auto rolling = MakeWalkForwardFolds(s.day, s.end, {.folds = 2, .test_fraction = 0.3, .embargo_sessions = 5, .rolling_sessions = 20});
  ASSERT_TRUE(rolling.ok());
  for (const Fold& f : *rolling) EXPECT_LE(f.train_end - f.train_start, 19);
  EXPECT_FALSE(MakeWalkForwardFolds(s.day, s.end, {.folds = 0}).ok());
  EXPECT_FALSE(MakeWalkForwardFolds(s.day, s.end, {.folds = 2, .test_fraction = 1.5}).ok());
  // An embargo longer than the history leaves the first fold without training data.
  auto starved = MakeWalkForwardFolds(s.day, s.end, {.folds = 2, .test_fraction = 0.5, .embargo_sessions = 60});
  ASSERT_FALSE(starved.ok());
  EXPECT_NE(starved.error().message.find("0 training"), std::string::npos) << starved.error().message;
}

// Constructed index sets with irregular sessions (gaps of 1-3 days), symbols that start at
// different sessions and label windows of different lengths (1 to 12 sessions): every training
// sample's label window must end before its test fold starts, and lie at least the embargo
// (counted in sessions) before it, in expanding and rolling mode. The embargo (3 sessions) is
// shorter than the longest label windows, so the purge rule alone must keep those out.
TEST(WalkForward, PurgeAndEmbargoOnIrregularIndexSets) {
  std::vector<Days> sessions;
  Days d = 1000;
  for (int i = 0; i < 300; ++i) {
    sessions.push_back(d);
    d += 1 + (i * 7) % 3;
  }
  std::vector<Days> day, end;
  for (int symbol = 0; symbol < 3; ++symbol) {
    for (std::size_t i = static_cast<std::size_t>(symbol) * 40; i < sessions.size(); ++i) {
      const std::size_t length = 1 + (i * 5 + static_cast<std::size_t>(symbol)) % 12;
      if (i + length >= sessions.size()) continue;  // label not known yet
      day.push_back(sessions[i]);
      end.push_back(sessions[i + length]);
    }
  }
  auto session_of = [&](Days x) {
    return std::lower_bound(sessions.begin(), sessions.end(), x) - sessions.begin();
  };
  for (int rolling : {0, 60}) {
    const WalkForwardConfig config{.folds = 6, .test_fraction = 0.5, .embargo_sessions = 3,
                                   .rolling_sessions = rolling};
    auto folds = MakeWalkForwardFolds(day, end, config);
    ASSERT_TRUE(folds.ok()) << folds.error().message;
    std::size_t tested = 0;
    for (const Fold& f : *folds) {
      tested += f.test.size();
      const auto test_session = session_of(f.test_start);
      std::size_t purged = 0;
      for (std::size_t i : f.train) {
        EXPECT_LT(end[i], f.test_start) << "label window reaches the test fold";
        EXPECT_LE(session_of(day[i]) + config.embargo_sessions, test_session) << "embargo";
        if (rolling) {
          EXPECT_GE(session_of(day[i]) + rolling + config.embargo_sessions, test_session);
        }
      }
      // Samples the embargo alone would admit but whose labels overlap the fold are left out.
      for (std::size_t i = 0; i < day.size(); ++i) {
        if (session_of(day[i]) + config.embargo_sessions <= test_session && end[i] >= f.test_start) {
          EXPECT_EQ(std::count(f.train.begin(), f.train.end(), i), 0);
          ++purged;
        }
      }
      EXPECT_GT(purged, 0u);
      for (std::size_t i : f.test) EXPECT_TRUE(day[i] >= f.test_start && day[i] <= f.test_end);
      EXPECT_TRUE(std::is_sorted(f.train.begin(), f.train.end()));
    }
    std::size_t in_test_period = 0;
    for (Days x : day) in_test_period += x >= folds->front().test_start;
    EXPECT_EQ(tested, in_test_period);  // every test-period sample is tested exactly once
  }
}

}  // namespace
}  // namespace qat::models
