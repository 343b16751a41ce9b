// The `qtrader ta` output table: 85 columns with TA-Lib's names and parameters (the golden
// files under tests/testdata/ta/golden were made with TA-Lib itself, docs/ta.md), in this
// order: the 61 candlestick patterns, then 24 indicator outputs:
//
//   SMA, EMA (20)  RSI (14)  ATR, NATR (14)  MACD_macd/_signal/_hist (12, 26, 9)
//   BBANDS_upper/_middle/_lower (20, 2, 2, SMA)  ADX, PLUS_DI, MINUS_DI (14)  CCI (14)
//   MFI (14)  OBV  STOCH_slowk/_slowd (5, 3 SMA, 3 SMA)  WILLR (14)  ROC, MOM (10)
//   AROONOSC (14)  TRANGE
//
// Inputs: close is the `real` input of single-series indicators.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "qat/core/result.h"

namespace qat::ta {

// Read-only OHLCV columns of equal length.
struct OhlcvView {
  std::span<const double> open, high, low, close, volume;
  std::size_t size() const { return close.size(); }
};

enum class OutputKind { kPattern, kReal };

struct OutputColumn {
  std::string_view name;      // column name, e.g. "MACD_hist" or "CDLHAMMER"
  std::string_view function;  // TA-Lib function, e.g. "MACD"
  OutputKind kind;
};

// The 85 columns in the oracle's order.
std::span<const OutputColumn> OutputColumns();

// Resolves `--only` entries: each is a function name (selects all its columns, e.g. MACD ->
// MACD_macd, MACD_signal, MACD_hist) or a column name, case-insensitive, surrounding spaces
// ignored. Returns indices into OutputColumns(), in table order, without duplicates.
// Fails on an empty list, an empty entry or an unknown name (the message names it).
Result<std::vector<std::size_t>> SelectOutputs(std::span<const std::string> names);
// The same for a comma-separated list ("RSI,MACD_hist,CDLDOJI").
Result<std::vector<std::size_t>> SelectOutputs(std::string_view comma_list);

struct ComputedOutput {
  const OutputColumn* column;
  // Rows before `first_defined` are undefined (TA-Lib's lookback); print them empty.
  std::size_t first_defined;
  std::vector<double> real;  // kReal: one value per row (NaN where undefined)
  std::vector<int> pattern;  // kPattern: one value per row (0 where undefined)
};

// Computes the selected columns (indices into OutputColumns()) over `bars`; each function is
// computed once however many of its columns are selected. Patterns come from AllPatterns()
// with the default candle settings. Fails if the columns differ in length, or if a selected
// pattern is not implemented yet (never returns zeros for it).
Result<std::vector<ComputedOutput>> ComputeOutputs(const OhlcvView& bars,
                                                   std::span<const std::size_t> columns);
// The same into `out` (resized to one entry per selected column), reusing the storage of its
// indicator columns from a previous call: repeated calls on series of the same length
// allocate nothing for the indicators (patterns still return fresh vectors). On error `out`
// is left in an unspecified state.
Status ComputeOutputsInto(const OhlcvView& bars, std::span<const std::size_t> columns,
                          std::vector<ComputedOutput>& out);

}  // namespace qat::ta
