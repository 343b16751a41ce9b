#include "qat/backtest/tearsheet.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "qat/core/time.h"
#include "qat/portfolio/money.h"

namespace qat::backtest {
namespace {

constexpr std::string_view kStrategyColour = "#1f5fbf";
constexpr std::string_view kBenchmarkColour = "#8a8a8a";
constexpr std::string_view kMonthNames[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Grouped(std::int64_t n) {
  const std::string digits = std::to_string(n < 0 ? -static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n));
  std::string out = n < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}
// "$1,234.56", "-$0.05".
std::string CentsText(portfolio::Cents cents) {
  const std::int64_t whole = cents / 100, part = std::abs(cents % 100);
  return fmt::format("{}${}.{:02}", cents < 0 ? "-" : "", Grouped(std::abs(whole)), part);
}
std::string MicrosText(portfolio::Micros micros) { return CentsText(portfolio::MicrosToCents(micros)); }
std::string DollarText(double dollars) { return CentsText(std::llround(dollars * 100)); }
std::string PercentText(double fraction) { return fmt::format("{:.2f}%", fraction * 100); }
// Split-adjusted history has prices below a dollar (AAPL at $0.07): more decimals there.
std::string PriceText(double price) { return fmt::format("{:.{}f}", price, std::fabs(price) >= 1 ? 2 : 4); }
double Dollars(portfolio::Micros micros) { return portfolio::MicrosToDollars(micros); }
std::int64_t Int(std::size_t n) { return static_cast<std::int64_t>(n); }

enum class Kind { kCount, kYears, kPercent, kRatio, kDollars, kSmall };

// A measure as shown: "n/a" for NaN (undefined), never 0.
std::string MeasureText(double value, Kind kind) {
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return value > 0 ? "&infin;" : "-&infin;";
  switch (kind) {
    case Kind::kCount: return Grouped(std::llround(value));
    case Kind::kYears: return fmt::format("{:.1f}", value);
    case Kind::kPercent: return PercentText(value);
    case Kind::kRatio: return fmt::format("{:.2f}", value);
    case Kind::kDollars: return DollarText(value);
    case Kind::kSmall: return fmt::format("{:.3f}", value);
  }
  return "n/a";
}

struct MeasureRow {
  std::string_view label;
  Kind kind;
  double (*get)(const Measures&);
};

// Every field of Measures, in the order of measures.h.
#define QAT_MEASURE(label, kind, field) \
  MeasureRow { label, Kind::kind, [](const Measures& m) { return static_cast<double>(m.field); } }
const MeasureRow kMeasureRows[] = {
    QAT_MEASURE("Sessions", kCount, sessions), QAT_MEASURE("Years", kYears, years),
    QAT_MEASURE("Total return", kPercent, total_return), QAT_MEASURE("CAGR", kPercent, cagr),
    QAT_MEASURE("Annual volatility", kPercent, volatility), QAT_MEASURE("Sharpe ratio", kRatio, sharpe),
    QAT_MEASURE("Sortino ratio", kRatio, sortino), QAT_MEASURE("Max drawdown", kPercent, max_drawdown),
    QAT_MEASURE("Longest drawdown (sessions)", kCount, max_drawdown_sessions), QAT_MEASURE("Calmar ratio", kRatio, calmar),
    QAT_MEASURE("Closed trades", kCount, trades), QAT_MEASURE("Win rate", kPercent, win_rate),
    QAT_MEASURE("Average win", kDollars, average_win), QAT_MEASURE("Average loss", kDollars, average_loss),
    QAT_MEASURE("Profit factor", kRatio, profit_factor), QAT_MEASURE("Expectancy per trade", kDollars, expectancy),
    QAT_MEASURE("Exposure", kPercent, exposure), QAT_MEASURE("Turnover per year", kRatio, turnover),
    QAT_MEASURE("Fees paid", kDollars, fees), QAT_MEASURE("Ambiguous bars", kCount, ambiguous_bars),
    QAT_MEASURE("Alpha (annual)", kPercent, alpha), QAT_MEASURE("Beta", kRatio, beta),
    QAT_MEASURE("Sharpe per session", kSmall, sharpe_per_session), QAT_MEASURE("Skew", kRatio, skew),
    QAT_MEASURE("Kurtosis", kRatio, kurtosis), QAT_MEASURE("Probabilistic Sharpe Ratio", kSmall, psr),
    QAT_MEASURE("Deflated Sharpe Ratio", kSmall, dsr), QAT_MEASURE("Trials on these data", kCount, trials),
};
#undef QAT_MEASURE

std::string MeasuresTable(const TearsheetInput& in) {
  const bool bench = in.benchmark != nullptr;
  std::string out = fmt::format("<table class=\"measures\"><thead><tr><th></th><th>{}</th>{}</tr></thead><tbody>\n",
                                Escape(in.strategy_name), bench ? "<th>Buy-and-hold</th>" : "");
  for (const MeasureRow& row : kMeasureRows) {
    out += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td>", row.label,
                       MeasureText(row.get(in.strategy_measures), row.kind));
    if (bench) out += fmt::format("<td>{}</td>", MeasureText(row.get(in.benchmark_measures), row.kind));
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string DeflatedSharpeText(const Measures& m) {
  const std::string head =
      fmt::format("<p class=\"dsr\">Deflated Sharpe Ratio: <strong>{}</strong>. ", MeasureText(m.dsr, Kind::kSmall));
  if (m.trials <= 1)
    return head + fmt::format("Only this configuration is recorded as tried on these data, so there is no search to "
                              "correct for: the DSR equals the Probabilistic Sharpe Ratio against 0 ({}), the probability "
                              "that the strategy's true Sharpe ratio is above 0.</p>\n", MeasureText(m.psr, Kind::kSmall));
  return head + fmt::format("{0} configurations were tried on these data (every run on the same data counts as a trial); "
                            "the DSR is the probability that the strategy's true Sharpe ratio exceeds the best that luck "
                            "alone would be expected to give among {0} trials. Against 0 alone, the Probabilistic Sharpe "
                            "Ratio is {1}.</p>\n", Grouped(m.trials), MeasureText(m.psr, Kind::kSmall));
}

struct Series {
  std::string name;
  std::string_view colour;
  const std::vector<Days>* days;
  std::vector<double> values;  // one per day
};

struct Scale {  // maps [d0, d1] onto [r0, r1]
  double d0, d1, r0, r1;
  double operator()(double v) const { return d1 == d0 ? (r0 + r1) / 2 : r0 + (v - d0) / (d1 - d0) * (r1 - r0); }
};

constexpr double kWidth = 960, kHeight = 300, kLeft = 84, kRight = 16, kTop = 30, kBottom = 30;

// A step of 1, 2 or 5 times a power of ten that cuts `span` into at most about `parts`.
double NiceStep(double span, int parts) {
  if (!(span > 0)) return 1;
  const double raw = span / parts, magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0}) if (raw <= m * magnitude) return m * magnitude;
  return 10 * magnitude;
}

// Tick dates on the x axis: January 1st every 1, 2, 5, ... years, or the 1st of every 1, 2, 3
// or 6 months for a run under two years ("2010", "2023-04"); a run too short for two such
// ticks gets five dates spread inside it.
std::vector<std::pair<Days, std::string>> DateTicks(Days first, Days last) {
  std::vector<std::pair<Days, std::string>> ticks;
  const double years = (last - first) / 365.25;
  if (years >= 2) {
    int step = 50;
    for (int s : {1, 2, 5, 10, 20}) if (years / s <= 10) { step = s; break; }
    for (int y = CivilFromDays(first).year + 1; y <= CivilFromDays(last).year; ++y)
      if (y % step == 0) ticks.emplace_back(DaysFromCivil({y, 1, 1}), std::to_string(y));
    return ticks;
  }
  int step = 6;
  for (int s : {1, 2, 3, 6}) if (years * 12 / s <= 8) { step = s; break; }
  const CivilDate a = CivilFromDays(first);
  for (int k = a.year * 12 + static_cast<int>(a.month);; ++k) {  // from the month after the first's
    const CivilDate d{k / 12, static_cast<unsigned>(k % 12 + 1), 1};
    if (DaysFromCivil(d) > last) break;
    if ((d.month - 1) % step == 0)
      ticks.emplace_back(DaysFromCivil(d), fmt::format("{}-{:02}", d.year, d.month));
  }
  if (ticks.size() >= 2) return ticks;
  ticks.clear();
  for (int k = 0; k < 5; ++k) {
    const Days day = first + static_cast<Days>((last - first) * (2 * k + 1) / 10);
    if (ticks.empty() || ticks.back().first != day) ticks.emplace_back(day, FormatDate(day));
  }
  return ticks;
}

// The polyline's points, at most two per pixel column (its lowest and highest, in time order),
// so thirty years of sessions draw as a few thousand points without losing a spike.
std::string PolylinePoints(const Series& s, const Scale& x, const Scale& y) {
  std::string out;
  long column = std::numeric_limits<long>::min();
  std::size_t lo = 0, hi = 0;
  auto flush = [&] {
    if (column == std::numeric_limits<long>::min()) return;
    for (std::size_t i : {std::min(lo, hi), std::max(lo, hi)}) {
      out += fmt::format("{:.1f},{:.1f} ", x((*s.days)[i]), y(s.values[i]));
      if (lo == hi) break;
    }
  };
  for (std::size_t i = 0; i < s.values.size(); ++i) {
    if (std::isnan(s.values[i])) continue;
    const long c = std::lround(x((*s.days)[i]));
    if (c != column) flush(), column = c, lo = hi = i;
    if (s.values[i] < s.values[lo]) lo = i;
    if (s.values[i] > s.values[hi]) hi = i;
  }
  flush();
  return out;
}

// One chart: grid, axes with dates below and `tick_text` values on the left, a legend, a line
// per series. A chart without two finite points says so instead.
std::string LineChartSvg(std::string_view label, const std::vector<Series>& series,
                         std::string (*tick_text)(double value, double step)) {
  Days first = std::numeric_limits<Days>::max(), last = std::numeric_limits<Days>::min();
  double lo = INFINITY, hi = -INFINITY;
  std::size_t points = 0;
  for (const Series& s : series)
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      if (std::isnan(s.values[i])) continue;
      first = std::min(first, (*s.days)[i]), last = std::max(last, (*s.days)[i]);
      lo = std::min(lo, s.values[i]), hi = std::max(hi, s.values[i]), ++points;
    }
  if (points < 2 || first == last) return "<p class=\"note\">Too few sessions to draw a chart.</p>\n";
  const double step = NiceStep(hi - lo, 6);
  lo = std::floor(lo / step) * step, hi = std::max(std::ceil(hi / step) * step, lo + step);
  const Scale x{double(first), double(last), kLeft, kWidth - kRight}, y{lo, hi, kHeight - kBottom, kTop};
  std::string out = fmt::format("<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">\n", kWidth,
                                kHeight, Escape(label));
  for (int k = 0; lo + k * step <= hi + step / 2; ++k) {
    const double v = std::fabs(lo + k * step) < step * 1e-9 ? 0.0 : lo + k * step;  // no "-0%"
    out += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\"/>"
                       "<text class=\"ytick\" x=\"{3}\" y=\"{4:.1f}\">{5}</text>\n",
                       kLeft, kWidth - kRight, y(v), kLeft - 6, y(v) + 4, tick_text(v, step));
  }
  for (const auto& [day, text] : DateTicks(first, last))
    out += fmt::format("<line class=\"grid\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2}\"/>"
                       "<text class=\"xtick\" x=\"{0:.1f}\" y=\"{3}\">{4}</text>\n",
                       x(day), kTop, kHeight - kBottom, kHeight - kBottom + 18, text);
  out += fmt::format("<rect class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n", kLeft, kTop,
                     kWidth - kLeft - kRight, kHeight - kTop - kBottom);
  double legend_x = kLeft;
  for (const Series& s : series) {
    out += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.4\" points=\"{}\"/>\n", s.colour,
                       PolylinePoints(s, x, y));
    out += fmt::format("<line x1=\"{0}\" x2=\"{1}\" y1=\"14\" y2=\"14\" stroke=\"{2}\" stroke-width=\"3\"/>"
                       "<text x=\"{3}\" y=\"18\">{4}</text>\n", legend_x, legend_x + 18, s.colour, legend_x + 24, Escape(s.name));
    legend_x += 40 + 7.5 * static_cast<double>(s.name.size());
  }
  return out + "</svg>\n";
}

