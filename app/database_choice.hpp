// Which database a command works on: --database LOCATION (environment LMO_DATABASE), either a
// SQLite file or a postgresql:// URI; by default the SQLite file portal.db in the --data folder
// (environment LMO_DATA, default ./var) — the embedded database of a single border post.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "store/database.hpp"

namespace CLI {
class App;
}

namespace lmo::app {

struct DatabaseChoice {
  std::filesystem::path data_dir = "./var";
  std::string database;

  std::string location() const;
  bool is_postgres() const;
  // False only for a SQLite file that does not exist yet.
  bool exists() const;
  // Opens (for SQLite: creating the data folder and file) and migrates the database.
  std::unique_ptr<store::Database> open() const;
};

// Adds --data and --database to a subcommand.
void add_database_options(CLI::App& command, DatabaseChoice& choice);

}  // namespace lmo::app
