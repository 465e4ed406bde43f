#include "app/backup_command.hpp"

#include <iostream>
#include <memory>

#include "app/cli_actor.hpp"
#include "store/sqlite/sqlite_account_store.hpp"
#include "store/sqlite/sqlite_backup.hpp"
#include "store/store_error.hpp"

namespace lmo::app {

namespace fs = std::filesystem;

namespace {

struct Options {
  fs::path data_dir = "./var";
  fs::path file;
};

void audit(store::sqlite::SqliteDatabase& database, const std::string& action, const std::string& target) {
  auto actor = cli_actor();
  store::sqlite::SqliteAccountStore(database).append_audit({0, {}, actor.name, action, target, "ok", actor.address, "", {}});
}

}  // namespace

BackupCommands add_backup_commands(CLI::App& cli) {
  auto options = std::make_shared<Options>();
  auto* backup = cli.add_subcommand("backup", "write an online, consistent copy of the database (the portal may keep serving)");
  backup->add_option("FILE", options->file, "the copy to write (must not exist)")->required();
  auto* restore = cli.add_subcommand("restore", "replace the database with a checked backup (stop the server first)");
  restore->add_option("FILE", options->file, "a file written by lmo-portal backup")->required();
  for (auto* sub : {backup, restore}) {
    sub->add_option("--data", options->data_dir, "data folder of the database")->envname("LMO_DATA");
  }
  auto run_backup = [options]() -> int {
    try {
      if (!fs::exists(options->data_dir / "portal.db")) {
        std::cerr << "lmo-portal backup: no database in " << options->data_dir.string() << "\n";
        return 2;
      }
      store::sqlite::SqliteDatabase database((options->data_dir / "portal.db").string());
      store::sqlite::backup_database(database, options->file);
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
      store::sqlite::restore_database(options->file, options->data_dir / "portal.db");
      store::sqlite::SqliteDatabase database((options->data_dir / "portal.db").string());  // applies newer migrations
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
