// qtrader: research and signals for swing trading with free data. See README.md.
#include <cstdio>

#include "commands.h"
#include "qat/core/build_info.h"

namespace qat::cli {
int& CommandExitCode() {
  static int code = kExitOk;
  return code;
}
}  // namespace qat::cli

int main(int argc, char** argv) {
  CLI::App app{
      "qtrader: swing-trading research on free daily and intraday data.\n"
      "Stores bars in SQLite, computes TA-Lib-compatible indicators and candlestick patterns,\n"
      "trains XGBoost models in purged walk-forward validation and backtests their signals.\n"
      "Research software: it makes no promise of profit."};
  app.set_version_flag("--version", std::string("qtrader ") + qat::BuildVersion() + " (" +
                                        qat::BuildGitCommit() + ")");
  app.require_subcommand(1);
  app.footer("Run 'qtrader COMMAND --help' for a command's options.");

  qat::cli::AddDataCommands(app);
  qat::cli::AddTaCommands(app);
  qat::cli::AddDemoCommand(app);
  qat::cli::AddQualityCommands(app);
  qat::cli::AddProviderCommands(app);
  qat::cli::AddPatternCommands(app);
  qat::cli::AddModelCommands(app);
  qat::cli::AddFeatureCommands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : qat::cli::kExitUsage;
  }
  return qat::cli::CommandExitCode();
}
