#include "qat/app/signals.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

#include <fmt/format.h>

#include "qat/core/parallel.h"
#include "qat/store/actions.h"
#include "qat/core/json.h"

namespace qat::app {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A symbol whose last bar is older than this before the asked date has no signal for it.
constexpr Days kMaxStaleDays = 7;
constexpr const char* kAbstainReason =
    "NEUTRAL: the confluence model showed no evidence over the base rate, so it abstains (docs/signals.md)";


Result<data::BarSeries> LoadContextSeries(store::Database& db, const std::string& symbol, std::optional<Days> as_of,
                                          const char* role) {
  data::AdjustOptions options;
  options.as_of = as_of;
  auto bars = store::LoadAdjustedDaily(db, symbol, options);
  if (!bars.ok() || bars->empty()) {
    return Fail(ErrorCode::kNotFound, "{} series {}: no daily bars stored{} (the models read it as context)", role,
                symbol, as_of ? fmt::format(" on or before {}", FormatDate(*as_of)) : "");
  }
  return bars;
}

}  // namespace

Result<SignalModels> LoadSignalModels(store::Database& db, const std::filesystem::path& model_dir, int horizon,
                                      std::optional<Days> as_of) {
  SignalModels m;
  QAT_ASSIGN_OR_RETURN(m.set, models::ReadModelSet(model_dir, horizon));
  QAT_RETURN_IF_ERROR(CheckFeatures(m.set));
  QAT_ASSIGN_OR_RETURN(m.confluence, ReadConfluence(model_dir, horizon));
  QAT_ASSIGN_OR_RETURN(m.market, LoadContextSeries(db, m.set.schema.market, as_of, "market"));
  QAT_ASSIGN_OR_RETURN(m.vix, LoadContextSeries(db, m.set.schema.vix, as_of, "VIX"));
  return m;
}

Result<SymbolSignal> SignalAt(const SignalModels& models, const signals::ConfluenceScorer& scorer,
                              const SymbolInputs& inputs, const signals::SymbolFrames& frames, std::size_t t,
                              const signals::GateConfig& gate_config, bool allow_short) {
  const data::BarSeries& daily = inputs.data.daily;
  SymbolSignal s;
  s.symbol = inputs.data.symbol;
  s.as_of = daily.DayAt(t);
  s.confluence = scorer.Score(frames, t);
  s.base_rate = models.confluence.base_rate;
  s.context = frames.context[t];
  QAT_ASSIGN_OR_RETURN(s.forecast, ForecastAt(models.set, daily, inputs.features, t, models.market, models.vix));
  s.model_after_as_of = models.set.schema.as_of > s.as_of ||
                        models.confluence.as_of > data::AvailableTime(data::Interval::k1d, static_cast<Timestamp>(s.as_of) * 86400);

  const signals::Direction direction = s.confluence.direction;
  const int sign = direction == signals::Direction::kBearish ? -1 : 1;
  const signals::Side side = direction == signals::Direction::kBearish ? signals::Side::kShort : signals::Side::kLong;
  // The strongest pattern leaning the signal's way, over every timeframe.
  const signals::PatternEvidence* best = nullptr;
  int agreeing = 0;
  for (const auto& tf : s.confluence.timeframes) {
    if (tf.log_odds * sign > 0) ++agreeing;
    for (const auto& p : tf.patterns) {
      if (p.llr * sign > 0 && (best == nullptr || p.llr * sign > best->llr * sign)) best = &p;
    }
  }
  s.gates.push_back(signals::DirectionGate(direction, allow_short));
  if (s.confluence.abstained) s.gates.back().reason = kAbstainReason;
  s.gates.push_back(signals::PatternWinRateGate(best && best->n > 0 ? best->win_rate : kNaN, gate_config));
  s.gates.push_back(signals::PatternQValueGate(best ? best->q_value : kNaN, gate_config));
  s.gates.push_back(signals::TimeframeAgreementGate(agreeing, gate_config));
  s.gates.push_back(signals::ProbUpGate(s.forecast.prob_up, side, gate_config));
  s.gates.push_back(signals::RsiGate(s.context.rsi, side, gate_config));
  s.gates.push_back(signals::VolumeRatioGate(s.context.volume_ratio, gate_config));
  s.gates.push_back(signals::TrendRegimeGate(s.context.trend, side, gate_config));
  QAT_ASSIGN_OR_RETURN(auto universe, signals::UniverseGates(daily, t, gate_config));
  for (auto& g : universe) s.gates.push_back(std::move(g));
  return s;
}

