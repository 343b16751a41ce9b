#include "commands.h"

namespace qat::cli {

void AddTaCommands(CLI::App& app) { (void)app; }

}  // namespace qat::cli
