#include "qat/app/paths.h"

#include <cstdlib>

namespace qat::app {

std::filesystem::path DataHome() {
  if (const char* home = std::getenv("QTRADER_HOME"); home && *home) return home;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return std::filesystem::path(xdg) / "qtrader";
  }
  if (const char* user = std::getenv("HOME"); user && *user) {
    return std::filesystem::path(user) / ".local/share/qtrader";
  }
  return std::filesystem::current_path() / ".qtrader";
}

std::filesystem::path ResolveDbPath(const std::string& option) {
  return option.empty() ? DataHome() / "qtrader.db" : std::filesystem::path(option);
}

std::filesystem::path ResolveModelDir(const std::string& option) {
  return option.empty() ? DataHome() / "models" : std::filesystem::path(option);
}

}  // namespace qat::app