std::string DollarTick(double v, double step) {
  return step >= 1 ? fmt::format("${}", Grouped(std::llround(v))) : DollarText(v);
}
std::string PercentTick(double v, double step) { return fmt::format("{:.{}f}%", v * 100, step >= 0.01 ? 0 : 1); }

std::vector<double> EquityDollars(const RunResult& run) {
  std::vector<double> out;
  for (portfolio::Micros e : run.equity) out.push_back(Dollars(e));
  return out;
}
// Each close's fall from the highest equity before it (or the initial cash): 0 or negative.
std::vector<double> Drawdowns(const RunResult& run) {
  std::vector<double> out;
  double peak = Dollars(run.initial_cash);
  for (double e : EquityDollars(run)) {
    peak = std::max(peak, e);
    out.push_back(peak > 0 ? e / peak - 1 : NAN);
  }
  return out;
}

std::string Charts(const TearsheetInput& in) {
  std::vector<Series> equity{{in.strategy_name, kStrategyColour, &in.strategy->sessions, EquityDollars(*in.strategy)}};
  std::vector<Series> drawdown{{in.strategy_name, kStrategyColour, &in.strategy->sessions, Drawdowns(*in.strategy)}};
  if (in.benchmark != nullptr) {
    equity.push_back({"buy-and-hold", kBenchmarkColour, &in.benchmark->sessions, EquityDollars(*in.benchmark)});
    drawdown.push_back({"buy-and-hold", kBenchmarkColour, &in.benchmark->sessions, Drawdowns(*in.benchmark)});
  }
  return "<h2>Equity</h2>\n" + LineChartSvg("equity in dollars at each close", equity, DollarTick) +
         "<h2>Drawdown</h2>\n" + LineChartSvg("fall from the previous peak of equity", drawdown, PercentTick);
}

