// The price basis of stored bars: what a source's prices mean.
//
//   raw             as traded that day: no adjustment for later splits or dividends
//                   (Yahoo's answer un-adjusted by the splits it lists, Alpha Vantage daily).
//   split           open/high/low/close/volume adjusted for every split up to the segment's
//                   `adjusted_through` day; adj_close, where the source gives one, also for
//                   dividends (a Yahoo CSV download, Finnhub candles).
//   split-dividend  open/high/low/close adjusted for splits and dividends up to
//                   `adjusted_through` (Stooq, yfinance auto_adjust); adj_close equals close.
//
// Bars of one series may come from several sources and bases; each stored bar carries its
// basis, source and adjusted_through (a run of equal ones is a segment, data/adjust.h).
#pragma once

#include <string_view>

#include "qat/core/result.h"

namespace qat::data {

enum class PriceBasis { kRaw, kSplit, kSplitDividend };

std::string_view PriceBasisName(PriceBasis basis);  // "raw" | "split" | "split-dividend"
Result<PriceBasis> ParsePriceBasis(std::string_view text);

}  // namespace qat::data
