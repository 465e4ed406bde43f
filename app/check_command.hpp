// `lmo-portal check FILE [--format json|text] [--lang xx]`: the border check of one
// declaration (JSON) against the registry in the data folder. Exit codes: 0 release,
// 10 request documents, 20 sample and test, 30 hold, 2 bad input.
#pragma once

#include "app/database_choice.hpp"

#include <filesystem>
#include <string>

namespace lmo::app {

struct CheckCommand {
  std::string file;
  std::string format = "text";
  std::string lang = "en";
  DatabaseChoice database;
};

int run_check(const CheckCommand& command, const std::filesystem::path& share_dir);

}  // namespace lmo::app
