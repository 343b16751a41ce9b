// Each command group registers its subcommands on the root app. A command parses its
// arguments, calls one library function, prints, and returns the process exit code
// through CommandResult.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "qat/core/strings.h"
#include "qat/data/interval.h"
#include "qat/store/sqlite.h"

namespace qat::pipeline {
struct ProbUpCalibration;
}

namespace qat::cli {

// Exit codes: 0 success, 1 the work failed (bad data, network, ...), 2 bad usage.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Set by the subcommand that ran; main() returns it.
int& CommandExitCode();

// Print "error: MESSAGE" on stderr and return the exit code: Report gives 2 for an error of
// code kInvalidInput (bad usage) and 1 for any other; Usage always 2.
int Report(const Error& error);
int Usage(const Error& error);

void AddDataCommands(CLI::App& app);  // import, bars
void AddTaCommands(CLI::App& app);    // ta
void AddDemoCommand(CLI::App& app);   // demo
void AddQualityCommands(CLI::App& app);  // check, resample (quality_commands.cc)

void AddProviderCommands(CLI::App& app);  // fetch, actions, adjusted
void AddPatternCommands(CLI::App& app);  // patterns stats|build|edge|top
void AddModelCommands(CLI::App& app); // train, forecast
void AddFeatureCommands(CLI::App& app);  // features
void AddSignalCommands(CLI::App& app);   // confluence fit|evaluate, signals
void AddBacktestCommand(CLI::App& app);  // backtest
void AddPaperCommands(CLI::App& app);    // paper init|run|status|history|orders
void AddMonitorCommand(CLI::App& app);   // monitor (monitor_commands.cc)
void AddServeCommand(CLI::App& app);     // serve: the web dashboard (serve_commands.cc)

// A check for unsigned options (seeds): only digits. CLI11 alone would read "-1" into an
// unsigned option as 18446744073709551615; with this check it is a usage error naming the
// option ("--seed: must be a whole number >= 0 (got '-1')").
inline CLI::Validator WholeNumber() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) return {};
        return "must be a whole number >= 0 (got " + Excerpt(text) + ")";
      },
      "INT>=0");
}

// Training windows run at once when --jobs is not given (train, demo): the hardware threads
// shared out among windows of `threads` XGBoost threads each, at least 1.
int DefaultJobs(int threads);

// The two prob_up lines of train and demo (model_commands.cc): raw and Platt-scaled log loss
// and Brier on folds 2..`folds` beside the base rate, the scaled log loss's gain over the base
// rate in standard errors, and the a, b forecasts use. Prints nothing when no fold was scaled.
void PrintProbUpCalibration(const pipeline::ProbUpCalibration& calibration, std::size_t folds);

}  // namespace qat::cli
