#include "qat/core/time.h"

#include <gtest/gtest.h>

namespace qat {
namespace {

TEST(Time, CivilRoundTripAcrossCenturies) {
  for (Days d = -200000; d < 200000; d += 37) {
    CivilDate c = CivilFromDays(d);
    EXPECT_EQ(DaysFromCivil(c), d);
  }
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil({2000, 3, 1}), 11017);
}

TEST(Time, WeekdayOfKnownDates) {
  EXPECT_EQ(Weekday(0), 4);                               // 1970-01-01 was a Thursday
  EXPECT_EQ(Weekday(DaysFromCivil({2024, 3, 22})), 5);    // a Friday
}

TEST(Time, ParseDateRejectsImpossibleDates) {
  EXPECT_TRUE(ParseDate("2024-02-29").ok());
  EXPECT_FALSE(ParseDate("2023-02-29").ok());
  EXPECT_FALSE(ParseDate("2023-13-01").ok());
  EXPECT_FALSE(ParseDate("2023-1-01").ok());
  EXPECT_FALSE(ParseDate("").ok());
  EXPECT_EQ(FormatDate(*ParseDate("1993-01-29")), "1993-01-29");
}

TEST(Time, ParseTimestampWithOffsets) {
  auto t = ParseTimestamp("2025-05-19T04:00:00-04:00");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatTimestampUtc(*t), "2025-05-19T08:00:00Z");
  EXPECT_EQ(FormatTimestampNewYork(*t), "2025-05-19T04:00:00-04:00");
  auto winter = ParseTimestamp("2020-01-02T09:30:00-05:00");
  ASSERT_TRUE(winter.ok());
  EXPECT_EQ(FormatTimestampNewYork(*winter), "2020-01-02T09:30:00-05:00");
  EXPECT_EQ(*ParseTimestamp("2020-01-02T14:30:00Z"), *winter);
  EXPECT_FALSE(ParseTimestamp("2020-01-02T25:00:00Z").ok());
  EXPECT_FALSE(ParseTimestamp("2020-01-02T10:00:00+0500").ok());
}

TEST(Time, NewYorkSessionCloseFollowsDaylightSaving) {
  EXPECT_EQ(FormatTimestampUtc(SessionClose(*ParseDate("2024-01-05"))), "2024-01-05T21:00:00Z");
  EXPECT_EQ(FormatTimestampUtc(SessionClose(*ParseDate("2024-07-05"))), "2024-07-05T20:00:00Z");
  // The day DST starts (2024-03-10) and the day after.
  EXPECT_EQ(FormatTimestampUtc(SessionClose(*ParseDate("2024-03-11"))), "2024-03-11T20:00:00Z");
  EXPECT_EQ(NewYorkDay(*ParseTimestamp("2024-03-11T03:59:00Z")), *ParseDate("2024-03-10"));
}

}  // namespace
}  // namespace qat
