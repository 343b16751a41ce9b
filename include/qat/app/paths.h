// Where qtrader keeps its data, for every front end (CLI, dashboard, Python): $QTRADER_HOME if
// set, else $XDG_DATA_HOME/qtrader, else ~/.local/share/qtrader (else ./.qtrader when no
// HOME is set). The store is qtrader.db in that folder and the model sets are under models/.
#pragma once

#include <filesystem>
#include <string>

namespace qat::app {

std::filesystem::path DataHome();
// `option` if not empty, else DataHome()/qtrader.db.
std::filesystem::path ResolveDbPath(const std::string& option);
// `option` if not empty, else DataHome()/models.
std::filesystem::path ResolveModelDir(const std::string& option);

}  // namespace qat::app
