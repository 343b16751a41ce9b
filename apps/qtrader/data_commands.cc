#include "commands.h"

namespace qat::cli {

void AddDataCommands(CLI::App& app) { (void)app; }

}  // namespace qat::cli
