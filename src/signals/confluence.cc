#include "qat/signals/confluence.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "qat/data/interval.h"
#include "qat/models/evaluation.h"

namespace qat::signals {
namespace {

std::size_t Slot(Timeframe tf) { return static_cast<std::size_t>(tf); }


// The inputs of daily bar t: evidence per timeframe, context terms, agreement counts.
// A timeframe's evidence into the row's inputs (its log-odds, the agreement counts).
void AddTimeframe(Confluence& c, TimeframeEvidence ev) {
  c.inputs.push_back(ev.log_odds);
  c.plain_sum += ev.log_odds;  // the sum of log-odds until AddContext turns it into a probability
  c.bullish_timeframes += ev.log_odds > 0 ? 1 : 0;
  c.bearish_timeframes += ev.log_odds < 0 ? 1 : 0;
  c.timeframes.push_back(std::move(ev));
}

// The context terms after the timeframes, then the agreement counts and the naive sum.
void AddContext(Confluence& c, const ContextTable& context, const ContextValues& values, double base_rate) {
  c.context = ContextTerms(context, values);
  for (const auto& term : c.context) {
    c.inputs.push_back(term.llr);
    c.plain_sum += term.llr;
  }
  c.inputs.push_back(c.bullish_timeframes);
  c.inputs.push_back(c.bearish_timeframes);
  c.plain_sum = Sigmoid(Logit(base_rate) + c.plain_sum);
}

Confluence RowInputs(const EvidenceLookup& lookup, const ContextTable& context, std::span<const Timeframe> timeframes,
                     const SymbolFrames& frames, std::size_t t, double base_rate) {
  Confluence c;
  const Timestamp decided = frames.daily.available[t];
  for (Timeframe tf : timeframes) {
    const auto& rec = frames.records[Slot(tf)];
    TimeframeEvidence ev;
    ev.timeframe = tf;
    if (!rec) {
      ev.unavailable_reason = frames.unavailable[Slot(tf)];
    } else if (const auto bar = LastClosedBarIn(rec->available, decided)) {
      if (IsCurrent(tf, rec->available[*bar], decided)) {
        ev = lookup.At(*rec, tf, *bar);
      } else {
        ev.unavailable_reason = fmt::format("the last {} bar (available {}) is stale at {}", TimeframeName(tf),
                                            FormatTimestampNewYork(rec->available[*bar]),
                                            FormatTimestampNewYork(decided));
      }
    } else {
      ev.unavailable_reason = fmt::format("no {} bar closed by {}", TimeframeName(tf), FormatTimestampNewYork(decided));
    }
    AddTimeframe(c, std::move(ev));
  }
  AddContext(c, context, frames.context[t], base_rate);
  return c;
}

void Finish(Confluence& c, const LogisticModel& combiner, const Calibrator& calibrator, double base_rate,
            bool abstains) {
  c.raw = combiner.Predict(c.inputs);
  c.combiner_probability = calibrator.Apply(c.raw);
  c.abstained = abstains;
  c.probability = abstains ? base_rate : c.combiner_probability;
  c.final_score = Logit(c.probability) - Logit(base_rate);
  c.direction = c.probability > base_rate   ? Direction::kBullish
                : c.probability < base_rate ? Direction::kBearish
                                            : Direction::kNeutral;
}

std::vector<Timeframe> TimeframesFromNames(const std::vector<std::string>& names, Result<void>& error) {
  std::vector<Timeframe> out;
  for (const auto& n : names) {
    auto tf = ParseTimeframe(n);
    if (!tf.ok()) {
      error = tf.error();
      return {};
    }
    out.push_back(*tf);
  }
  return out;
}

}  // namespace

std::vector<std::string> InputNames(std::span<const Timeframe> timeframes) {
  std::vector<std::string> names;
  for (Timeframe tf : timeframes) names.push_back(fmt::format("lo_{}", TimeframeName(tf)));
  for (auto term : kContextTermNames) names.push_back(fmt::format("ctx_{}", term));
  names.push_back("bullish_timeframes");
  names.push_back("bearish_timeframes");
  return names;
}

Result<SymbolFrames> BuildFrames(const SymbolData& data, const data::BarSeries* market,
                                 std::span<const Timeframe> timeframes, int horizon_sessions,
                                 const patterns::MarketRegimes* market_regimes) {
  auto extract = [&](const data::BarSeries& series, int h) {
    const std::vector<int> horizons{h};
    return market != nullptr && market_regimes != nullptr
               ? patterns::ExtractRecords(series, horizons, *market, *market_regimes)
               : patterns::ExtractRecords(series, horizons, market);
  };
  if (data.daily.empty()) return Fail(ErrorCode::kInvalidInput, "{}: no daily bars", data.symbol);
  if (data.rsi.size() != data.daily.size() || data.volume_ratio.size() != data.daily.size()) {
    return Fail("{}: {} daily bars but {} rsi and {} volume ratio values", data.symbol, data.daily.size(),
                data.rsi.size(), data.volume_ratio.size());
  }
  SymbolFrames f;
  f.symbol = data.symbol;
  const int daily_h = HorizonBars(Timeframe::k1d, horizon_sessions);
  QAT_ASSIGN_OR_RETURN(f.daily, extract(data.daily, daily_h));
  for (Timeframe tf : timeframes) {
    std::optional<data::BarSeries> derived;
    const data::BarSeries* series = nullptr;
    switch (tf) {
      case Timeframe::k1d: series = &data.daily; break;
      case Timeframe::k1h: if (data.hourly) series = &*data.hourly; break;
      case Timeframe::k1w:
      case Timeframe::k4h: {
        const data::BarSeries* source = tf == Timeframe::k1w ? &data.daily : (data.hourly ? &*data.hourly : nullptr);
        if (source == nullptr) break;
        auto d = DeriveTimeframe(*source, tf);
        if (!d.ok()) {
          f.unavailable[Slot(tf)] = d.error().message;
          break;
        }
        derived = std::move(*d);
        series = &*derived;
        break;
      }
    }
    if (series == nullptr) {
      if (f.unavailable[Slot(tf)].empty()) f.unavailable[Slot(tf)] = fmt::format("no 1h bars stored for {}", data.symbol);
      continue;
    }
    if (series->empty()) {
      f.unavailable[Slot(tf)] = fmt::format("no {} bars for {}", TimeframeName(tf), data.symbol);
      continue;
    }
    if (tf == Timeframe::k1d) {
      f.records[Slot(tf)] = f.daily;
      continue;
    }
    QAT_ASSIGN_OR_RETURN(auto rec, extract(*series, HorizonBars(tf, horizon_sessions)));
    f.records[Slot(tf)] = std::move(rec);
  }
  f.context.resize(data.daily.size());
  for (std::size_t t = 0; t < data.daily.size(); ++t) {
    f.context[t] = {data.rsi[t], data.volume_ratio[t], f.daily.trend[t], f.daily.vol[t]};
  }
  return f;
}

ConfluenceScorer::ConfluenceScorer(const ConfluenceModel& model) : model_(model), lookup_(model.evidence) {}

Confluence ConfluenceScorer::Score(const SymbolFrames& frames, std::size_t t) const {
  Confluence c = RowInputs(lookup_, model_.context, model_.timeframes, frames, t, model_.base_rate);
  Finish(c, model_.combiner, model_.calibrator, model_.base_rate, model_.abstains);
  return c;
}

Result<Confluence> ConfluenceScorer::ScoreGiven(std::span<const GivenTimeframe> given,
                                                const ContextValues& context) const {
  for (const auto& g : given) {
    if (std::find(model_.timeframes.begin(), model_.timeframes.end(), g.timeframe) == model_.timeframes.end()) {
      std::vector<std::string> names;
      for (Timeframe tf : model_.timeframes) names.emplace_back(TimeframeName(tf));
      return Fail(ErrorCode::kInvalidInput, "the confluence model has no {} timeframe (it has {})",
                  TimeframeName(g.timeframe), fmt::join(names, ", "));
    }
  }
  Confluence c;
  for (Timeframe tf : model_.timeframes) {
    const auto g = std::find_if(given.begin(), given.end(), [tf](const GivenTimeframe& x) { return x.timeframe == tf; });
    TimeframeEvidence ev;
    ev.timeframe = tf;
    if (g == given.end()) {
      ev.unavailable_reason = "not given";
    } else {
      QAT_ASSIGN_OR_RETURN(ev, lookup_.Given(tf, g->patterns, context.trend, context.vol));
    }
    AddTimeframe(c, std::move(ev));
  }
  AddContext(c, model_.context, context, model_.base_rate);
  Finish(c, model_.combiner, model_.calibrator, model_.base_rate, model_.abstains);
  return c;
}

Result<ConfluenceFit> FitConfluence(std::span<const SymbolFrames> frames, const std::string& market,
                                    const ConfluenceConfig& config,
                                    const std::function<void(const std::string&)>& progress) {
  if (config.folds < 3 || !(config.warmup_fraction > 0 && config.warmup_fraction < 1) ||
      config.embargo_sessions < 0 || !(config.l2 >= 0) || config.timeframes.empty() || config.horizon < 1) {
    return Fail(ErrorCode::kInvalidInput,
                "confluence: need folds >= 3, warm-up fraction in (0, 1), embargo >= 0, l2 >= 0, a horizon >= 1 "
                "and at least one timeframe");
  }
  if (frames.empty()) return Fail(ErrorCode::kInvalidInput, "confluence: no symbols");
  auto say = [&](const std::string& line) {
    if (progress) progress(line);
  };
  const EvidenceConfig evidence_config{config.horizon, config.prior_weight, config.min_n};

  // Rows with a known outcome.
  struct Row {
    std::uint32_t symbol, t;
    Days day;
    Timestamp known;
    std::uint8_t up;
  };
  std::vector<Row> rows;
  std::vector<patterns::SeriesRecords> all_records;
  for (std::uint32_t s = 0; s < frames.size(); ++s) {
    const auto& d = frames[s].daily;
    for (std::uint32_t t = 0; t < d.size(); ++t) {
      const double r = d.forward_return[0][t];
      if (d.known_at[0][t] == 0 || !std::isfinite(r)) continue;
      rows.push_back({s, t, static_cast<Days>(d.start[t] / 86400), d.known_at[0][t], static_cast<std::uint8_t>(r > 0)});
    }
    for (const auto& rec : frames[s].records) {
      if (rec) all_records.push_back(*rec);
    }
  }
  std::vector<Days> days;
  for (const Row& r : rows) days.push_back(r.day);
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  const std::size_t warm = static_cast<std::size_t>(config.warmup_fraction * static_cast<double>(days.size()));
  const std::size_t folds = static_cast<std::size_t>(config.folds);
  if (warm < static_cast<std::size_t>(config.embargo_sessions) + 1 || days.size() - warm < 3 * folds) {
    std::size_t needed = days.size();
    while (static_cast<std::size_t>(config.warmup_fraction * static_cast<double>(needed)) <
               static_cast<std::size_t>(config.embargo_sessions) + 1 ||
           needed - static_cast<std::size_t>(config.warmup_fraction * static_cast<double>(needed)) < 3 * folds) {
      ++needed;
    }
    return Fail(ErrorCode::kInvalidInput,
                "confluence: {} sessions with a known outcome are too few for a warm-up of {:.0f}% and {} folds "
                "(at least {} are needed; fewer --folds need fewer)",
                days.size(), config.warmup_fraction * 100, folds, needed);
  }
  // Fold of each day: 0 warm-up, 1..folds.
  std::vector<std::size_t> fold_start(folds + 1);
  for (std::size_t k = 0; k <= folds; ++k) fold_start[k] = warm + (days.size() - warm) * k / folds;
  auto fold_of = [&](Days day) {
    const auto i = static_cast<std::size_t>(std::lower_bound(days.begin(), days.end(), day) - days.begin());
    if (i < warm) return std::size_t{0};
    return static_cast<std::size_t>(std::upper_bound(fold_start.begin(), fold_start.end(), i) - fold_start.begin());
  };
  std::vector<std::size_t> row_fold(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) row_fold[i] = fold_of(rows[i].day);
  std::vector<Timestamp> cutoff(folds + 1, 0);
  for (std::size_t k = 1; k <= folds; ++k) {
    const std::size_t c = fold_start[k - 1] - 1 - static_cast<std::size_t>(config.embargo_sessions);
    cutoff[k] = data::AvailableTime(data::Interval::k1d, static_cast<Timestamp>(days[c]) * 86400);
  }

  std::vector<ContextValues> context_values(rows.size());
  std::vector<std::uint8_t> ups(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    context_values[i] = frames[rows[i].symbol].context[rows[i].t];
    ups[i] = rows[i].up;
  }
  auto known_by = [&](Timestamp cut) {
    std::vector<std::uint8_t> use(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) use[i] = rows[i].known <= cut ? 1 : 0;
    return use;
  };
  auto rate_of = [&](const std::vector<std::uint8_t>& use) {
    double n = 0, u = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (use[i] == 0) continue;
      n += 1;
      u += ups[i];
    }
    return n > 0 ? u / n : 0.5;
  };

