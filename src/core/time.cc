#include "qat/core/time.h"

#include <charconv>

#include <date/tz.h>
#include <fmt/format.h>

#include "qat/core/strings.h"

namespace qat {
namespace {

const date::time_zone* NewYorkZone() {
  static const date::time_zone* zone = date::locate_zone("America/New_York");
  return zone;
}

// Reads exactly `width` digits at text[pos]; nullopt-like -1 on failure.
int ReadDigits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

unsigned DaysInMonth(int year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29u : kDays[month - 1];
}

}  // namespace

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
Days DaysFromCivil(CivilDate d) {
  int y = d.year - (d.month <= 2 ? 1 : 0);
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = static_cast<unsigned>(y - era * 400);
  unsigned mp = d.month > 2 ? d.month - 3 : d.month + 9;
  unsigned doy = (153 * mp + 2) / 5 + d.day - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<Days>(era * 146097 + static_cast<int>(doe) - 719468);
}

CivilDate CivilFromDays(Days days) {
  int z = days + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{y + (m <= 2 ? 1 : 0), m, d};
}

int Weekday(Days days) { return static_cast<int>(((days % 7) + 11) % 7); }

Result<Days> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return Fail("{} is not a date (expected YYYY-MM-DD)", Excerpt(text));
  }
  int y = ReadDigits(text, 0, 4), m = ReadDigits(text, 5, 2), d = ReadDigits(text, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 ||
      static_cast<unsigned>(d) > DaysInMonth(y, static_cast<unsigned>(m))) {
    return Fail("{} is not a valid date", Excerpt(text));
  }
  return DaysFromCivil({y, static_cast<unsigned>(m), static_cast<unsigned>(d)});
}

std::string FormatDate(Days days) {
  CivilDate c = CivilFromDays(days);
  return fmt::format("{:04d}-{:02d}-{:02d}", c.year, c.month, c.day);
}

Result<Timestamp> ParseTimestamp(std::string_view text) {
  auto date = ParseDate(text.substr(0, std::min<std::size_t>(10, text.size())));
  if (!date.ok()) return Fail("{} is not an ISO 8601 timestamp", Excerpt(text));
  if (text.size() == 10) return Timestamp{*date} * kSecondsPerDay;
  auto bad = [&] {
    return Fail("{} is not an ISO 8601 timestamp (expected YYYY-MM-DDTHH:MM:SS+HH:MM)", Excerpt(text));
  };
  if (text.size() < 19 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' ||
      text[16] != ':') {
    return bad();
  }
  int hh = ReadDigits(text, 11, 2), mm = ReadDigits(text, 14, 2), ss = ReadDigits(text, 17, 2);
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return bad();
  std::string_view zone = text.substr(19);
  int offset = 0;
  if (zone == "Z" || zone == "+00:00") {
    offset = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int oh = ReadDigits(zone, 1, 2), om = ReadDigits(zone, 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return bad();
    offset = (oh * 3600 + om * 60) * (zone[0] == '-' ? -1 : 1);
  } else {
    return bad();
  }
  return Timestamp{*date} * kSecondsPerDay + hh * 3600 + mm * 60 + ss - offset;
}

int NewYorkUtcOffset(Timestamp t) {
  auto info = NewYorkZone()->get_info(date::sys_seconds{std::chrono::seconds{t}});
  return static_cast<int>(info.offset.count());
}

Timestamp NewYorkTime(Days day, int seconds_after_midnight) {
  Timestamp local = Timestamp{day} * kSecondsPerDay + seconds_after_midnight;
  // The offset at (local - offset) equals the offset at the instant, except in the hour of a
  // DST change; one refinement settles it.
  int offset = NewYorkUtcOffset(local + 5 * 3600);
  offset = NewYorkUtcOffset(local - offset);
  return local - offset;
}

Days NewYorkDay(Timestamp t) {
  Timestamp local = t + NewYorkUtcOffset(t);
  return static_cast<Days>(local >= 0 ? local / kSecondsPerDay
                                      : (local - kSecondsPerDay + 1) / kSecondsPerDay);
}

std::string FormatTimestampNewYork(Timestamp t) {
  int offset = NewYorkUtcOffset(t);
  Timestamp local = t + offset;
  Days day = static_cast<Days>((local >= 0 ? local : local - kSecondsPerDay + 1) / kSecondsPerDay);
  Timestamp sod = local - Timestamp{day} * kSecondsPerDay;
  int abs_offset = offset < 0 ? -offset : offset;
  return fmt::format("{}T{:02d}:{:02d}:{:02d}{}{:02d}:{:02d}", FormatDate(day), sod / 3600,
                     (sod / 60) % 60, sod % 60, offset < 0 ? '-' : '+', abs_offset / 3600,
                     (abs_offset / 60) % 60);
}

std::string FormatTimestampUtc(Timestamp t) {
  Days day = static_cast<Days>((t >= 0 ? t : t - kSecondsPerDay + 1) / kSecondsPerDay);
  Timestamp sod = t - Timestamp{day} * kSecondsPerDay;
  return fmt::format("{}T{:02d}:{:02d}:{:02d}Z", FormatDate(day), sod / 3600, (sod / 60) % 60,
                     sod % 60);
}

Timestamp SessionClose(Days day) { return NewYorkTime(day, 16 * 3600); }

}  // namespace qat
