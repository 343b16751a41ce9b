// Time: instants are whole seconds since the Unix epoch (UTC); calendar dates are days since
// 1970-01-01. Exchange times are US equity sessions in America/New_York.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "qat/core/result.h"

namespace qat {

using Timestamp = std::int64_t;  // seconds since 1970-01-01T00:00:00Z
using Days = std::int32_t;       // days since 1970-01-01

inline constexpr Timestamp kSecondsPerDay = 86400;

struct CivilDate {
  int year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

// Proleptic Gregorian conversions (exact for every date).
Days DaysFromCivil(CivilDate date);
CivilDate CivilFromDays(Days days);
// 0 = Sunday ... 6 = Saturday.
int Weekday(Days days);

// Parses "YYYY-MM-DD"; fails on anything else or an impossible date (2023-02-30).
Result<Days> ParseDate(std::string_view text);
std::string FormatDate(Days days);

// Parses ISO 8601 "YYYY-MM-DDTHH:MM:SS" followed by "Z" or "+HH:MM"/"-HH:MM" (a space may
// stand for the T). A bare date "YYYY-MM-DD" is taken as midnight UTC.
Result<Timestamp> ParseTimestamp(std::string_view text);
// "YYYY-MM-DDTHH:MM:SS±HH:MM" in America/New_York local time (the exchange's clock).
std::string FormatTimestampNewYork(Timestamp t);
// "YYYY-MM-DDTHH:MM:SSZ".
std::string FormatTimestampUtc(Timestamp t);

// Offset of America/New_York from UTC at instant t, in seconds (-18000 or -14400).
int NewYorkUtcOffset(Timestamp t);
// The instant of New York wall-clock time `seconds_after_midnight` on `day`.
Timestamp NewYorkTime(Days day, int seconds_after_midnight);
// The calendar day in New York at instant t.
Days NewYorkDay(Timestamp t);

// 16:00 New York on `day`: when a US daily bar becomes final.
Timestamp SessionClose(Days day);

}  // namespace qat