Status PlanInRankOrder(std::vector<SymbolSignal>& ranked, signals::Account account, const signals::PlanConfig& config) {
  for (auto& s : ranked) {
    signals::PlanRequest plan;
    plan.symbol = s.symbol;
    plan.direction = s.confluence.direction;
    plan.last_close = s.forecast.price;
    if (!s.forecast.levels.empty()) {
      plan.q10_price = s.forecast.levels.back()[0];
      plan.q90_price = s.forecast.levels.back()[models::kNumQuantiles - 1];
    }
    plan.horizon = s.forecast.horizon;
    QAT_ASSIGN_OR_RETURN(s.plan, signals::MakeTradePlan(plan, s.gates, account, config));
    if (s.plan.action != signals::Action::kNone && s.plan.shares > 0) {
      account.cash -= s.plan.position_value + config.costs.commission_per_order;
      account.positions.push_back({s.symbol, s.plan.position_value});
    }
  }
  return Ok();
}

Result<SignalsReport> ComputeSignals(store::Database& db, const SignalsRequest& r) {
  QAT_ASSIGN_OR_RETURN(const SignalModels models, LoadSignalModels(db, r.model_dir, r.horizon, r.as_of));
  const signals::ConfluenceScorer scorer(models.confluence);
  SignalsReport report;
  report.model_as_of = models.set.schema.as_of;
  report.confluence_as_of = models.confluence.as_of;
  // The market's and the VIX's own columns are computed once for the whole watchlist.
  features::ContextCache cache;
  const features::MarketContext context{.market = &models.market,
                                        .vix = &models.vix,
                                        .max_age_days = models.set.schema.context_max_age_days,
                                        .cache = &cache};
  const patterns::MarketRegimes market_regimes = patterns::RegimesOf(models.market);
  // The store is read on this thread; features and frames of each symbol are computed on
  // the worker threads; the forecast and the signal on this thread again, in symbol order
  // (the boosters are not shared between threads).
  struct Loaded {
    std::string symbol;
    SymbolInputs inputs;
  };
  std::vector<Loaded> loaded;
  for (const auto& symbol : r.symbols) {
    auto inputs = LoadSymbolBars(db, symbol, r.as_of);
    if (!inputs.ok() && inputs.error().code == ErrorCode::kNotFound) {
      report.skipped.push_back(inputs.error().message);
      continue;
    }
    if (!inputs.ok()) return Fail(inputs.error().code, "{}: {}", symbol, inputs.error().message);
    const Days last = inputs->data.daily.DayAt(inputs->data.daily.size() - 1);
    if (r.as_of && last + kMaxStaleDays < *r.as_of) {
      report.skipped.push_back(fmt::format("{}: last daily bar {} is more than {} days before {}", symbol,
                                           FormatDate(last), kMaxStaleDays, FormatDate(*r.as_of)));
      continue;
    }
    loaded.push_back({symbol, std::move(*inputs)});
  }
  struct Prepared {
    SymbolInputs inputs;
    signals::SymbolFrames frames;
  };
  const int jobs = r.jobs > 0 ? r.jobs : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  QAT_RETURN_IF_ERROR(ParallelForOrdered(
      loaded.size(), jobs,
      [&](std::size_t i) -> Result<Prepared> {
        Prepared p{std::move(loaded[i].inputs), {}};
        if (auto ok = ComputeSymbolFeatures(p.inputs, context); !ok.ok()) {
          return Fail(ok.error().code, "{}: {}", loaded[i].symbol, ok.error().message);
        }
        auto frames = signals::BuildFrames(p.inputs.data, &models.market, models.confluence.timeframes,
                                           models.confluence.horizon, &market_regimes);
        if (!frames.ok()) return Fail(frames.error().code, "{}: {}", loaded[i].symbol, frames.error().message);
        p.frames = std::move(*frames);
        if (!r.timeframes.empty()) {
          for (auto tf : models.confluence.timeframes) {
            if (std::find(r.timeframes.begin(), r.timeframes.end(), tf) != r.timeframes.end()) continue;
            p.frames.records[static_cast<std::size_t>(tf)].reset();
            p.frames.unavailable[static_cast<std::size_t>(tf)] = "not asked for (--timeframes)";
          }
        }
        return p;
      },
      [&](std::size_t i, Prepared&& p) -> Status {
        const std::size_t t = p.inputs.data.daily.size() - 1;
        auto signal = SignalAt(models, scorer, p.inputs, p.frames, t, r.gates, r.plan.allow_short);
        if (!signal.ok()) return Fail(signal.error().code, "{}: {}", loaded[i].symbol, signal.error().message);
        report.signals.push_back(std::move(*signal));
        return Ok();
      }));
  // Rank: every gate passed first, then by confidence in the signal's direction.
  auto passes = [](const SymbolSignal& s) { return signals::FirstFailed(s.gates) == nullptr; };
  std::stable_sort(report.signals.begin(), report.signals.end(), [&](const SymbolSignal& a, const SymbolSignal& b) {
    if (passes(a) != passes(b)) return passes(a);
    return a.confluence.Confidence() > b.confluence.Confidence();
  });
  QAT_RETURN_IF_ERROR(PlanInRankOrder(report.signals, r.account, r.plan));
  return report;
}