  const std::vector<std::string> names = InputNames(config.timeframes);
  const std::size_t d = names.size(), ntf = config.timeframes.size();
  std::vector<double> x(rows.size() * d, 0.0), plain(rows.size(), 0.5), base(rows.size(), 0.5);
  std::map<std::string, std::int64_t> with_patterns;
  for (std::size_t k = 1; k <= folds; ++k) {
    QAT_ASSIGN_OR_RETURN(const EvidenceTable table, FitEvidence(all_records, cutoff[k], evidence_config));
    const EvidenceLookup lookup(table);
    const auto use = known_by(cutoff[k]);
    const ContextTable context = FitContext(context_values, ups, use, config.prior_weight);
    const double base_k = rate_of(use);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (row_fold[i] != k) continue;
      const Confluence c = RowInputs(lookup, context, config.timeframes, frames[rows[i].symbol], rows[i].t, base_k);
      std::copy(c.inputs.begin(), c.inputs.end(), x.begin() + static_cast<std::ptrdiff_t>(i * d));
      plain[i] = c.plain_sum;
      base[i] = base_k;
      for (const auto& ev : c.timeframes) {
        if (!ev.patterns.empty()) ++with_patterns[std::string(TimeframeName(ev.timeframe))];
      }
    }
    say(fmt::format("fold {}/{}: {}..{}, tables as of {} ({} cells)", k, folds, FormatDate(days[fold_start[k - 1]]),
                    FormatDate(days[fold_start[k] - 1]), FormatTimestampNewYork(cutoff[k]), table.cells.size()));
  }

  // Combiners: the fused one (every input) and one per timeframe (its log-odds alone).
  auto columns_of = [&](std::span<const std::size_t> cols, std::span<const std::size_t> which) {
    std::vector<double> out;
    out.reserve(which.size() * cols.size());
    for (std::size_t i : which) {
      for (std::size_t c : cols) out.push_back(x[i * d + c]);
    }
    return out;
  };
  std::vector<std::size_t> all_cols(d);
  std::iota(all_cols.begin(), all_cols.end(), 0);
  std::vector<std::vector<std::size_t>> model_cols = {all_cols};
  for (std::size_t j = 0; j < ntf; ++j) model_cols.push_back({j});
  const std::size_t models = model_cols.size();
  // raw[m][i]: model m's out-of-sample combiner output for row i (folds 2..n).
  std::vector<std::vector<double>> raw(models, std::vector<double>(rows.size(), 0.5));
  for (std::size_t k = 2; k <= folds; ++k) {
    std::vector<std::size_t> train, test;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (row_fold[i] >= 1 && row_fold[i] < k && rows[i].known <= cutoff[k]) train.push_back(i);
      if (row_fold[i] == k) test.push_back(i);
    }
    std::vector<std::uint8_t> y;
    for (std::size_t i : train) y.push_back(ups[i]);
    for (std::size_t m = 0; m < models; ++m) {
      QAT_ASSIGN_OR_RETURN(const LogisticModel lr,
                           FitLogistic(columns_of(model_cols[m], train), model_cols[m].size(), y, config.l2));
      std::vector<double> in(model_cols[m].size());
      for (std::size_t i : test) {
        for (std::size_t c = 0; c < in.size(); ++c) in[c] = x[i * d + model_cols[m][c]];
        raw[m][i] = lr.Predict(in);
      }
    }
  }
  auto first_calibration_fold = [&](std::size_t k) {
    const auto window = static_cast<std::size_t>(std::max(0, config.calibration_folds));
    return window == 0 || k < 2 + window ? std::size_t{2} : k - window;
  };
  // Calibrated probabilities of folds 3..n.
  std::vector<std::vector<double>> prob(models, std::vector<double>(rows.size(), 0.5));
  ConfluenceEvaluation ev;
  ev.folds = config.folds;
  for (std::size_t k = 3; k <= folds; ++k) {
    std::vector<std::size_t> fit;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (row_fold[i] >= first_calibration_fold(k) && row_fold[i] < k && rows[i].known <= cutoff[k]) fit.push_back(i);
    }
    std::vector<std::uint8_t> y;
    for (std::size_t i : fit) y.push_back(ups[i]);
    for (std::size_t m = 0; m < models; ++m) {
      std::vector<double> p;
      for (std::size_t i : fit) p.push_back(raw[m][i]);
      const Calibrator cal = FitCalibrator(p, y, config.isotonic_min_rows);
      if (m == 0) ev.calibrators.push_back(cal.kind);
      for (std::size_t i = 0; i < rows.size(); ++i) {
        if (row_fold[i] == k) prob[m][i] = cal.Apply(raw[m][i]);
      }
    }
    ev.evaluated_folds.push_back(static_cast<int>(k));
  }
  // The evidence rule: fold k uses a model's calibrated probability only if, on the evaluated
  // rows before it (folds 3..k-1, outcome known by its cutoff), that probability beat the
  // base rate's log loss convincingly; otherwise the model abstains and fold k gets the base
  // rate. Fold 3 has no such rows: every model abstains there.
  auto evidence_of = [&](const std::vector<double>& p, const auto& selected) {
    std::vector<double> base_loss, model_loss;
    std::vector<std::int32_t> groups;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (!selected(i)) continue;
      base_loss.push_back(models::BinaryLogLoss(base[i], ups[i] != 0));
      model_loss.push_back(models::BinaryLogLoss(p[i], ups[i] != 0));
      groups.push_back(static_cast<std::int32_t>(rows[i].day));
    }
    return models::TestImprovement(base_loss, model_loss, groups, 2 * config.horizon);
  };
  std::vector<std::vector<double>> gated = prob;
  for (std::size_t k = 3; k <= folds; ++k) {
    for (std::size_t m = 0; m < models; ++m) {
      const auto test = evidence_of(
          prob[m], [&](std::size_t i) { return row_fold[i] >= 3 && row_fold[i] < k && rows[i].known <= cutoff[k]; });
      const bool convincing = models::IsConvincing(test, config.evidence_z);
      if (!convincing) {
        for (std::size_t i = 0; i < rows.size(); ++i) {
          if (row_fold[i] == k) gated[m][i] = base[i];
        }
      }
      if (m == 0) ev.fold_evidence.push_back({static_cast<int>(k), test, convincing});
    }
  }
  for (std::size_t k = 1; k <= folds; ++k) {
    ev.fold_ranges.push_back(fmt::format("{}..{}", FormatDate(days[fold_start[k - 1]]), FormatDate(days[fold_start[k] - 1])));
  }

  // Score the evaluated rows.
  std::vector<std::size_t> eval;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (row_fold[i] >= 3) eval.push_back(i);
  }
  std::vector<Days> eval_days;
  for (std::size_t i : eval) eval_days.push_back(rows[i].day);
  std::sort(eval_days.begin(), eval_days.end());
  eval_days.erase(std::unique(eval_days.begin(), eval_days.end()), eval_days.end());
  std::vector<std::uint32_t> day_index;
  std::vector<std::uint8_t> y_eval;
  std::vector<double> base_eval, plain_eval;
  for (std::size_t i : eval) {
    day_index.push_back(static_cast<std::uint32_t>(
        std::lower_bound(eval_days.begin(), eval_days.end(), rows[i].day) - eval_days.begin()));
    y_eval.push_back(ups[i]);
    base_eval.push_back(base[i]);
    plain_eval.push_back(plain[i]);
  }
  const BlockBootstrap boot =
      MakeBlockBootstrap(eval_days.size(), config.bootstrap_block, config.bootstrap_samples, config.seed);
  auto pick = [&](const std::vector<double>& v) {
    std::vector<double> out;
    for (std::size_t i : eval) out.push_back(v[i]);
    return out;
  };
  ev.rows = eval.size();
  const auto fused = pick(gated[0]);
  ev.fused = ScoreProbabilities(fused, base_eval, y_eval, day_index, boot);
  ev.fused_without_evidence_rule = ScoreProbabilities(pick(prob[0]), base_eval, y_eval, day_index, boot);
  ev.plain_sum = ScoreProbabilities(plain_eval, base_eval, y_eval, day_index, boot);
  ev.fused_vs_plain_sum = Compare(fused, plain_eval, base_eval, y_eval, day_index, boot);
  for (std::size_t j = 0; j < ntf; ++j) {
    const std::string name(TimeframeName(config.timeframes[j]));
    if (with_patterns[name] == 0) continue;
    ev.single_timeframe[name] = ScoreProbabilities(pick(gated[1 + j]), base_eval, y_eval, day_index, boot);
  }
  // The single timeframe with the highest top-decile hit rate among models 1.. of `probs`
  // (timeframes where patterns fired), and its probabilities; "" when none.
  const std::vector<double> ones(eval.size(), 1.0);
  auto best_single_of = [&](const std::vector<std::vector<double>>& probs) {
    std::pair<std::string, std::vector<double>> best;
    double best_hit = -1;
    for (std::size_t j = 0; j < ntf; ++j) {
      const std::string name(TimeframeName(config.timeframes[j]));
      if (with_patterns[name] == 0) continue;
      auto p = pick(probs[1 + j]);
      const double hit = TopDecileHitRate(p, y_eval, ones);
      if (hit > best_hit) {
        best_hit = hit;
        best = {name, std::move(p)};
      }
    }
    return best;
  };
  if (auto [name, best] = best_single_of(gated); !name.empty()) {
    ev.best_single = name;
    ev.fused_vs_best_single = Compare(fused, best, base_eval, y_eval, day_index, boot);
  }
  // The same question without the evidence rule: the calibrated combiners as they are.
  if (auto [name, best] = best_single_of(prob); !name.empty()) {
    ev.best_single_without_evidence_rule = name;
    ev.fused_vs_best_single_without_evidence_rule = Compare(pick(prob[0]), best, base_eval, y_eval, day_index, boot);
  }
  ev.timeframe_rows_with_patterns = with_patterns;
  for (std::size_t i : eval) {
    int bull = 0, bear = 0;
    for (std::size_t j = 0; j < ntf; ++j) {
      bull += x[i * d + j] > 0 ? 1 : 0;
      bear += x[i * d + j] < 0 ? 1 : 0;
    }
    if (bull >= 2) {
      ++ev.agree_bullish_rows;
      ev.agree_bullish_up_rate += ups[i];
    }
    if (bear >= 2) {
      ++ev.agree_bearish_rows;
      ev.agree_bearish_up_rate += ups[i];
    }
  }
  if (ev.agree_bullish_rows > 0) ev.agree_bullish_up_rate /= static_cast<double>(ev.agree_bullish_rows);
  if (ev.agree_bearish_rows > 0) ev.agree_bearish_up_rate /= static_cast<double>(ev.agree_bearish_rows);

  // The final model.
  ConfluenceFit fit;
  ConfluenceModel& model = fit.model;
  model.horizon = config.horizon;
  model.timeframes = config.timeframes;
  model.market = market;
  model.inputs = names;
  for (const auto& f : frames) model.symbols.push_back(f.symbol);
  Timestamp last_known = 0;
  for (const Row& r : rows) last_known = std::max(last_known, r.known);
  model.as_of = last_known;
  QAT_ASSIGN_OR_RETURN(model.evidence, FitEvidence(all_records, last_known, evidence_config));
  const std::vector<std::uint8_t> everything(rows.size(), 1);
  model.context = FitContext(context_values, ups, everything, config.prior_weight);
  model.base_rate = rate_of(everything);
  std::vector<std::size_t> train, calib;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (row_fold[i] >= 1) train.push_back(i);
    if (row_fold[i] >= first_calibration_fold(folds + 1)) calib.push_back(i);
  }
  std::vector<std::uint8_t> y_train, y_calib;
  for (std::size_t i : train) y_train.push_back(ups[i]);
  std::vector<double> p_calib;
  for (std::size_t i : calib) {
    y_calib.push_back(ups[i]);
    p_calib.push_back(raw[0][i]);
  }
  QAT_ASSIGN_OR_RETURN(model.combiner, FitLogistic(columns_of(all_cols, train), d, y_train, config.l2));
  model.calibrator = FitCalibrator(p_calib, y_calib, config.isotonic_min_rows);
  // Deployed only with evidence: the calibrated combiner against the base rate on every
  // evaluated row (folds 3..n).
  model.evidence_test = evidence_of(prob[0], [&](std::size_t i) { return row_fold[i] >= 3; });
  model.evidence_z = config.evidence_z;
  model.abstains = !models::IsConvincing(model.evidence_test, config.evidence_z);
  fit.evaluation = std::move(ev);
  return fit;
}

