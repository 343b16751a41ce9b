#include "qat/data/interval.h"

#include "qat/core/strings.h"

namespace qat::data {

Result<Interval> ParseInterval(std::string_view text) {
  if (text == "1m") return Interval::k1m;
  if (text == "5m") return Interval::k5m;
  if (text == "15m") return Interval::k15m;
  if (text == "30m") return Interval::k30m;
  if (text == "1h" || text == "60m") return Interval::k1h;
  if (text == "4h") return Interval::k4h;
  if (text == "1d") return Interval::k1d;
  if (text == "1wk") return Interval::k1wk;
  return Fail("unknown interval {} (expected 1m, 5m, 15m, 30m, 1h, 4h, 1d or 1wk)", Excerpt(text));
}

std::string_view IntervalName(Interval interval) {
  switch (interval) {
    case Interval::k1m: return "1m";
    case Interval::k5m: return "5m";
    case Interval::k15m: return "15m";
    case Interval::k30m: return "30m";
    case Interval::k1h: return "1h";
    case Interval::k4h: return "4h";
    case Interval::k1d: return "1d";
    case Interval::k1wk: return "1wk";
  }
  return "?";
}

Timestamp IntervalSeconds(Interval interval) {
  switch (interval) {
    case Interval::k1m: return 60;
    case Interval::k5m: return 300;
    case Interval::k15m: return 900;
    case Interval::k30m: return 1800;
    case Interval::k1h: return 3600;
    case Interval::k4h: return 14400;
    case Interval::k1d: return kSecondsPerDay;
    case Interval::k1wk: return 7 * kSecondsPerDay;
  }
  return 0;
}

bool IsIntraday(Interval interval) {
  return interval != Interval::k1d && interval != Interval::k1wk;
}

}  // namespace qat::data
