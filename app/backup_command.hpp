// `lmo-portal backup FILE` (an online, consistent copy of the database while the portal
// serves) and `lmo-portal restore FILE` (checks the copy, then replaces the database; stop the
// server first). Both are audited. Exit codes: 0 done, 2 a problem (named on standard error).
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>

namespace lmo::app {

struct BackupCommands {
  CLI::App* backup = nullptr;
  CLI::App* restore = nullptr;
  std::function<int()> run_backup;
  std::function<int()> run_restore;
};

BackupCommands add_backup_commands(CLI::App& cli);

}  // namespace lmo::app
