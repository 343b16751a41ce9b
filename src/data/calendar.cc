#include "qat/data/calendar.h"

#include <algorithm>
#include <array>

namespace qat::data {
namespace {

constexpr int kSaturday = 6;
constexpr int kSunday = 0;

Days Date(int year, unsigned month, unsigned day) { return DaysFromCivil({year, month, day}); }

// The n-th (1-based) `weekday` of a month.
Days NthWeekday(int year, unsigned month, int weekday, int n) {
  Days first = Date(year, month, 1);
  int shift = (weekday - Weekday(first) + 7) % 7;
  return first + shift + 7 * (n - 1);
}

Days LastWeekday(int year, unsigned month, int weekday) {
  Days next_first = month == 12 ? Date(year + 1, 1, 1) : Date(year, month + 1, 1);
  Days last = next_first - 1;
  return last - (Weekday(last) - weekday + 7) % 7;
}

// Gregorian Easter Sunday (the anonymous "Computus" published in Nature, 1876).
Days EasterSunday(int year) {
  int a = year % 19, b = year / 100, c = year % 100;
  int d = b / 4, e = b % 4;
  int f = (b + 8) / 25;
  int g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = (h + l - 7 * m + 114) % 31 + 1;
  return Date(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

// A fixed-date holiday moved off a weekend: Saturday -> Friday, Sunday -> Monday.
void AddObserved(std::vector<Closure>& out, Days day, std::string_view name,
                 std::string_view observed_name) {
  int wd = Weekday(day);
  if (wd == kSaturday) {
    out.push_back({day - 1, observed_name});
  } else if (wd == kSunday) {
    out.push_back({day + 1, observed_name});
  } else {
    out.push_back({day, name});
  }
}

const std::vector<Closure>& HolidaysCached(int year) {
  // Years 1900..2199 are cached; others are computed on each call into a thread-local slot.
  constexpr int kFirst = 1900, kCount = 300;
  static const auto* table = [] {
    auto* t = new std::array<std::vector<Closure>, kCount>();
    for (int i = 0; i < kCount; ++i) (*t)[i] = Holidays(kFirst + i);
    return t;
  }();
  if (year >= kFirst && year < kFirst + kCount) return (*table)[year - kFirst];
  thread_local std::vector<Closure> other;
  other = Holidays(year);
  return other;
}

const Closure* FindClosure(Days day) {
  const CivilDate civil = CivilFromDays(day);
  for (const Closure& c : HolidaysCached(civil.year)) {
    if (c.day == day) return &c;
  }
  // New Year's Day observed on Monday Jan 2 belongs to its own year; nothing crosses years
  // because a Saturday Jan 1 is not observed.
  const auto& special = SpecialClosures();
  auto it = std::lower_bound(special.begin(), special.end(), day,
                             [](const Closure& c, Days d) { return c.day < d; });
  if (it != special.end() && it->day == day) return &*it;
  return nullptr;
}

}  // namespace

std::vector<Closure> Holidays(int year) {
  std::vector<Closure> out;
  constexpr int kMonday = 1, kThursday = 4;
  // New Year's Day: Sunday -> Monday; Saturday -> not observed.
  Days new_year = Date(year, 1, 1);
  if (Weekday(new_year) == kSunday) {
    out.push_back({new_year + 1, "New Year's Day (observed)"});
  } else if (Weekday(new_year) != kSaturday) {
    out.push_back({new_year, "New Year's Day"});
  }
  if (year >= 1998) out.push_back({NthWeekday(year, 1, kMonday, 3), "Martin Luther King Jr. Day"});
  out.push_back({NthWeekday(year, 2, kMonday, 3), "Washington's Birthday"});
  out.push_back({EasterSunday(year) - 2, "Good Friday"});
  out.push_back({LastWeekday(year, 5, kMonday), "Memorial Day"});
  if (year >= 2022) {
    AddObserved(out, Date(year, 6, 19), "Juneteenth", "Juneteenth (observed)");
  }
  AddObserved(out, Date(year, 7, 4), "Independence Day", "Independence Day (observed)");
  out.push_back({NthWeekday(year, 9, kMonday, 1), "Labor Day"});
  out.push_back({NthWeekday(year, 11, kThursday, 4), "Thanksgiving"});
  AddObserved(out, Date(year, 12, 25), "Christmas", "Christmas (observed)");
  std::sort(out.begin(), out.end(), [](const Closure& a, const Closure& b) { return a.day < b.day; });
  return out;
}

const std::vector<Closure>& SpecialClosures() {
  static const std::vector<Closure> list = [] {
    std::vector<Closure> v = {
        {Date(1980, 11, 4), "presidential election day"},
        {Date(1985, 9, 27), "Hurricane Gloria"},
        {Date(1994, 4, 27), "national day of mourning (Richard Nixon)"},
        {Date(2001, 9, 11), "September 11 attacks"},
        {Date(2001, 9, 12), "September 11 attacks"},
        {Date(2001, 9, 13), "September 11 attacks"},
        {Date(2001, 9, 14), "September 11 attacks"},
        {Date(2004, 6, 11), "national day of mourning (Ronald Reagan)"},
        {Date(2007, 1, 2), "national day of mourning (Gerald Ford)"},
        {Date(2012, 10, 29), "Hurricane Sandy"},
        {Date(2012, 10, 30), "Hurricane Sandy"},
        {Date(2018, 12, 5), "national day of mourning (George H. W. Bush)"},
        {Date(2025, 1, 9), "national day of mourning (Jimmy Carter)"},
    };
    std::sort(v.begin(), v.end(), [](const Closure& a, const Closure& b) { return a.day < b.day; });
    return v;
  }();
  return list;
}

std::string ClosedReason(Days day) {
  int wd = Weekday(day);
  if (wd == kSaturday) return "Saturday";
  if (wd == kSunday) return "Sunday";
  if (const Closure* c = FindClosure(day)) return std::string(c->reason);
  return {};
}

bool IsSession(Days day) {
  int wd = Weekday(day);
  if (wd == kSaturday || wd == kSunday) return false;
  return FindClosure(day) == nullptr;
}

bool IsEarlyClose(Days day) {
  if (!IsSession(day)) return false;
  const CivilDate c = CivilFromDays(day);
  if (c.year < 2010) return false;
  int wd = Weekday(day);
  if (c.month == 11 && wd == 5 && IsSession(day) &&
      day - 1 == NthWeekday(c.year, 11, 4, 4)) {
    return true;  // the day after Thanksgiving
  }
  bool monday_to_thursday = wd >= 1 && wd <= 4;
  if (c.month == 12 && c.day == 24 && monday_to_thursday) return true;
  if (c.month == 7 && c.day == 3 && monday_to_thursday) return true;
  return false;
}

int SessionCloseSeconds(Days day) {
  return IsEarlyClose(day) ? kEarlyCloseSeconds : kSessionCloseSeconds;
}

Timestamp SessionOpenTime(Days day) { return NewYorkTime(day, kSessionOpenSeconds); }
Timestamp SessionCloseTime(Days day) { return NewYorkTime(day, SessionCloseSeconds(day)); }

std::vector<Days> Sessions(Days from, Days to) {
  std::vector<Days> out;
  if (from > to) return out;
  out.reserve(static_cast<std::size_t>(to - from + 1) * 5 / 7 + 2);
  for (Days d = from; d <= to; ++d) {
    if (IsSession(d)) out.push_back(d);
  }
  return out;
}

Days NextSession(Days day) {
  do {
    ++day;
  } while (!IsSession(day));
  return day;
}

Days PreviousSession(Days day) {
  do {
    --day;
  } while (!IsSession(day));
  return day;
}

Status CheckCovered(Days day) {
  if (day < kFirstCoveredDay) {
    return Fail("{}: before {}, the first date the exchange calendar covers (earlier "
                "closures are not encoded)",
                FormatDate(day), FormatDate(kFirstCoveredDay));
  }
  return Ok();
}

}  // namespace qat::data
