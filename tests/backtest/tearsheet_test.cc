// The tearsheet of a real run: sma-cross and buy-and-hold on the bundled SPY daily file,
// rendered and read back as text.
#include "qat/backtest/tearsheet.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "qat/backtest/strategies.h"
#include "qat/data/csv.h"
#include "support/cli.h"

namespace qat::backtest {
namespace {

struct Runs {
  RunResult strategy, benchmark;
};

// sma-cross and buy-and-hold over every session of SPY.csv, $10,000, 0.1% commission (the
// reference run's settings); empty runs, and a failure, if the file or the engine fails.
Runs RunSpy() {
  auto bars = data::ReadBarsCsv(testing::RepoPath("data/daily/SPY.csv"), {.symbol = "SPY"});
  if (!bars.ok()) {
    ADD_FAILURE() << bars.error().message;
    return {};
  }
  const std::vector<data::BarSeries> universe{*bars};
  const Feed feed{universe, {}, bars->DayAt(0), bars->DayAt(bars->size() - 1)};
  EngineConfig config;
  config.initial_cash = 10'000 * portfolio::kMicrosPerDollar;
  config.risk.max_positions = 1;
  config.risk.max_position_fraction = 1.0;
  config.costs = FillCosts{0, 0, 0, 0.1, 0, 0};
  SmaCross sma;
  BuyAndHold hold;
  auto strategy = RunEngine(feed, sma, config);
  auto benchmark = RunEngine(feed, hold, config);
  if (!strategy.ok() || !benchmark.ok()) {
    ADD_FAILURE() << (strategy.ok() ? benchmark.error().message : strategy.error().message);
    return {};
  }
  return Runs{std::move(*strategy), std::move(*benchmark)};
}

const Runs& SpyRuns() {
  static const Runs runs = RunSpy();
  return runs;
}

class Tearsheet : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_FALSE(SpyRuns().strategy.sessions.empty() || SpyRuns().benchmark.sessions.empty()); }
};

// Measures by hand (distinct values, so a cell shows which field it came from).
Measures HandMeasures(double scale) {
  Measures m;
  m.sessions = 7843, m.years = 31.1, m.total_return = 1.5 * scale, m.cagr = 0.031 * scale, m.volatility = 0.12;
  m.sharpe = 0.55 * scale, m.sortino = 0.71, m.max_drawdown = 0.3372, m.max_drawdown_sessions = 1234, m.calmar = 0.092;
  m.trades = 97, m.win_rate = 0.4123, m.average_win = 1234.5, m.average_loss = -567.25, m.profit_factor = 1.87;
  m.expectancy = 42.42, m.exposure = 0.64, m.turnover = 3.21, m.fees = 876.54, m.ambiguous_bars = 0;
  m.alpha = 0.0125, m.beta = 0.61, m.sharpe_per_session = 0.0345, m.skew = -0.42, m.kurtosis = 11.3;
  m.psr = 0.938, m.dsr = 0.342, m.trials = 12;
  return m;
}

TearsheetInput InputFor(const RunResult* strategy, const RunResult* benchmark) {
  TearsheetInput in;
  in.title = "sma-cross on SPY";
  in.strategy_name = "sma-cross";
  in.strategy = strategy;
  in.benchmark = benchmark;
  in.strategy_measures = HandMeasures(1);
  in.benchmark_measures = HandMeasures(2);
  in.costs_text = "commission 0.1% of value; slippage 0 bps";
  in.fill_rules_text = "Entries fill at the next open.";
  in.manifest_json = R"({"strategy": "sma-cross", "symbols": ["SPY"]})";
  in.order_hash = std::string(64, 'a');
  return in;
}

std::size_t Occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// The contents of the <td> cells of the row headed `label`, in the first table after `id="section"`.
std::vector<std::string> RowCells(const std::string& html, const std::string& section, const std::string& label) {
  const auto table = html.find("<table", html.find("id=\"" + section + "\""));
  const auto end = html.find("</table>", table);
  const auto row = html.find("<th scope=\"row\">" + label + "</th>", table);
  if (table == std::string::npos || row == std::string::npos || row > end) return {};
  const std::string text = html.substr(row, html.find("</tr>", row) - row);
  std::vector<std::string> cells;
  static const std::regex cell("<td[^>]*>([^<]*)</td>");
  for (std::sregex_iterator it(text.begin(), text.end(), cell), last; it != last; ++it) cells.push_back((*it)[1]);
  return cells;
}

// "-12.3%" as -12.3; NaN for a cell that is not a percentage.
double Percent(const std::string& cell) {
  if (cell.empty() || cell.back() != '%') return NAN;
  return std::strtod(cell.c_str(), nullptr);
}

