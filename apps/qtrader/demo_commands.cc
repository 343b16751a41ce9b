#include "commands.h"

namespace qat::cli {

void AddDemoCommand(CLI::App& app) { (void)app; }

}  // namespace qat::cli
