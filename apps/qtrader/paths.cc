#include "paths.h"

#include <cstdlib>

namespace qat::cli {

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

std::filesystem::path ResolveDbPath(const std::string& db_option) {
  return db_option.empty() ? DataHome() / "qtrader.db" : std::filesystem::path(db_option);
}

void AddDbOption(CLI::App* command, std::string& db) {
  command->add_option("--db", db,
                      "SQLite store (default: $QTRADER_HOME/qtrader.db, else "
                      "~/.local/share/qtrader/qtrader.db)");
}

Result<store::Database> OpenStoreOption(const std::string& db_option, store::OpenMode mode) {
  return store::OpenStore(ResolveDbPath(db_option), mode);
}

}  // namespace qat::cli
