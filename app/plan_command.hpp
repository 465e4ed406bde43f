// `lmo-portal plan evaluate|search|seeds|crops`: sampling plans for seed lots from the command
// line. Each sub-subcommand takes friendly options (e.g. `plan evaluate --pools 2 --pool-size
// 150 --accept 0 --lql 0.01`) or `--request FILE|-` holding the same JSON as the API; both
// build one request and call the same service. Output: the service's JSON on standard output;
// bad input exits 2 with "lmo-portal plan: <field>: <message>" on standard error.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>

#include "app/lab_command.hpp"

namespace lmo::app {

LabCommand add_plan_command(CLI::App& cli, const std::filesystem::path& share_dir);

}  // namespace lmo::app