nlohmann::json SymbolSignal::ToJson() const {
  const auto& c = confluence;
  std::vector<std::string> used;
  nlohmann::json per = nlohmann::json::array();
  for (const auto& tf : c.timeframes) {
    if (tf.available) used.emplace_back(signals::TimeframeName(tf.timeframe));
    per.push_back(tf.ToJson());
  }
  nlohmann::json terms = nlohmann::json::object();
  for (const auto& term : c.context) terms[term.term] = {{"bucket", term.bucket}, {"llr", term.llr}};
  nlohmann::json gate_list = nlohmann::json::array();
  for (const auto& g : gates) gate_list.push_back(g.ToJson());
  const auto& level = forecast.levels.back();
  return {{"symbol", symbol},
          {"as_of", FormatDate(as_of)},
          {"direction", signals::DirectionName(c.direction)},
          {"final_score", c.final_score},
          {"probability", c.probability},
          {"base_rate", base_rate},
          {"combiner_probability", c.combiner_probability},
          {"abstained", c.abstained},
          {"confidence", c.Confidence()},
          {"plain_sum_probability", c.plain_sum},
          {"timeframes_used", used},
          {"agreeing", {{"bullish", c.bullish_timeframes}, {"bearish", c.bearish_timeframes}}},
          {"per_timeframe", per},
          {"context",
           {{"rsi", JsonNumber(context.rsi)},
            {"volume_ratio", JsonNumber(context.volume_ratio)},
            {"regime", features::TrendRegimeName(context.trend)},
            {"vol_regime", features::VolRegimeName(context.vol)},
            {"terms", terms}}},
          {"forecast",
           {{"current_price", forecast.price},
            {"horizon", forecast.horizon},
            {"q10", level[0]},
            {"q25", level[1]},
            {"q50", level[2]},
            {"q75", level[3]},
            {"q90", level[4]},
            {"prob_up", forecast.prob_up},
            {"prob_up_raw", forecast.prob_up_raw}}},
          {"gates", gate_list},
          {"action", signals::ActionName(plan.action)},
          {"plan", plan.ToJson()},
          {"model_after_as_of", model_after_as_of}};
}

nlohmann::json SignalsReport::ToJson() const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : signals) list.push_back(s.ToJson());
  return {{"model_as_of", FormatDate(model_as_of)},
          {"confluence_as_of", FormatTimestampNewYork(confluence_as_of)},
          {"signals", list},
          {"skipped", skipped}};
}

}  // namespace qat::app
