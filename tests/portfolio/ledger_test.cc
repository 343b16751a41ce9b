// The cash ledger (qat/portfolio/ledger.h), worked by hand: cents exact, whole shares, costs on
// every fill, no overdraft.
#include <gtest/gtest.h>

#include "qat/portfolio/ledger.h"

namespace qat::portfolio {
namespace {

TEST(Ledger, FillPricesCarrySlippageAndRoundOnceToTheCent) {
  const CostModel costs{.commission_per_order = 100, .slippage_bps = 5};
  // 100.00 * 1.0005 = 100.05; 100.00 * 0.9995 = 99.95.
  EXPECT_EQ(BuyFillPrice(100.0, costs), 10005);
  EXPECT_EQ(SellFillPrice(100.0, costs), 9995);
  // 12.345 * 1.0005 = 12.3511725 -> 12.35; 12.345 * 0.9995 = 12.3388275 -> 12.34.
  EXPECT_EQ(BuyFillPrice(12.345, costs), 1235);
  EXPECT_EQ(SellFillPrice(12.345, costs), 1234);
  EXPECT_EQ(FormatCents(123456), "1234.56");
  EXPECT_EQ(FormatCents(-5), "-0.05");
  EXPECT_EQ(ToCents(0.1 + 0.2), 30);
}

TEST(Ledger, ABuyAndASaleAreChargedCommissionEachWay) {
  Ledger ledger(500000);  // $5,000.00
  // 33% of equity at 100.05 with $1.00 commission: (165000 - 100) / 10005 = 16 shares.
  const std::int64_t shares = Ledger::AffordableShares(165000, 10005, 100);
  EXPECT_EQ(shares, 16);
  ASSERT_TRUE(ledger.Buy("SPY", shares, 10005, 100).ok());
  EXPECT_EQ(ledger.cash(), 500000 - 16 * 10005 - 100);  // 339820
  EXPECT_EQ(ledger.holdings().at("SPY").shares, 16);
  EXPECT_EQ(ledger.holdings().at("SPY").cost, 160180);
  auto proceeds = ledger.SellAll("SPY", 10995, 100);
  ASSERT_TRUE(proceeds.ok());
  EXPECT_EQ(*proceeds, 16 * 10995 - 100);  // 175820
  EXPECT_EQ(ledger.cash(), 339820 + 175820);
  EXPECT_FALSE(ledger.Holds("SPY"));
  // The round trip made 175820 - 160180 = 15640 cents, costs included.
  EXPECT_EQ(ledger.cash() - 500000, 15640);
}

TEST(Ledger, OrdersCashCannotPayForAreRefusedAndChangeNothing) {
  Ledger ledger(10000);  // $100.00
  auto refused = ledger.Buy("AAPL", 1, 9950, 100);  // 99.50 + 1.00 > 100.00
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("cost 100.50 but cash is 100.00"), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(ledger.cash(), 10000);
  EXPECT_TRUE(ledger.holdings().empty());
  EXPECT_FALSE(ledger.Buy("AAPL", 0, 100, 100).ok());
  EXPECT_FALSE(ledger.Buy("AAPL", 1, 0, 100).ok());
  EXPECT_FALSE(ledger.SellAll("AAPL", 100, 100).ok());
  // A position that rounds to 0 shares, and a budget no larger than the commission.
  EXPECT_EQ(Ledger::AffordableShares(10000, 9950, 100), 0);
  EXPECT_EQ(Ledger::AffordableShares(100, 1, 100), 0);
  EXPECT_EQ(Ledger::AffordableShares(10050, 9950, 100), 1);
  // Buying twice adds to one holding.
  Ledger two(100000);
  ASSERT_TRUE(two.Buy("KO", 2, 6000, 100).ok());
  ASSERT_TRUE(two.Buy("KO", 3, 6100, 100).ok());
  EXPECT_EQ(two.holdings().at("KO").shares, 5);
  EXPECT_EQ(two.holdings().at("KO").cost, 2 * 6000 + 100 + 3 * 6100 + 100);
}

}  // namespace
}  // namespace qat::portfolio
