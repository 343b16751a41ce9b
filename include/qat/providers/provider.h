// Market-data providers: Yahoo Finance chart v8, Stooq daily CSV, Alpha Vantage time
// series, Finnhub stock candles. Each turns one HTTP response into validated bars plus the
// corporate actions it reported. See docs/providers.md.
//
// Bars leave a provider RAW: prices as traded that day. Yahoo reports split-adjusted
// prices together with the splits inside the requested range; the Yahoo provider always asks
// up to now, so every split Yahoo applied is in the response and is undone (prices times the
// ratio of later splits, volume divided by it). Alpha Vantage TIME_SERIES_DAILY is raw
// already; Stooq is adjusted by Stooq for splits and dividends and reports no actions
// (stored as given, documented); Finnhub candles are stored as given.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "qat/core/clock.h"
#include "qat/core/result.h"
#include "qat/data/bar_series.h"
#include "qat/providers/http.h"
#include "qat/data/corporate_action.h"

namespace qat::providers {

struct FetchRequest {
  std::string symbol;  // upper case, as stored (SPY, ^VIX, BTC-USD)
  data::Interval interval = data::Interval::k1d;
  Timestamp from = 0;  // first bar start wanted, inclusive
  Timestamp to = 0;    // last bar start wanted, inclusive
};

struct FetchResult {
  data::BarSeries bars;  // validated, ascending, inside [from, to]; may be empty
  std::vector<data::CorporateAction> actions;
  std::vector<std::string> notes;  // rows left out and why, repaired rows
  std::string url;                 // the request, redacted
};

// Shared by the providers: what each needs besides the request.
struct ProviderContext {
  HttpClient* http = nullptr;
  const Clock* clock = nullptr;
  Sleeper* sleeper = nullptr;     // for the rate limiter; the client's own if null
  std::string base_url;           // override: --base-url, else QTRADER_<NAME>_BASE_URL
  bool repair_ohlc = false;       // widen high/low instead of failing (each repair noted)
};

class Provider {
 public:
  virtual ~Provider() = default;
  virtual std::string_view name() const = 0;
  // Fails with a message naming the provider, the symbol and the cause (HTTP status,
  // provider's own error text, bad row), never the API key.
  virtual Result<FetchResult> Fetch(const FetchRequest& request) = 0;
};

// "yahoo", "stooq", "alphavantage", "finnhub". Keyed providers fail here when their key
// variable is unset. The base URL is ctx.base_url if set, else QTRADER_<NAME>_BASE_URL,
// else the public one.
Result<std::unique_ptr<Provider>> MakeProvider(std::string_view name, ProviderContext ctx);
std::vector<std::string> ProviderNames();

// The response parsers, pure (tests call them directly). `now` is the clock's time of the
// request: a bar inside the requested range dated after it (csv.h: a daily bar after the
// New York date of `now`, an intraday bar starting after `now`) fails the response, naming
// the provider, symbol and date. Yahoo's parser also leaves out a bar whose `available` time
// is after `now` (still live).
Result<FetchResult> ParseYahooChart(std::string_view body, const FetchRequest& request,
                                    Timestamp now, bool repair_ohlc = false);
Result<FetchResult> ParseStooqCsv(std::string_view body, const FetchRequest& request,
                                  Timestamp now, bool repair_ohlc = false);
// JSON or CSV (datatype=csv), daily, daily adjusted or intraday; a "Note", "Information"
// or "Error Message" body fails with that text (a short escaped excerpt of it).
Result<FetchResult> ParseAlphaVantage(std::string_view body, const FetchRequest& request,
                                      Timestamp now, bool repair_ohlc = false);
Result<FetchResult> ParseFinnhubCandles(std::string_view body, const FetchRequest& request,
                                        Timestamp now, bool repair_ohlc = false);

// Validates bars built in memory with the CSV importer's rules (data::ParseBarsCsv on the
// series written by data::WriteBarsCsv: one validator for both paths), keeps those inside
// [from, to] and fills `available`. A kept bar dated after `now` is an error. Fails naming
// `source` and the bad date.
Result<data::BarSeries> ValidateFetchedBars(const data::BarSeries& bars, std::string_view source,
                                            const FetchRequest& request, Timestamp now,
                                            bool repair_ohlc, std::vector<std::string>* notes);

}  // namespace qat::providers
