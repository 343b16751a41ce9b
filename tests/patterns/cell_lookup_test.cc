// The cell fallback chain (qat/patterns/cell_lookup.h) on a hand-made set of cells: the
// exact context when it holds min_n events, else (regime, ALL), else (ALL, ALL), each skip
// said in fallback_reason; the broadest cell marked below_min_n when none is large enough;
// nullptr when the pattern has no cell for the key.
#include "qat/patterns/cell_lookup.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qat::patterns {
namespace {

CellStats Cell(std::string regime, std::string vol, std::int64_t n, std::string direction = "bullish",
               int horizon = 5) {
  CellStats c;
  c.pattern = "CDLHAMMER";
  c.direction = std::move(direction);
  c.timeframe = "1d";
  c.horizon = horizon;
  c.regime = std::move(regime);
  c.vol_regime = std::move(vol);
  c.n = n;
  return c;
}

// CDLHAMMER bullish, 1d, horizon 5:
//   ALL/ALL 100, BULL/ALL 50, BULL/HIGH 35, BULL/LOW 3, BEAR/ALL 10, BEAR/HIGH 5, ALL/HIGH 40
// and a bearish ALL/ALL of 60 and a horizon-10 ALL/ALL of 70 that must never be chosen.
const std::vector<CellStats> kCells = {
    Cell("ALL", "ALL", 100),  Cell("ALL", "HIGH", 40), Cell("BULL", "ALL", 50),
    Cell("BULL", "HIGH", 35), Cell("BULL", "LOW", 3),  Cell("BEAR", "ALL", 10),
    Cell("BEAR", "HIGH", 5),  Cell("ALL", "ALL", 60, "bearish"), Cell("ALL", "ALL", 70, "bullish", 10)};

CellKey Key(std::string regime, std::string vol, std::string pattern = "CDLHAMMER") {
  return {std::move(pattern), "bullish", "1d", 5, std::move(regime), std::move(vol)};
}

TEST(CellLookup, FindIsExactOnEveryPartOfTheKey) {
  const CellIndex index(kCells);
  const CellStats* c = index.Find(Key("BULL", "HIGH"));
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->n, 35);
  EXPECT_EQ(index.Find(Key("BULL", "NORMAL")), nullptr);
  EXPECT_EQ(index.Find(Key("ALL", "ALL", "CDLDOJI")), nullptr);
  CellKey bearish = Key("ALL", "ALL");
  bearish.direction = "bearish";
  ASSERT_NE(index.Find(bearish), nullptr);
  EXPECT_EQ(index.Find(bearish)->n, 60);
  CellKey ten = Key("ALL", "ALL");
  ten.horizon = 10;
  EXPECT_EQ(index.Find(ten)->n, 70);
  ten.timeframe = "1h";
  EXPECT_EQ(index.Find(ten), nullptr);
}

TEST(CellLookup, ExactCellWhenItHoldsMinN) {
  const CellIndex index(kCells);
  // BULL/HIGH has 35 >= 30.
  const CellChoice c = ChooseCell(index, Key("BULL", "HIGH"), 30);
  ASSERT_NE(c.cell, nullptr);
  EXPECT_EQ(c.cell, &kCells[3]);
  EXPECT_TRUE(c.exact);
  EXPECT_FALSE(c.below_min_n);
  EXPECT_EQ(c.fallback_reason, "");
  // At exactly min_n it is still enough: min_n 35.
  const CellChoice at = ChooseCell(index, Key("BULL", "HIGH"), 35);
  EXPECT_EQ(at.cell, &kCells[3]);
  EXPECT_TRUE(at.exact);
  // Asking for a margin: (BULL, ALL) has 50, exact.
  const CellChoice margin = ChooseCell(index, Key("BULL", "ALL"), 30);
  EXPECT_EQ(margin.cell, &kCells[2]);
  EXPECT_TRUE(margin.exact);
}

