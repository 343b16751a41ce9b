#include "qat/ta/candle.h"

namespace qat::ta {

const CandleSettings& DefaultCandleSettings() {
  static const CandleSettings kDefaults{{{
      {RangeType::kRealBody, 10, 1.0},   // BodyLong
      {RangeType::kRealBody, 10, 3.0},   // BodyVeryLong
      {RangeType::kRealBody, 10, 1.0},   // BodyShort
      {RangeType::kHighLow, 10, 0.1},    // BodyDoji
      {RangeType::kRealBody, 0, 1.0},    // ShadowLong
      {RangeType::kRealBody, 0, 2.0},    // ShadowVeryLong
      {RangeType::kShadows, 10, 1.0},    // ShadowShort
      {RangeType::kHighLow, 10, 0.1},    // ShadowVeryShort
      {RangeType::kHighLow, 5, 0.2},     // Near
      {RangeType::kHighLow, 5, 0.6},     // Far
      {RangeType::kHighLow, 5, 0.05},    // Equal
  }}};
  return kDefaults;
}

}  // namespace qat::ta
