// Use cases that bring bars into the store from files and from other stored series: import a
// CSV (with its corporate actions), resample a stored series (what `qtrader import` and
// `qtrader resample` do), for every front end. Fetching from providers is app/fetch.h.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "qat/core/result.h"
#include "qat/core/time.h"
#include "qat/data/interval.h"
#include "qat/data/price_basis.h"
#include "qat/data/quality.h"
#include "qat/store/bars.h"

namespace qat::app {

struct ImportRequest {
  std::string symbol;                        // validated (data::ValidateSymbol)
  data::Interval interval = data::Interval::k1d;
  std::filesystem::path input;               // bars CSV; may be empty when `actions` is given
  std::filesystem::path actions;             // actions CSV (date,type,value); may be empty
  data::PriceBasis basis = data::PriceBasis::kSplit;
  std::optional<Days> adjusted_through;      // split bases; default: the New York date of `now`
  std::string source;                        // default "csv:<input file name>"
  bool repair_ohlc = false, replace = false;
  Timestamp now = 0;                         // the caller's clock (required): rows dated after it are refused
};

struct ImportReport {
  store::SeriesWrite write;           // what was written: bars, origin, actions
  std::vector<std::string> warnings;  // repaired rows ("FILE:LINE: repaired: ...")
  store::WriteReport written;
  data::QualityReport quality;        // of the stored series after the import (bars only)
};

// Reads and validates the files first (nothing is opened when one is bad), then opens the
// store at `store_path` (creating it) and writes through store::WriteSeries. `progress` gets
// "reading FILE" and "writing N bars of SYMBOL INTERVAL into STORE" as they start. Fails with
// kInvalidInput on a request that can never succeed (no file, adjusted_through with raw).
Result<ImportReport> ImportCsv(const std::filesystem::path& store_path, const ImportRequest& request,
                               const std::function<void(const std::string&)>& progress = {});

struct ResampleRequest {
  std::string symbol;
  data::Interval from = data::Interval::k5m, to = data::Interval::k1h;
  bool extended_hours = false, replace = false;
};

struct ResampleReport {
  std::size_t bars_in = 0;
  std::size_t dropped_extended = 0, dropped_closed_day = 0;
  store::SeriesWrite write;  // the resampled bars and their origin (resample:<from>, split basis)
  store::WriteReport written;
};

// Resamples the adjusted bars of (symbol, from) (qat/data/resample.h) and stores them as
// (symbol, to), source "resample:<from>", basis split adjusted through the later of the last
// bar and the last stored split. A target series of another source is joined only where the
// two agree on shared sessions, else refused (or replaced with `replace`). Fails when no bar
// is left to resample, saying how many were left out and why.
Result<ResampleReport> ResampleStored(store::Database& db, const ResampleRequest& request);

}  // namespace qat::app
