#include "qat/signals/gates.h"

#include <cmath>
#include <limits>

#include <fmt/format.h>


namespace qat::signals {
namespace {

// Four significant digits (0.3491, 70, 1.5e+06 as 1500000): readable in a reason.
std::string Number(double value) {
  return std::abs(value) < 1e4 ? fmt::format("{:.4g}", value) : fmt::format("{:.0f}", value);
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool Holds(double value, Comparison comparison, double threshold) {
  switch (comparison) {
    case Comparison::kAbove: return value > threshold;
    case Comparison::kAtLeast: return value >= threshold;
    case Comparison::kAtMost: return value <= threshold;
    case Comparison::kBelow: return value < threshold;
    case Comparison::kNotEqual: return value != threshold;
  }
  return false;
}

}  // namespace

std::string_view ComparisonSymbol(Comparison comparison) {
  switch (comparison) {
    case Comparison::kAbove: return ">";
    case Comparison::kAtLeast: return ">=";
    case Comparison::kAtMost: return "<=";
    case Comparison::kBelow: return "<";
    case Comparison::kNotEqual: return "!=";
  }
  return "?";
}

std::string_view DirectionName(Direction direction) {
  switch (direction) {
    case Direction::kBullish: return "BULLISH";
    case Direction::kBearish: return "BEARISH";
    case Direction::kNeutral: return "NEUTRAL";
  }
  return "?";
}

nlohmann::json Gate::ToJson() const {
  return {{"name", name},
          {"value", std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr)},
          {"threshold", threshold},
          {"comparison", ComparisonSymbol(comparison)},
          {"passed", passed},
          {"reason", reason}};
}

Gate EvaluateGate(std::string_view name, double value, Comparison comparison, double threshold) {
  Gate gate{std::string(name), value, threshold, comparison, false, ""};
  if (!std::isfinite(value)) {
    gate.reason = fmt::format("{} is missing ({})", name, std::isnan(value) ? "NaN" : "inf");
  } else if (Holds(value, comparison, threshold)) {
    gate.passed = true;
  } else {
    gate.reason = fmt::format("{} {} is not {} {}", name, Number(value), ComparisonSymbol(comparison),
                              Number(threshold));
  }
  return gate;
}

Gate PatternWinRateGate(double win_rate, const GateConfig& config) {
  return EvaluateGate("pattern_win_rate", win_rate, Comparison::kAbove, config.min_win_rate);
}

Gate PatternQValueGate(double q_value, const GateConfig& config) {
  return EvaluateGate("pattern_q_value", q_value, Comparison::kAtMost, config.max_q_value);
}

Gate TimeframeAgreementGate(int agreeing, const GateConfig& config) {
  return EvaluateGate("timeframes_agree", agreeing, Comparison::kAtLeast, config.min_agreeing_timeframes);
}

Gate ProbUpGate(double prob_up, Side side, const GateConfig& config) {
  if (side == Side::kLong) return EvaluateGate("prob_up", prob_up, Comparison::kAbove, config.min_prob_up);
  return EvaluateGate("prob_up", prob_up, Comparison::kBelow, 1.0 - config.min_prob_up);
}

Gate RsiGate(double rsi, Side side, const GateConfig& config) {
  if (side == Side::kLong) return EvaluateGate("rsi_14", rsi, Comparison::kAtMost, config.max_rsi_long);
  return EvaluateGate("rsi_14", rsi, Comparison::kAtLeast, config.min_rsi_short);
}

Gate VolumeRatioGate(double volume_ratio, const GateConfig& config) {
  return EvaluateGate("volume_ratio_20", volume_ratio, Comparison::kAtLeast, config.min_volume_ratio);
}

Gate TrendRegimeGate(features::TrendRegime regime, Side side, const GateConfig& config) {
  const double code = features::TrendRegimeCode(regime);
  Gate gate = side == Side::kLong
                  ? EvaluateGate("trend_regime", code, Comparison::kAtLeast, config.min_trend_long)
                  : EvaluateGate("trend_regime", code, Comparison::kAtMost, config.max_trend_short);
  if (regime == features::TrendRegime::kUnknown) {
    gate.reason = "trend_regime is UNKNOWN (fewer than 200 bars)";
  } else if (!gate.passed) {
    gate.reason = fmt::format("trend_regime {} ({}) is not {} {}", features::TrendRegimeName(regime),
                              Number(code), ComparisonSymbol(gate.comparison), Number(gate.threshold));
  }
  return gate;
}

Gate DirectionGate(Direction direction, bool allow_short) {
  const double code = direction == Direction::kBullish ? 1 : direction == Direction::kBearish ? -1 : 0;
  Gate gate = allow_short ? EvaluateGate("direction", code, Comparison::kNotEqual, 0)
                          : EvaluateGate("direction", code, Comparison::kAtLeast, 1);
  if (direction == Direction::kNeutral) {
    gate.reason = "NEUTRAL: no direction";
  } else if (!gate.passed) {
    gate.reason = "BEARISH and shorting is disabled";
  }
  return gate;
}

Gate PriceGate(double price, const GateConfig& config) {
  return EvaluateGate("price", price, Comparison::kAtLeast, config.min_price);
}

Gate AverageVolumeGate(double average_volume, const GateConfig& config) {
  return EvaluateGate(fmt::format("average_volume_{}", config.average_volume_sessions), average_volume,
                      Comparison::kAtLeast, config.min_average_volume);
}

Result<std::vector<Gate>> UniverseGates(const data::BarSeries& daily, std::size_t index, const GateConfig& config) {
  if (daily.interval != data::Interval::k1d) {
    return Fail(ErrorCode::kInvalidInput, "{}: the universe filter reads daily bars, not {} bars", daily.symbol,
                data::IntervalName(daily.interval));
  }
  if (index >= daily.size()) {
    return Fail(ErrorCode::kInvalidInput, "{}: bar {} is past the series' end ({} bars)", daily.symbol, index,
                daily.size());
  }
  const int n = config.average_volume_sessions;
  if (n < 1) {
    return Fail(ErrorCode::kInvalidInput, "average_volume_sessions {} is not >= 1", n);
  }
  std::vector<Gate> gates;
  gates.push_back(PriceGate(daily.close[index], config));
  const std::size_t sessions = static_cast<std::size_t>(n);
  const std::string date = FormatDate(daily.DayAt(index));
  std::string why;
  double average = kNaN;
  if (index + 1 < sessions) {
    why = fmt::format("only {} sessions up to {}, {} needed", index + 1, date, n);
  } else {
    double sum = 0;
    for (std::size_t i = index + 1 - sessions; i <= index; ++i) {
      if (!std::isfinite(daily.volume[i])) {
        why = fmt::format("volume of {} is missing", FormatDate(daily.DayAt(i)));
        break;
      }
      sum += daily.volume[i];
    }
    if (why.empty()) average = sum / static_cast<double>(sessions);
  }
  Gate volume = AverageVolumeGate(average, config);
  if (!why.empty()) volume.reason = fmt::format("{} is missing: {}", volume.name, why);
  gates.push_back(std::move(volume));
  return gates;
}

const Gate* FirstFailed(std::span<const Gate> gates) {
  for (const Gate& gate : gates) {
    if (!gate.passed) return &gate;
  }
  return nullptr;
}

}  // namespace qat::signals