TEST(CellLookup, FallsBackToTheRegimeThenToAllSayingWhy) {
  const CellIndex index(kCells);
  // BULL/LOW has 3 < 30: (BULL, ALL) with 50.
  CellChoice c = ChooseCell(index, Key("BULL", "LOW"), 30);
  EXPECT_EQ(c.cell, &kCells[2]);
  EXPECT_FALSE(c.exact);
  EXPECT_FALSE(c.below_min_n);
  EXPECT_EQ(c.fallback_reason, "BULL/LOW has n=3 < 30");
  // BULL/NORMAL has no cell at all: n=0, the same fallback.
  c = ChooseCell(index, Key("BULL", "NORMAL"), 30);
  EXPECT_EQ(c.cell, &kCells[2]);
  EXPECT_EQ(c.fallback_reason, "BULL/NORMAL has n=0 < 30");
  // BULL/HIGH at min_n 36: 35 < 36, then BULL/ALL 50.
  c = ChooseCell(index, Key("BULL", "HIGH"), 36);
  EXPECT_EQ(c.cell, &kCells[2]);
  EXPECT_EQ(c.fallback_reason, "BULL/HIGH has n=35 < 36");
  // BEAR/HIGH 5 and BEAR/ALL 10 are both < 30: (ALL, ALL) with 100.
  c = ChooseCell(index, Key("BEAR", "HIGH"), 30);
  EXPECT_EQ(c.cell, &kCells[0]);
  EXPECT_FALSE(c.exact);
  EXPECT_FALSE(c.below_min_n);
  EXPECT_EQ(c.fallback_reason, "BEAR/HIGH has n=5 < 30; BEAR/ALL has n=10 < 30");
  // Asked (BEAR, ALL): the chain skips the vol step.
  c = ChooseCell(index, Key("BEAR", "ALL"), 30);
  EXPECT_EQ(c.cell, &kCells[0]);
  EXPECT_EQ(c.fallback_reason, "BEAR/ALL has n=10 < 30");
  // Asked (ALL, HIGH) at 50: 40 < 50, then straight to (ALL, ALL).
  c = ChooseCell(index, Key("ALL", "HIGH"), 50);
  EXPECT_EQ(c.cell, &kCells[0]);
  EXPECT_EQ(c.fallback_reason, "ALL/HIGH has n=40 < 50");
}

TEST(CellLookup, BelowMinNEverywhereGivesTheBroadestCellMarked) {
  const CellIndex index(kCells);
  // min_n 200: 35, 50 and 100 all fall short; (ALL, ALL) is returned, marked.
  CellChoice c = ChooseCell(index, Key("BULL", "HIGH"), 200);
  ASSERT_NE(c.cell, nullptr);
  EXPECT_EQ(c.cell, &kCells[0]);
  EXPECT_TRUE(c.below_min_n);
  EXPECT_FALSE(c.exact);
  EXPECT_EQ(c.fallback_reason, "BULL/HIGH has n=35 < 200; BULL/ALL has n=50 < 200; ALL/ALL has n=100 < 200");
  // Asked (ALL, ALL) itself: that is the cell asked for, though small.
  c = ChooseCell(index, Key("ALL", "ALL"), 200);
  EXPECT_EQ(c.cell, &kCells[0]);
  EXPECT_TRUE(c.below_min_n);
  EXPECT_TRUE(c.exact);
  EXPECT_EQ(c.fallback_reason, "ALL/ALL has n=100 < 200");
}

TEST(CellLookup, NoCellForThePatternGivesNullptr) {
  const CellIndex index(kCells);
  const CellChoice c = ChooseCell(index, Key("BULL", "HIGH", "CDLDOJI"), 30);
  EXPECT_EQ(c.cell, nullptr);
  EXPECT_FALSE(c.exact);
  EXPECT_FALSE(c.below_min_n);
  EXPECT_EQ(c.fallback_reason, "BULL/HIGH has n=0 < 30; BULL/ALL has n=0 < 30; ALL/ALL has n=0 < 30");
  // A horizon with no cells at all.
  CellKey h3 = Key("BULL", "HIGH");
  h3.horizon = 3;
  EXPECT_EQ(ChooseCell(index, h3, 30).cell, nullptr);
  // An empty index.
  const CellIndex empty(std::span<const CellStats>{});
  EXPECT_EQ(ChooseCell(empty, Key("ALL", "ALL"), 1).cell, nullptr);
}

}  // namespace
}  // namespace qat::patterns