namespace {
nlohmann::json FoldEvidenceJson(const std::vector<FoldEvidence>& folds) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& f : folds) {
    list.push_back({{"fold", f.fold},
                    {"improvement", f.test.improvement},
                    {"standard_error", std::isfinite(f.test.standard_error) ? nlohmann::json(f.test.standard_error)
                                                                            : nlohmann::json(nullptr)},
                    {"sessions", f.test.groups},
                    {"used", f.convincing}});
  }
  return list;
}
}  // namespace

nlohmann::json ConfluenceEvaluation::ToJson() const {
  nlohmann::json singles = nlohmann::json::object();
  for (const auto& [name, s] : single_timeframe) singles[name] = s.ToJson();
  nlohmann::json j = {{"n", rows},
                      {"folds", folds},
                      {"evaluated_folds", evaluated_folds},
                      {"fold_ranges", fold_ranges},
                      {"calibrators", calibrators},
                      {"fused", fused.ToJson()},
                      {"fused_without_evidence_rule", fused_without_evidence_rule.ToJson()},
                      {"fold_evidence", FoldEvidenceJson(fold_evidence)},
                      {"single_timeframe", std::move(singles)},
                      {"plain_sum", plain_sum.ToJson()},
                      {"best_single_timeframe", best_single.empty() ? nlohmann::json(nullptr) : nlohmann::json(best_single)},
                      {"fused_vs_best_single", fused_vs_best_single ? fused_vs_best_single->ToJson() : nlohmann::json(nullptr)},
                      {"fused_vs_plain_sum", fused_vs_plain_sum ? fused_vs_plain_sum->ToJson() : nlohmann::json(nullptr)},
                      {"best_single_timeframe_without_evidence_rule",
                       best_single_without_evidence_rule.empty() ? nlohmann::json(nullptr)
                                                                 : nlohmann::json(best_single_without_evidence_rule)},
                      {"fused_vs_best_single_without_evidence_rule",
                       fused_vs_best_single_without_evidence_rule ? fused_vs_best_single_without_evidence_rule->ToJson()
                                                                  : nlohmann::json(nullptr)},
                      {"agreement",
                       {{"bullish_2plus_rows", agree_bullish_rows},
                        {"bullish_2plus_up_rate", agree_bullish_up_rate},
                        {"bearish_2plus_rows", agree_bearish_rows},
                        {"bearish_2plus_up_rate", agree_bearish_up_rate}}},
                      {"rows_with_patterns", timeframe_rows_with_patterns}};
  return j;
}