struct PeriodReturns {
  std::map<int, double> month;  // year * 12 + month - 1
  std::map<int, double> year;
};

// Each calendar month's and year's return: its last close against the last close before it
// (the first against the initial cash).
PeriodReturns ReturnsByPeriod(const RunResult& run) {
  PeriodReturns out;
  double month_base = Dollars(run.initial_cash), year_base = month_base;
  for (std::size_t i = 0; i < run.sessions.size(); ++i) {
    const CivilDate d = CivilFromDays(run.sessions[i]);
    const CivilDate next =
        i + 1 < run.sessions.size() ? CivilFromDays(run.sessions[i + 1]) : CivilDate{d.year + 1, 1, 1};
    const double equity = Dollars(run.equity[i]);
    if (next.month != d.month || next.year != d.year) {
      out.month[d.year * 12 + static_cast<int>(d.month) - 1] = equity / month_base - 1;
      month_base = equity;
    }
    if (next.year != d.year) out.year[d.year] = equity / year_base - 1, year_base = equity;
  }
  return out;
}

// A cell: the return to 0.1%, green up, red down, stronger with the size of the move (full at
// `full`); one that rounds to 0.0% is uncoloured (and never "-0.0%").
std::string HeatCell(double r, double full) {
  const double shown = std::round(r * 1000) / 10 + 0.0;
  const double alpha = shown == 0 ? 0.0 : 0.08 + 0.6 * std::min(std::fabs(r) / full, 1.0);
  return fmt::format("<td style=\"background:rgba({},{:.2f})\">{:.1f}%</td>", r >= 0 ? "22,140,60" : "200,40,40", alpha,
                     shown);
}

