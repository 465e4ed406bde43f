// `lmo-portal screen FILE|- [--format csv|ndjson] [--country XX]`: screens a stream of declaration lines and
// writes one NDJSON verdict per line to standard output; malformed lines are reported on
// standard error with their line number and skipped; a summary and (on a terminal) progress
// go to standard error. Exit code 0, or 2 when the input cannot be read.
#pragma once

#include "app/database_choice.hpp"

#include <filesystem>
#include <string>

namespace lmo::app {

struct ScreenCommand {
  std::string file;
  std::string format;  // csv or ndjson; empty: from the file name (.csv, .ndjson, .jsonl), else csv
  DatabaseChoice database;
  std::string country;  // importing country: its national tariff codes are screened too
};

int run_screen(const ScreenCommand& command, const std::filesystem::path& share_dir);

}  // namespace lmo::app
