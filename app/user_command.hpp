// `lmo-portal user add|list|disable|enable|grant|audit|token`: user accounts from the command line —
// how the first administrator is created (there is no default account or password). Passwords
// are read from standard input (--password-stdin) or typed twice at a terminal without echo;
// never from an argument, never printed. Every change is written to the audit log with the
// system user as actor. Exit codes: 0 done, 2 bad input (the field named on standard error).
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace lmo::app {

struct UserCommand {
  CLI::App* command = nullptr;
  std::function<int()> run;
};

UserCommand add_user_command(CLI::App& cli);

}  // namespace lmo::app
