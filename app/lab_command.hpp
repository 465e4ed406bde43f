// LabCommand: how the lab tools' subcommands (plan, estimate, matrix, quantify) plug into
// main(): each add_*_command registers its CLI11 subcommands and returns the runner to call
// when one of them was chosen. print_result writes a service's answer as JSON on standard
// output (exit 0) or its field error on standard error (exit 2, as for every bad input).
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <string>

#include "services/json_request.hpp"

namespace lmo::app {

struct LabCommand {
  CLI::App* command = nullptr;
  std::function<int()> run;
};

int print_result(const services::ServiceResult& result, std::string_view command_name);

// Reads a JSON request from a file or "-" (standard input), at most 16 MiB; on failure
// prints the problem and returns nullopt.
std::optional<boost::json::value> read_request_file(const std::string& path, std::string_view command_name);

}  // namespace lmo::app
