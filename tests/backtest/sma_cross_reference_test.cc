// The regression of issue 14: the engine running sma-cross, one account per symbol, reproduces
// every reference trade (dates, prices, sizes) of all 45 bundled daily files, and each final
// equity within one cent per fill (tests/testdata/sma_cross/README.md states the rule).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "qat/backtest/engine.h"
#include "qat/backtest/strategies.h"
#include "qat/core/strings.h"
#include "qat/data/csv.h"
#include "support/cli.h"

namespace qat::backtest {
namespace {

struct ReferenceTrade {
  std::string entry_date, exit_date;
  double entry_price = 0, exit_price = 0;
  std::int64_t size = 0;
};

// A line of the reference files (written with CRLF line ends) split at its commas.
std::vector<std::string> SplitLine(std::string line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  std::vector<std::string> fields;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

std::vector<ReferenceTrade> ReadReference(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  std::vector<ReferenceTrade> trades;
  while (std::getline(in, line)) {
    auto f = SplitLine(line);
    EXPECT_EQ(f.size(), 5u) << path << ": " << line;
    if (f.size() != 5) continue;
    ReferenceTrade t;
    t.entry_date = f[0];
    t.entry_price = std::strtod(f[1].c_str(), nullptr);
    t.size = std::strtoll(f[2].c_str(), nullptr, 10);
    t.exit_date = f[3];
    t.exit_price = f[4].empty() ? 0 : std::strtod(f[4].c_str(), nullptr);
    trades.push_back(t);
  }
  return trades;
}

// The reference writes some prices with 15 or 16 significant digits (204.449996948242 for the
// file's 204.4499969482422): the same bar's price to that precision.
void ExpectSamePrice(double got, double want) { EXPECT_NEAR(got, want, 1e-13 * want); }

EngineConfig ReferenceConfig() {
  EngineConfig config;
  config.initial_cash = 10'000 * portfolio::kMicrosPerDollar;
  config.risk.max_positions = 1;
  config.risk.max_position_fraction = 1.0;
  config.costs = FillCosts{0, 0, 0, 0.1, 0, 0};  // 0.1% of the value, no slippage
  return config;
}

TEST(SmaCrossReference, EveryTradeOfAll45FilesReproduced) {
  const auto reference_dir = testing::RepoPath("tests/testdata/sma_cross");
  std::map<std::string, std::vector<std::string>> finals;
  {
    std::ifstream in(reference_dir / "final_equity.csv");
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      auto f = SplitLine(line);
      finals[f[0]] = f;
    }
  }
  ASSERT_EQ(finals.size(), 45u);
  std::size_t total_trades = 0;
  for (const auto& [symbol, final_row] : finals) {
    SCOPED_TRACE(symbol);
    auto bars = data::ReadBarsCsv(testing::RepoPath("data/daily/" + symbol + ".csv"), {.symbol = symbol});
    ASSERT_TRUE(bars.ok()) << bars.error().message;
    ASSERT_EQ(std::to_string(bars->size()), final_row[1]);
    const std::vector<data::BarSeries> universe{*bars};
    const Feed feed{universe, {}, bars->DayAt(0), bars->DayAt(bars->size() - 1)};
    SmaCross strategy;
    auto run = RunEngine(feed, strategy, ReferenceConfig());
    ASSERT_TRUE(run.ok()) << run.error().message;

    const auto expected = ReadReference(reference_dir / (symbol + ".csv"));
    ASSERT_EQ(run->trades.size(), expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k) {
      const Trade& got = run->trades[k];
      const ReferenceTrade& want = expected[k];
      SCOPED_TRACE("trade " + std::to_string(k) + " entered " + want.entry_date);
      EXPECT_EQ(FormatDate(got.entry_day), want.entry_date);
      ExpectSamePrice(got.entry_price, want.entry_price);
      EXPECT_EQ(got.shares, want.size);
      EXPECT_EQ(got.exit_day ? FormatDate(*got.exit_day) : std::string(), want.exit_date);
      if (got.exit_day) {
        ExpectSamePrice(got.exit_price, want.exit_price);
      }
    }
    total_trades += expected.size();
    const auto fills = static_cast<double>(run->fills.size());
    EXPECT_EQ(std::to_string(std::count_if(run->fills.begin(), run->fills.end(), [](const Fill& f) { return f.buy; })),
              final_row[2]);
    const double final_equity = portfolio::MicrosToDollars(run->equity.back());
    EXPECT_LE(std::fabs(final_equity - std::strtod(final_row[4].c_str(), nullptr)), 0.01 * fills + 1e-9)
        << "ours " << final_equity << ", reference " << final_row[4] << ", " << fills << " fills";
  }
  EXPECT_GT(total_trades, 1000u);
}

}  // namespace
}  // namespace qat::backtest
