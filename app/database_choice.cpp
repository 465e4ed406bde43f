#include "app/database_choice.hpp"

#include <CLI/CLI.hpp>

namespace lmo::app {

std::string DatabaseChoice::location() const {
  return database.empty() ? (data_dir / "portal.db").string() : database;
}

bool DatabaseChoice::is_postgres() const { return store::is_postgres_location(location()); }

bool DatabaseChoice::exists() const { return is_postgres() || std::filesystem::exists(location()); }

std::unique_ptr<store::Database> DatabaseChoice::open() const {
  if (!is_postgres()) {
    auto folder = std::filesystem::path(location()).parent_path();
    if (!folder.empty()) std::filesystem::create_directories(folder);
  }
  return store::open_database(location());
}

void add_database_options(CLI::App& command, DatabaseChoice& choice) {
  command.add_option("--data", choice.data_dir, "data folder of the embedded database (default ./var)")->envname("LMO_DATA");
  command.add_option("--database", choice.database,
                     "SQLite file or postgresql:// URI of the database (default: portal.db in the data folder)")
      ->envname("LMO_DATABASE");
}

}  // namespace lmo::app