std::string MonthlyTable(const TearsheetInput& in) {
  const PeriodReturns strategy = ReturnsByPeriod(*in.strategy);
  const PeriodReturns bench = in.benchmark ? ReturnsByPeriod(*in.benchmark) : PeriodReturns{};
  std::string out = "<table class=\"monthly\"><thead><tr><th></th>";
  for (std::string_view m : kMonthNames) out += fmt::format("<th>{}</th>", m);
  out += in.benchmark ? "<th>Year</th><th>Buy-and-hold</th>" : "<th>Year</th>";
  out += "</tr></thead><tbody>\n";
  for (const auto& [year, total] : strategy.year) {
    out += fmt::format("<tr><th scope=\"row\">{}</th>", year);
    for (int m = 0; m < 12; ++m) {
      const auto it = strategy.month.find(year * 12 + m);
      out += it == strategy.month.end() ? "<td></td>" : HeatCell(it->second, 0.08);
    }
    out += HeatCell(total, 0.3);
    if (in.benchmark) {
      const auto it = bench.year.find(year);
      out += it == bench.year.end() ? "<td></td>" : HeatCell(it->second, 0.3);
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string TradeRow(const RunResult& run, const Trade& t) {
  const std::string symbol = t.symbol < run.symbols.size() ? Escape(run.symbols[t.symbol]) : "?";
  std::string exit = "<td></td><td></td><td></td>";
  if (t.exit_day)
    exit = fmt::format("<td>{}</td><td>{}</td><td>{}</td>", FormatDate(*t.exit_day), PriceText(t.exit_price),
                       Escape(t.exit_reason));
  return fmt::format("<tr class=\"trade{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}<td class=\"{}\">{}</td></tr>\n",
                     t.exit_day ? "" : " open", symbol, FormatDate(t.entry_day), PriceText(t.entry_price),
                     Grouped(t.shares), exit, t.pnl < 0 ? "neg" : "pos", MicrosText(t.pnl));
}

std::string TradeTable(const RunResult& run) {
  const std::size_t n = run.trades.size(), shown = std::min(n, kTearsheetMaxTrades);
  if (n == 0) return "<p class=\"note\">No trades.</p>\n";
  std::string out;
  if (shown < n) out += fmt::format("<p class=\"note\">Showing the last {} of {} trades.</p>\n", shown, Grouped(Int(n)));
  out += "<table class=\"trades\"><thead><tr><th>Symbol</th><th>Entry date</th><th>Entry price</th><th>Shares</th>"
         "<th>Exit date</th><th>Exit price</th><th>Exit reason</th><th>P&amp;L</th></tr></thead><tbody>\n";
  for (std::size_t k = n - shown; k < n; ++k) out += TradeRow(run, run.trades[k]);
  return out + "</tbody></table>\n"
               "<p class=\"note\">An empty exit: the trade is still open, its P&amp;L marked at the last close.</p>\n";
}

std::string CountsTable(const RunCounts& c) {
  const std::pair<std::string_view, std::int64_t> rows[] = {
      {"Ambiguous bars (stop and target inside one bar)", c.ambiguous_bars},
      {"Of those, resolved by finer bars", c.resolved_by_finer_bars},
      {"Entries skipped: budget bought no whole share", c.zero_share_skips},
      {"Entries refused: position slots full", c.refused_slots},
      {"Entries refused: universe filter", c.refused_filter},
      {"Entries refused: symbol held or pending", c.refused_held},
      {"Entries filled past their stop or target", c.entries_past_level},
      {"Limit or stop entries expired", c.expired_entries},
  };
  std::string out = "<table class=\"counts\"><tbody>\n";
  for (const auto& [label, count] : rows)
    out += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n", label, Grouped(count));
  return out + "</tbody></table>\n";
}

std::string JoinedSymbols(const RunResult& run) {
  std::string out;
  for (const std::string& s : run.symbols) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// "sma-cross on SPY from 2000-01-03 to 2024-03-22 (6,100 sessions): $10,000.00 became $25,000.00
// (150.00%); buy-and-hold $30,000.00 (200.00%)."
std::string Summary(const TearsheetInput& in) {
  const RunResult& run = *in.strategy;
  if (run.sessions.empty())
    return fmt::format("<p class=\"summary\">{}: no sessions in the run.</p>\n", Escape(in.strategy_name));
  auto outcome = [](const RunResult& r) {
    const double total = Dollars(r.equity.back()) / Dollars(r.initial_cash) - 1;
    return fmt::format("{} ({})", MicrosText(r.equity.back()), PercentText(total));
  };
  const std::size_t n = run.sessions.size();
  std::string out = fmt::format("<p class=\"summary\">{} on {} from {} to {} ({} session{}): {} became {}",
                                Escape(in.strategy_name), Escape(JoinedSymbols(run)), FormatDate(run.sessions.front()),
                                FormatDate(run.sessions.back()), Grouped(Int(n)), n == 1 ? "" : "s",
                                MicrosText(run.initial_cash), outcome(run));
  if (in.benchmark != nullptr && !in.benchmark->equity.empty()) out += "; buy-and-hold " + outcome(*in.benchmark);
  return out + ".</p>\n";
}

constexpr std::string_view kStyle = R"(<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;background:#fcfcfb;max-width:1000px;margin:24px auto;padding:0 16px;line-height:1.45}
h1{font-size:1.6em;margin-bottom:4px}h2{font-size:1.2em;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;font-size:0.9em;font-variant-numeric:tabular-nums}
th,td{padding:3px 8px;border-bottom:1px solid #e6e6e6;text-align:right}th[scope=row]{text-align:left;font-weight:normal}
thead th{border-bottom:2px solid #ccc}.measures td{min-width:110px}
.monthly td{min-width:44px;text-align:center;font-size:0.92em}.monthly th{text-align:center}.monthly td:nth-child(14){border-left:2px solid #ccc}
.trades td:nth-child(1),.trades td:nth-child(7){text-align:left}.neg{color:#b02020}.pos{color:#17703a}
.summary{font-size:1.05em;color:#444}.note{color:#666;font-size:0.9em}
svg.chart{width:100%;height:auto;background:#fff;border:1px solid #e6e6e6;font-size:12px}
.grid{stroke:#eee}.frame{fill:none;stroke:#bbb}.ytick{text-anchor:end;fill:#555}.xtick{text-anchor:middle;fill:#555}
pre{background:#f3f3f1;padding:12px;overflow-x:auto;font-size:0.85em}code{word-break:break-all}
</style>
)";

}  // namespace

std::string RenderTearsheet(const TearsheetInput& in) {
  std::string page = fmt::format("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                                 "<title>{0}</title>\n{1}</head>\n<body>\n<h1>{0}</h1>\n", Escape(in.title), kStyle);
  page += Summary(in);
  page += "<h2 id=\"measures\">Measures</h2>\n" + MeasuresTable(in) + DeflatedSharpeText(in.strategy_measures);
  page += Charts(in);
  page += "<h2 id=\"monthly\">Monthly returns</h2>\n" + MonthlyTable(in);
  page += "<h2 id=\"trades\">Trades</h2>\n" + TradeTable(*in.strategy);
  page += "<h2 id=\"counts\">Engine counts</h2>\n" + CountsTable(in.strategy->counts);
  page += fmt::format("<h2 id=\"costs\">Costs and fill rules</h2>\n<p><strong>Costs:</strong> {}</p>\n"
                      "<p><strong>Fill rules:</strong> {}</p>\n", Escape(in.costs_text), Escape(in.fill_rules_text));
  page += fmt::format("<h2 id=\"reproduce\">Reproducing this run</h2>\n"
                      "<p>Order-list hash (SHA-256 of the fills CSV): <code>{}</code></p>\n"
                      "<p>The run's manifest:</p>\n<pre class=\"manifest\">{}</pre>\n</body>\n</html>\n",
                      Escape(in.order_hash), Escape(in.manifest_json));
  return page;
}

}  // namespace qat::backtest
