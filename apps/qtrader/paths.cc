#include "paths.h"

#include "qat/app/paths.h"

namespace qat::cli {

std::filesystem::path DataHome() { return app::DataHome(); }

std::filesystem::path ResolveDbPath(const std::string& db_option) { return app::ResolveDbPath(db_option); }

void AddDbOption(CLI::App* command, std::string& db) {
  command->add_option("--db", db,
                      "SQLite store (default: $QTRADER_HOME/qtrader.db, else "
                      "~/.local/share/qtrader/qtrader.db)");
}

Result<store::Database> OpenStoreOption(const std::string& db_option, store::OpenMode mode) {
  return store::OpenStore(ResolveDbPath(db_option), mode);
}

}  // namespace qat::cli
