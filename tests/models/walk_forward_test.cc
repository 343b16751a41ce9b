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

}  // namespace
}  // namespace qat::models
