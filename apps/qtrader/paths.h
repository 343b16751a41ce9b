// Where qtrader keeps its data (qat/app/paths.h, shared with every front end): $QTRADER_HOME if
// set, else $XDG_DATA_HOME/qtrader, else ~/.local/share/qtrader. The store is qtrader.db in
// that folder; --db overrides it.
#pragma once

#include <filesystem>
#include <string>

#include <CLI/CLI.hpp>

#include "qat/core/result.h"
#include "qat/store/store.h"

namespace qat::cli {

std::filesystem::path DataHome();
// `db_option` if not empty, else DataHome()/qtrader.db.
std::filesystem::path ResolveDbPath(const std::string& db_option);
// Adds the shared --db option to a command.
void AddDbOption(CLI::App* command, std::string& db);
// Opens the store named by --db (or the default): kExisting for commands that read, which
// never create a store.
Result<store::Database> OpenStoreOption(const std::string& db_option, store::OpenMode mode);

}  // namespace qat::cli
