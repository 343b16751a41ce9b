// qtrader: research and signals for swing trading with free data. See README.md.
#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "qat/core/build_info.h"
#include "qat/core/strings.h"

namespace qat::cli {
int Report(const Error& error) {
  std::fprintf(stderr, "error: %s\n", error.message.c_str());
  return error.code == ErrorCode::kInvalidInput ? kExitUsage : kExitFailure;
}

int Usage(const Error& error) {
  std::fprintf(stderr, "error: %s\n", error.message.c_str());
  return kExitUsage;
}

int& CommandExitCode() {
  static int code = kExitOk;
  return code;
}

namespace {

// "import", "patterns build": the words that name `command` on the command line.
std::string CommandPath(const CLI::App* command) {
  std::string path;
  for (const CLI::App* c = command; c != nullptr && c->get_parent() != nullptr; c = c->get_parent()) {
    path = path.empty() ? c->get_name() : c->get_name() + " " + path;
  }
  return path;
}

// When a parse failed on a word the command line's deepest command does not know (an
// unknown subcommand or option), the message for it, with the nearest valid name by edit
// distance among that command's own subcommands or long options, if one is close.
std::optional<std::string> UnknownWordMessage(CLI::App& app) {
  CLI::App* command = &app;
  while (true) {
    const auto parsed = command->get_subcommands();
    if (parsed.empty()) break;
    command = parsed.back();
  }
  const auto words = command->remaining(false);
  if (words.empty()) return std::nullopt;
  const std::string path = CommandPath(command);
  const std::string& word = words.front();
  if (word.size() > 1 && word[0] == '-') {
    const std::string option = word.substr(0, word.find('='));
    std::vector<std::string> names;
    for (const CLI::Option* o : command->get_options()) {
      for (const auto& name : o->get_lnames()) names.push_back("--" + name);
    }
    const std::string where = path.empty() ? "qtrader" : path;
    auto nearest = NearestName(option, names);
    if (nearest) {
      return fmt::format("unknown option {} for '{}'; did you mean '{}'?", Excerpt(option), where, *nearest);
    }
    return fmt::format("unknown option {} for '{}' (see 'qtrader {}--help')", Excerpt(option), where,
                       path.empty() ? "" : path + " ");
  }
  std::vector<std::string> names;
  for (const CLI::App* sub : command->get_subcommands({})) names.push_back(sub->get_name());
  if (names.empty()) return std::nullopt;  // a stray argument: CLI11's own message says so
  const std::string prefix = path.empty() ? "" : path + " ";
  auto nearest = NearestName(word, names);
  if (nearest) {
    return fmt::format("unknown command {}; did you mean '{}{}'?", Excerpt(prefix + word), prefix, *nearest);
  }
  return fmt::format("unknown command {} (run 'qtrader {}--help' for the commands)", Excerpt(prefix + word),
                     prefix);
}

int Run(int argc, char** argv) {
  CLI::App app{
      "qtrader: swing-trading research on free daily and intraday data.\n"
      "Stores bars in SQLite, computes TA-Lib-compatible indicators and candlestick patterns,\n"
      "trains XGBoost models in purged walk-forward validation and backtests their signals.\n"
      "Research software: it makes no promise of profit."};
  const std::string version =
      std::string("qtrader ") + BuildVersion() + " (" + BuildGitCommit() + ")";
  app.set_version_flag("--version", version);
  app.require_subcommand(1);
  app.footer("Run 'qtrader COMMAND --help' for a command's options.");

  AddDataCommands(app);
  AddTaCommands(app);
  AddDemoCommand(app);
  AddQualityCommands(app);
  AddProviderCommands(app);
  AddPatternCommands(app);
  AddModelCommands(app);
  AddSignalCommands(app);
  AddBacktestCommand(app);
  AddPaperCommands(app);
  AddMonitorCommand(app);
  AddServeCommand(app);
  AddFeatureCommands(app);
  app.add_subcommand("version", "Print the version (as --version does)")->callback([version] {
    std::printf("%s\n", version.c_str());
    CommandExitCode() = kExitOk;
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() != 0) {
      if (auto message = UnknownWordMessage(app)) {
        std::fprintf(stderr, "error: %s\n", message->c_str());
        return kExitUsage;
      }
    }
    int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  return CommandExitCode();
}

}  // namespace
}  // namespace qat::cli

int main(int argc, char** argv) {
  // One place where anything a command did not turn into a Result ends: a message and exit
  // code 1, never an abort with a core dump.
  try {
    return qat::cli::Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", qat::PrintableText(e.what(), 400).c_str());
  } catch (...) {
    std::fprintf(stderr, "error: unexpected failure (an exception that is not a std::exception)\n");
  }
  return qat::cli::kExitFailure;
}