TEST_F(Tearsheet, NeedsNoNetwork) {
  const auto input = InputFor(&SpyRuns().strategy, &SpyRuns().benchmark);
  const std::string html = RenderTearsheet(input);
  EXPECT_EQ(html.find("<script src"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  static const std::regex resource(R"re(\b(src|href)\s*=\s*["']?\s*(https?:|//))re", std::regex::icase);
  EXPECT_FALSE(std::regex_search(html, resource));
  // The check itself finds a planted reference.
  EXPECT_TRUE(std::regex_search(html + "<img src=\"https://x.test/a.png\">", resource));
}

TEST_F(Tearsheet, DrawsEquityAndDrawdownOfBothRuns) {
  const std::string html = RenderTearsheet(InputFor(&SpyRuns().strategy, &SpyRuns().benchmark));
  EXPECT_EQ(Occurrences(html, "<svg class=\"chart\""), 2u);
  // Two lines in each chart, each with hundreds of points (30 years, at most two a pixel).
  static const std::regex line("<polyline [^>]*points=\"([^\"]*)\"");
  std::size_t lines = 0;
  for (std::sregex_iterator it(html.begin(), html.end(), line), last; it != last; ++it, ++lines)
    EXPECT_GT(Occurrences((*it)[1], ","), 500u);
  EXPECT_EQ(lines, 4u);
  // Years on the x axis, dollars on the equity chart's y axis, percentages on the drawdown's.
  EXPECT_NE(html.find(">2000</text>"), std::string::npos);
  EXPECT_NE(html.find(">2020</text>"), std::string::npos);
  EXPECT_TRUE(std::regex_search(html, std::regex("class=\"ytick\"[^>]*>\\$[0-9,]+</text>")));
  EXPECT_TRUE(std::regex_search(html, std::regex("class=\"ytick\"[^>]*>-[0-9]+%</text>")));

  const std::string alone = RenderTearsheet(InputFor(&SpyRuns().strategy, nullptr));
  EXPECT_EQ(Occurrences(alone, "<polyline "), 2u);
  EXPECT_EQ(alone.find("Buy-and-hold"), std::string::npos);
}

TEST_F(Tearsheet, MonthlyTableHasEveryYearAndTheReturnsOfTheRun) {
  const RunResult& run = SpyRuns().strategy;
  const std::string html = RenderTearsheet(InputFor(&run, &SpyRuns().benchmark));
  const int first = CivilFromDays(run.sessions.front()).year, last = CivilFromDays(run.sessions.back()).year;
  ASSERT_EQ(first, 1993);
  ASSERT_EQ(last, 2024);
  for (int year = first; year <= last; ++year) {
    const auto cells = RowCells(html, "monthly", std::to_string(year));
    ASSERT_EQ(cells.size(), 14u) << year;  // 12 months, the year, buy-and-hold's year
  }
  // 2008 by hand: each month's last close against the previous month's; the year against 2007's last.
  auto last_close_of = [&](int year, unsigned month) {
    double equity = NAN;
    for (std::size_t i = 0; i < run.sessions.size(); ++i) {
      const CivilDate d = CivilFromDays(run.sessions[i]);
      if (d.year == year && d.month == month) equity = portfolio::MicrosToDollars(run.equity[i]);
    }
    return equity;
  };
  const auto cells = RowCells(html, "monthly", "2008");
  for (unsigned month = 1; month <= 12; ++month) {
    const double before = month == 1 ? last_close_of(2007, 12) : last_close_of(2008, month - 1);
    EXPECT_NEAR(Percent(cells[month - 1]), (last_close_of(2008, month) / before - 1) * 100, 0.05) << month;
  }
  EXPECT_NEAR(Percent(cells[12]), (last_close_of(2008, 12) / last_close_of(2007, 12) - 1) * 100, 0.05);
  EXPECT_EQ(html.find(">-0.0%<"), std::string::npos);
  // The run ends on 2024-03-22: April to December are empty; the first month (one session,
  // no trade yet) is flat.
  const auto last_year = RowCells(html, "monthly", "2024");
  EXPECT_NE(last_year[2], "");
  for (int month = 3; month < 12; ++month) EXPECT_EQ(last_year[month], "") << month;
  EXPECT_EQ(RowCells(html, "monthly", "1993")[0], "0.0%");
  EXPECT_TRUE(std::regex_search(html, std::regex("rgba\\(200,40,40,0\\.[1-9]")));
  EXPECT_TRUE(std::regex_search(html, std::regex("rgba\\(22,140,60,0\\.[1-9]")));
}

TEST_F(Tearsheet, ListsEveryTradeUpToTheLast500) {
  const RunResult& run = SpyRuns().strategy;
  ASSERT_GT(run.trades.size(), 20u);
  ASSERT_LT(run.trades.size(), kTearsheetMaxTrades);
  const std::string html = RenderTearsheet(InputFor(&run, &SpyRuns().benchmark));
  EXPECT_EQ(Occurrences(html, "<tr class=\"trade"), run.trades.size());
  EXPECT_EQ(html.find("Showing the last"), std::string::npos);
  // The first trade's row, and an open trade's empty exit.
  const Trade& t = run.trades.front();
  EXPECT_NE(html.find(fmt::format("<td>SPY</td><td>{}</td><td>{:.2f}</td><td>{}</td><td>{}</td><td>{:.2f}</td>",
                                  FormatDate(t.entry_day), t.entry_price, t.shares, FormatDate(*t.exit_day), t.exit_price)),
            std::string::npos);
  RunResult open = run;
  open.trades.back().exit_day.reset();
  const std::string with_open = RenderTearsheet(InputFor(&open, nullptr));
  EXPECT_NE(with_open.find(fmt::format("<tr class=\"trade open\"><td>SPY</td><td>{}</td>", FormatDate(open.trades.back().entry_day))),
            std::string::npos);
  EXPECT_NE(with_open.find("<td></td><td></td><td></td><td class="), std::string::npos);

  // 600 trades (the run's, repeated): 500 rows, the last ones, and a note that says so.
  RunResult many = run;
  many.trades.clear();
  for (std::size_t k = 0; k < 600; ++k) many.trades.push_back(run.trades[k % run.trades.size()]);
  many.trades.back().entry_price = 123.4567;
  const std::string cut = RenderTearsheet(InputFor(&many, nullptr));
  EXPECT_EQ(Occurrences(cut, "<tr class=\"trade"), kTearsheetMaxTrades);
  EXPECT_NE(cut.find("Showing the last 500 of 600 trades."), std::string::npos);
  EXPECT_NE(cut.find("<td>123.46</td>"), std::string::npos);
}

TEST_F(Tearsheet, ShowsEveryMeasureBesideTheBenchmark) {
  const std::string html = RenderTearsheet(InputFor(&SpyRuns().strategy, &SpyRuns().benchmark));
  const std::vector<std::string> labels = {
      "Sessions", "Years", "Total return", "CAGR", "Annual volatility", "Sharpe ratio", "Sortino ratio", "Max drawdown",
      "Longest drawdown (sessions)", "Calmar ratio", "Closed trades", "Win rate", "Average win", "Average loss",
      "Profit factor", "Expectancy per trade", "Exposure", "Turnover per year", "Fees paid", "Ambiguous bars",
      "Alpha (annual)", "Beta", "Sharpe per session", "Skew", "Kurtosis", "Probabilistic Sharpe Ratio",
      "Deflated Sharpe Ratio", "Trials on these data"};
  for (const auto& label : labels) EXPECT_EQ(RowCells(html, "measures", label).size(), 2u) << label;
  const std::string table = html.substr(html.find("id=\"measures\""), html.find("id=\"monthly\"") - html.find("id=\"measures\""));
  EXPECT_EQ(Occurrences(table, "<th scope=\"row\">"), labels.size());  // and no others
  using Cells = std::vector<std::string>;
  EXPECT_EQ(RowCells(html, "measures", "Total return"), (Cells{"150.00%", "300.00%"}));
  EXPECT_EQ(RowCells(html, "measures", "Sharpe ratio"), (Cells{"0.55", "1.10"}));
  EXPECT_EQ(RowCells(html, "measures", "Average loss"), (Cells{"-$567.25", "-$567.25"}));
  EXPECT_EQ(RowCells(html, "measures", "Average win"), (Cells{"$1,234.50", "$1,234.50"}));
  EXPECT_EQ(RowCells(html, "measures", "Longest drawdown (sessions)"), (Cells{"1,234", "1,234"}));
  EXPECT_EQ(RowCells(html, "measures", "Deflated Sharpe Ratio"), (Cells{"0.342", "0.342"}));
  EXPECT_NE(html.find("12 configurations were tried on these data"), std::string::npos);
}

TEST_F(Tearsheet, ShowsTheMeasuresOfTheRealRuns) {
  const Runs& runs = SpyRuns();
  const std::vector<double> benchmark_returns = SessionReturns(runs.benchmark);
  auto input = InputFor(&runs.strategy, &runs.benchmark);
  input.strategy_measures = ComputeMeasures(runs.strategy, benchmark_returns, {});
  input.benchmark_measures = ComputeMeasures(runs.benchmark, benchmark_returns, {});
  const std::string html = RenderTearsheet(input);
  const auto closed = std::count_if(runs.strategy.trades.begin(), runs.strategy.trades.end(),
                                    [](const Trade& t) { return t.exit_day.has_value(); });
  ASSERT_LT(closed, 1000);
  EXPECT_EQ(RowCells(html, "measures", "Closed trades"), (std::vector<std::string>{std::to_string(closed), "0"}));
  const double total = portfolio::MicrosToDollars(runs.strategy.equity.back()) / 10'000 - 1;
  EXPECT_EQ(RowCells(html, "measures", "Total return")[0], fmt::format("{:.2f}%", total * 100));
  // Buy-and-hold closes no trade: its trade measures are undefined, not 0.
  for (const char* label : {"Win rate", "Average win", "Average loss", "Profit factor", "Expectancy per trade"})
    EXPECT_EQ(RowCells(html, "measures", label)[1], "n/a") << label;
}

TEST_F(Tearsheet, UndefinedMeasuresReadNotAvailableNeverZero) {
  auto input = InputFor(&SpyRuns().strategy, &SpyRuns().benchmark);
  input.strategy_measures.profit_factor = NAN;
  input.strategy_measures.win_rate = NAN;
  input.strategy_measures.alpha = NAN;
  input.strategy_measures.dsr = NAN;
  input.strategy_measures.trials = 1;
  const std::string html = RenderTearsheet(input);
  EXPECT_EQ(RowCells(html, "measures", "Profit factor"), (std::vector<std::string>{"n/a", "1.87"}));
  EXPECT_EQ(RowCells(html, "measures", "Win rate"), (std::vector<std::string>{"n/a", "41.23%"}));
  EXPECT_EQ(RowCells(html, "measures", "Alpha (annual)")[0], "n/a");
  EXPECT_NE(html.find("Deflated Sharpe Ratio: <strong>n/a</strong>"), std::string::npos);
  EXPECT_NE(html.find("Only this configuration is recorded as tried"), std::string::npos);
}

TEST_F(Tearsheet, EscapesEveryText) {
  RunResult run = SpyRuns().strategy;
  run.symbols[0] = "<b>&";
  auto input = InputFor(&run, nullptr);
  input.title = "<b>& title";
  input.strategy_name = "\"><script>alert(1)</script>";
  input.manifest_json = "{\"note\": \"</pre><img src=x onerror=alert(1)>\"}";
  input.costs_text = "a < b";
  const std::string html = RenderTearsheet(input);
  EXPECT_EQ(html.find("<b>&"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(Occurrences(html, "<td>&lt;b&gt;&amp;</td>"), run.trades.size());
  EXPECT_NE(html.find("<h1>&lt;b&gt;&amp; title</h1>"), std::string::npos);
  EXPECT_NE(html.find("&lt;/pre&gt;&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_NE(html.find("<strong>Costs:</strong> a &lt; b</p>"), std::string::npos);
}

TEST_F(Tearsheet, ShowsCountsCostsHashAndManifest) {
  RunResult run = SpyRuns().strategy;
  run.counts = {.ambiguous_bars = 1234, .resolved_by_finer_bars = 56, .zero_share_skips = 7, .refused_slots = 8,
                .refused_filter = 9, .refused_held = 10, .entries_past_level = 11, .expired_entries = 12};
  const auto input = InputFor(&run, &SpyRuns().benchmark);
  const std::string html = RenderTearsheet(input);
  EXPECT_EQ(RowCells(html, "counts", "Ambiguous bars (stop and target inside one bar)")[0], "1,234");
  EXPECT_EQ(RowCells(html, "counts", "Of those, resolved by finer bars")[0], "56");
  EXPECT_EQ(RowCells(html, "counts", "Entries skipped: budget bought no whole share")[0], "7");
  EXPECT_EQ(RowCells(html, "counts", "Entries refused: position slots full")[0], "8");
  EXPECT_EQ(RowCells(html, "counts", "Limit or stop entries expired")[0], "12");
  EXPECT_NE(html.find("<code>" + input.order_hash + "</code>"), std::string::npos);
  EXPECT_NE(html.find("commission 0.1% of value; slippage 0 bps"), std::string::npos);
  EXPECT_NE(html.find("{&quot;strategy&quot;: &quot;sma-cross&quot;, &quot;symbols&quot;: [&quot;SPY&quot;]}"), std::string::npos);
  EXPECT_NE(html.find("$10,000.00 became $"), std::string::npos);
}

}  // namespace
}  // namespace qat::backtest
