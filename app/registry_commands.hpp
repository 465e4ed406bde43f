// `lmo-portal import FILE|DIR...` and `lmo-portal export --out DIR`: registry imports (project
// JSON and CSV, BCH record JSON) and exports (one file per record type) against the database
// in the data folder. Import exit codes: 0 written or nothing to change, 1 rejected or
// malformed input (nothing written), 2 usage or database errors.
#pragma once

#include "app/database_choice.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace lmo::app {

struct ImportCommand {
  DatabaseChoice database;
  std::vector<std::string> paths;
  bool partial = false;
  bool dry_run = false;
  std::string format = "text";  // or json
};

struct ExportCommand {
  DatabaseChoice database;
  std::filesystem::path out_dir = "./export";
  std::string format = "json";  // or csv
};

int run_import(const ImportCommand& command);
int run_export(const ExportCommand& command);

}  // namespace lmo::app