nlohmann::json ConfluenceModel::ToJson() const {
  std::vector<std::string> tfs;
  for (Timeframe tf : timeframes) tfs.emplace_back(TimeframeName(tf));
  return {{"format", "qtrader-confluence-2"},
          {"horizon", horizon},
          {"timeframes", tfs},
          {"market", market},
          {"as_of", as_of},
          {"as_of_text", FormatTimestampNewYork(as_of)},
          {"symbols", symbols},
          {"base_rate", base_rate},
          {"inputs", inputs},
          {"combiner", {{"intercept", combiner.intercept}, {"weights", combiner.weights}}},
          {"calibrator", calibrator.ToJson()},
          {"evidence",
           {{"improvement", evidence_test.improvement},
            {"standard_error", std::isfinite(evidence_test.standard_error) ? nlohmann::json(evidence_test.standard_error)
                                                                           : nlohmann::json(nullptr)},
            {"sessions", evidence_test.groups},
            {"z", evidence_z},
            {"abstains", abstains}}},
          {"context", context.ToJson()},
          {"tables", evidence.ToJson()}};
}

Result<ConfluenceModel> ConfluenceModel::FromJson(const nlohmann::json& j, std::string_view source) {
  ConfluenceModel m;
  try {
    if (j.at("format").get<std::string>() != "qtrader-confluence-2") {
      return Fail(ErrorCode::kCorrupt, "{}: not a qtrader confluence model (format {})", source,
                  j.at("format").dump());
    }
    m.horizon = j.at("horizon").get<int>();
    Result<void> error;
    m.timeframes = TimeframesFromNames(j.at("timeframes").get<std::vector<std::string>>(), error);
    if (!error.ok()) return Fail(ErrorCode::kCorrupt, "{}: {}", source, error.error().message);
    m.market = j.at("market").get<std::string>();
    m.as_of = j.at("as_of").get<Timestamp>();
    m.symbols = j.at("symbols").get<std::vector<std::string>>();
    m.base_rate = j.at("base_rate").get<double>();
    m.inputs = j.at("inputs").get<std::vector<std::string>>();
    m.combiner.intercept = j.at("combiner").at("intercept").get<double>();
    m.combiner.weights = j.at("combiner").at("weights").get<std::vector<double>>();
    QAT_ASSIGN_OR_RETURN(m.calibrator, Calibrator::FromJson(j.at("calibrator"), source));
    QAT_ASSIGN_OR_RETURN(m.context, ContextTable::FromJson(j.at("context"), source));
    QAT_ASSIGN_OR_RETURN(m.evidence, EvidenceTable::FromJson(j.at("tables"), source));
    const auto& e = j.at("evidence");
    m.evidence_test.improvement = e.at("improvement").get<double>();
    m.evidence_test.standard_error = e.at("standard_error").is_null() ? std::numeric_limits<double>::infinity()
                                                                      : e.at("standard_error").get<double>();
    m.evidence_test.groups = e.at("sessions").get<std::size_t>();
    m.evidence_z = e.at("z").get<double>();
    m.abstains = e.at("abstains").get<bool>();
  } catch (const nlohmann::json::exception& e) {
    return Fail(ErrorCode::kCorrupt, "{}: malformed confluence model: {}", source, e.what());
  }
  if (m.inputs != InputNames(m.timeframes) || m.combiner.weights.size() != m.inputs.size()) {
    return Fail(ErrorCode::kCorrupt, "{}: the combiner's {} weights do not match its inputs for timeframes", source,
                m.combiner.weights.size());
  }
  return m;
}

}  // namespace qat::signals
