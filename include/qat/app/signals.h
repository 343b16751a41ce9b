// Use case: tomorrow's signals for a watchlist (what `qtrader signals` does): per symbol the
// evidence of each timeframe as of a session's close, the fused probability, the forecast,
// the entry gates and a trade plan sized for the account. Signals as of a date D read only
// bars available by D's close (signals::LastClosedBar on every timeframe) and prices
// adjusted for the splits known by D, so a store truncated at D gives the same bytes.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/app/confluence.h"
#include "qat/app/forecast.h"
#include "qat/core/result.h"
#include "qat/core/time.h"
#include "qat/features/features.h"
#include "qat/models/model_set.h"
#include "qat/signals/confluence.h"
#include "qat/signals/gates.h"
#include "qat/signals/plan.h"
#include "qat/store/sqlite.h"

namespace qat::app {

struct SignalsRequest {
  std::vector<std::string> symbols;  // validated
  std::optional<Days> as_of;         // a session date; unset: each symbol's last stored session
  // Timeframes to read; the confluence model's others are listed as not asked for. Empty: all
  // of the model's.
  std::vector<signals::Timeframe> timeframes;
  std::filesystem::path model_dir;
  int horizon = 5;
  signals::Account account;  // cash and open positions
  signals::GateConfig gates;
  signals::PlanConfig plan;
  // Symbols whose features and frames are computed at once (0: the hardware threads). The
  // output does not depend on it.
  int jobs = 0;
};

// What a signal needs besides the symbol's own data: the models and the context series.
struct SignalModels {
  models::ModelSet set;
  signals::ConfluenceModel confluence;
  data::BarSeries market, vix;
};

struct SymbolSignal {
  std::string symbol;
  Days as_of = 0;            // the session whose close the signal is computed at
  signals::Confluence confluence;
  double base_rate = 0;      // the confluence model's up rate (what an abstaining model says)
  signals::ContextValues context;
  ForecastResult forecast;
  std::vector<signals::Gate> gates;
  signals::TradePlan plan;
  bool model_after_as_of = false;  // the models saw outcomes after as_of (in-sample for it)

  // {symbol, as_of, direction, final_score, probability, base_rate, combiner_probability,
  // abstained, confidence, plain_sum_probability,
  // timeframes_used, per_timeframe[...], context{rsi, volume_ratio, regime, vol_regime, terms},
  // forecast{current_price, q10..q90, prob_up, prob_up_raw}, gates[...], action, plan{...},
  // model_after_as_of}
  nlohmann::json ToJson() const;
};

struct SignalsReport {
  std::vector<SymbolSignal> signals;     // ranked: BUY/SELL first, then by confidence
  std::vector<std::string> skipped;      // "SYMBOL: why" (no bars by the date, ...)
  Days model_as_of = 0;                  // the model set's training end
  Timestamp confluence_as_of = 0;
  nlohmann::json ToJson() const;         // {model_as_of, confluence_as_of, signals[], skipped[]}
};

// Reads the model set and the confluence model of `horizon` and the context series they
// name (as of `as_of`). Fails naming what is missing.
Result<SignalModels> LoadSignalModels(store::Database& db, const std::filesystem::path& model_dir, int horizon,
                                      std::optional<Days> as_of);

// The signal of daily bar `t` of `inputs` given its frames (signals::BuildFrames), before
// sizing: evidence, fused probability, forecast and gates. `plan` is left empty.
Result<SymbolSignal> SignalAt(const SignalModels& models, const signals::ConfluenceScorer& scorer,
                              const SymbolInputs& inputs, const signals::SymbolFrames& frames, std::size_t t,
                              const signals::GateConfig& gates, bool allow_short);

// The plans of `ranked` signals in their order against `account`: each BUY or SELL takes its
// position value plus commission out of the cash and a position slot before the next one is
// sized, so the fourth trade of a 3-position account is refused ("max_positions"). Fails
// only on an invalid config or account (signals::MakeTradePlan).
Status PlanInRankOrder(std::vector<SymbolSignal>& ranked, signals::Account account, const signals::PlanConfig& config);

// Every symbol's signal, ranked, each candidate sized in rank order against the account (a
// BUY takes its cash and a position slot before the next is sized). A symbol with no bar by
// the date is skipped with the reason; other failures fail the whole call naming the symbol.
Result<SignalsReport> ComputeSignals(store::Database& db, const SignalsRequest& request);

}  // namespace qat::app
