// The US equity exchange calendar (NYSE rules; Nasdaq closes on the same days, except on
// 1985-09-27, when Nasdaq traded for two hours while the NYSE was closed for Hurricane Gloria).
//
// A day is a session unless it is a Saturday or Sunday, a holiday, or a special closure.
// Holidays, with the dates the exchange observes:
//   New Year's Day       Jan 1; on a Sunday the Monday after; on a Saturday NOT observed (the
//                        exchange stays open on Friday Dec 31 because it ends the accounting year)
//   Martin Luther King   third Monday of January, from 1998
//   Washington/Presidents third Monday of February
//   Good Friday          the Friday before Western (Gregorian) Easter
//   Memorial Day         last Monday of May
//   Juneteenth           Jun 19, from 2022; Saturday -> Friday before, Sunday -> Monday after
//   Independence Day     Jul 4; Saturday -> Friday before, Sunday -> Monday after
//   Labor Day            first Monday of September
//   Thanksgiving         fourth Thursday of November
//   Christmas            Dec 25; Saturday -> Friday before, Sunday -> Monday after
// Special closures (unscheduled; a fixed list, see SpecialClosures()): presidential election
// day 1980-11-04, Hurricane Gloria 1985-09-27, Nixon's funeral 1994-04-27, 2001-09-11..14,
// Reagan 2004-06-11, Ford 2007-01-02, Hurricane Sandy 2012-10-29/30, G.H.W. Bush 2018-12-05,
// Carter 2025-01-09.
//
// Early closes at 13:00 New York (from 2010, where the rule has held every year): the day
// after Thanksgiving, Dec 24 when it falls Monday..Thursday, and Jul 3 when it falls
// Monday..Thursday. Earlier years had irregular early closes that are not listed: before
// 2010 every session is reported as closing at 16:00.
//
// Coverage: the rules above describe 1980-01-01 onwards (kFirstCoveredDay). Before that the
// exchange had more closures (election days, the 1968 paperwork crisis, ...) that are not
// encoded; CheckCovered() names such dates as an error.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "qat/core/result.h"
#include "qat/core/time.h"

namespace qat::data {

// 1980-01-01: the first day the rules above describe completely.
inline constexpr Days kFirstCoveredDay = 3652;

// Regular session: 09:30-16:00 New York (seconds after local midnight).
inline constexpr int kSessionOpenSeconds = 9 * 3600 + 30 * 60;
inline constexpr int kSessionCloseSeconds = 16 * 3600;
inline constexpr int kEarlyCloseSeconds = 13 * 3600;

struct Closure {
  Days day;
  std::string_view reason;
};

// True when the exchange trades on `day` (a regular or early-close session).
bool IsSession(Days day);
// Why the exchange is closed on `day`: "Saturday", "Sunday", a holiday's name ("Good Friday",
// "Christmas (observed)") or a special closure's reason; empty for a session.
std::string ClosedReason(Days day);
// True for a 13:00 early close (see the header comment for the rule and its years).
bool IsEarlyClose(Days day);
// Local close of the session on `day` in seconds after midnight: 16:00, or 13:00 on an early
// close. Meaningless for a non-session day.
int SessionCloseSeconds(Days day);
// Instants of the regular session's open and close on a session day.
Timestamp SessionOpenTime(Days day);
Timestamp SessionCloseTime(Days day);

// Holidays observed in `year` (weekday dates only), ascending, with their names.
std::vector<Closure> Holidays(int year);
// The fixed list of unscheduled closures (see the header comment), ascending.
const std::vector<Closure>& SpecialClosures();

// Sessions in [from, to], ascending (empty if from > to).
std::vector<Days> Sessions(Days from, Days to);
// The first session strictly after / before `day`.
Days NextSession(Days day);
Days PreviousSession(Days day);

// Fails, naming the date, when `day` is before kFirstCoveredDay.
Status CheckCovered(Days day);

}  // namespace qat::data
