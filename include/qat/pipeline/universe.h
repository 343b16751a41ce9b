// The bars a training, demo or forecast run reads: daily, split-adjusted (store::LoadAdjustedDaily).
#pragma once

#include <string>
#include <vector>

#include "qat/core/result.h"
#include "qat/data/bar_series.h"
#include "qat/store/sqlite.h"

namespace qat::pipeline {

// Daily bars of the symbols and the market context, all from the store.
struct Universe {
  std::vector<data::BarSeries> series;  // in the order asked for
  data::BarSeries market, vix;
  // Last day all of `series` share. Training does not cut at it (each symbol runs to its own
  // last bar); the demo does, because its backtest trades every symbol over the same sessions.
  Days data_end = 0;

  // series, then market and vix: the manifest's inputs
  std::vector<data::BarSeries> Inputs() const;
};

// Loads every symbol and the context series; fails naming the first one that is not stored.
Result<Universe> LoadUniverse(store::Database& db, const std::vector<std::string>& symbols,
                              const std::string& market, const std::string& vix);

}  // namespace qat::pipeline
