#include "app/backup_command.hpp"

#include <iostream>
#include <memory>

#include "app/cli_actor.hpp"
#include "app/database_choice.hpp"
#include "store/sqlite/sqlite_backend.hpp"
#include "store/sqlite/sqlite_backup.hpp"
#include "store/store_error.hpp"

namespace lmo::app {

namespace fs = std::filesystem;

namespace {

struct Options {
  DatabaseChoice database;
  fs::path file;
};

void audit(store::Database& database, const std::string& action, const std::string& target) {
  auto actor = cli_actor();
  database.accounts().append_audit({0, {}, actor.name, action, target, "ok", actor.address, "", {}});
}

// PostgreSQL has its own online backup tools; the embedded file is ours to copy.
bool refuse_postgres(const Options& options, const char* command) {
  if (!options.database.is_postgres()) return false;
  std::cerr << "lmo-portal " << command << ": the database is PostgreSQL; use pg_dump / pg_restore "
            << "(or pg_basebackup for the whole cluster), see docs/operations.md\n";
  return true;
}

}  // namespace

BackupCommands add_backup_commands(CLI::App& cli) {
  auto options = std::make_shared<Options>();
  auto* backup = cli.add_subcommand("backup", "write an online, consistent copy of the database (the portal may keep serving)");
  backup->add_option("FILE", options->file, "the copy to write (must not exist)")->required();
  auto* restore = cli.add_subcommand("restore", "replace the database with a checked backup (stop the server first)");
  restore->add_option("FILE", options->file, "a file written by lmo-portal backup")->required();
  for (auto* sub : {backup, restore}) {
    add_database_options(*sub, options->database);
  }
  auto run_backup = [options]() -> int {
    try {
      if (refuse_postgres(*options, "backup")) return 2;
      if (!options->database.exists()) {
        std::cerr << "lmo-portal backup: no database at " << options->database.location() << "\n";
        return 2;
      }
      store::sqlite::SqliteBackend database(options->database.location());
      store::sqlite::backup_database(database.database(), options->file);
      audit(database, "backup", options->file.string());
      std::cout << "backed up to " << options->file.string() << "\n";
      return 0;
    } catch (const std::exception& error) {
      std::cerr << "lmo-portal backup: " << error.what() << "\n";
      return 2;
    }
  };
  auto run_restore = [options]() -> int {
    try {
      if (refuse_postgres(*options, "restore")) return 2;
      store::sqlite::restore_database(options->file, options->database.location());
      store::sqlite::SqliteBackend database(options->database.location());  // applies newer migrations
      audit(database, "restore", options->file.string());
      std::cout << "restored " << options->file.string() << " (schema version " << database.schema_version() << ")\n";
      return 0;
    } catch (const std::exception& error) {
      std::cerr << "lmo-portal restore: " << error.what() << "\n";
      return 2;
    }
  };
  return {backup, restore, run_backup, run_restore};
}

}  // namespace lmo::app
