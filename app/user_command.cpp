#include "app/user_command.hpp"

#include <termios.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "app/cli_actor.hpp"
#include "app/database_choice.hpp"
#include "domain/csv_table.hpp"
#include "services/account_service.hpp"
#include "services/api_token_service.hpp"

namespace lmo::app {

namespace {

namespace fs = std::filesystem;

struct Options {
  DatabaseChoice database;
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
  bool password_stdin = false;
  std::string role;
  std::string format = "text";
  std::string actor, action, outcome;
  std::size_t limit = 100;
  std::string token_name;
  std::vector<std::string> scopes;
  long long days = 90;
  std::int64_t token_id = 0;
};

// A line typed at the terminal without echo.
std::string read_hidden(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios saved{};
  bool terminal = tcgetattr(STDIN_FILENO, &saved) == 0;
  if (terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (terminal) tcsetattr(STDIN_FILENO, TCSANOW, &saved);
  std::cerr << "\n";
  return line;
}

std::optional<std::string> read_password(bool from_stdin) {
  if (from_stdin) {
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  if (!isatty(STDIN_FILENO)) {
    std::cerr << "lmo-portal user: password: give it on standard input with --password-stdin, or run at a terminal\n";
    return std::nullopt;
  }
  std::string first = read_hidden("Password: ");
  std::string second = read_hidden("Password again: ");
  if (first != second) {
    std::cerr << "lmo-portal user: password: the two entries differ\n";
    return std::nullopt;
  }
  return first;
}

int fail(const domain::FieldError& error) {
  std::cerr << "lmo-portal user: " << error.field << ": " << error.message << "\n";
  return 2;
}

boost::json::object user_json(const store::UserRecord& user) {
  boost::json::array roles;
  for (const auto& g : user.grants) roles.emplace_back(domain::grant_text(g));
  return {{"username", user.username}, {"display_name", user.display_name}, {"roles", std::move(roles)},
          {"disabled", user.disabled}, {"created_at", user.created_at}, {"password_changed", user.password_changed}};
}

}  // namespace

UserCommand add_user_command(CLI::App& cli) {
  auto options = std::make_shared<Options>();
  auto* user = cli.add_subcommand("user", "user accounts: add the first administrator, list, disable, grant roles, audit log");
  user->require_subcommand(1);

  auto* add = user->add_subcommand("add", "add a user (the password is read from standard input or the terminal)");
  add->add_option("USERNAME", options->username, "user name")->required();
  add->add_option("--role", options->roles, "role: admin, officer[:XX], editor:XX, reviewer:XX (repeat for more)")->required();
  add->add_option("--display-name", options->display_name, "name shown to others (default: the user name)");
  add->add_flag("--password-stdin", options->password_stdin, "read the password from the first line of standard input");
  auto* list = user->add_subcommand("list", "list users and their roles");
  list->add_option("--format", options->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  auto* disable = user->add_subcommand("disable", "disable a user (kept in the log; can no longer log in)");
  disable->add_option("USERNAME", options->username, "user name")->required();
  auto* enable = user->add_subcommand("enable", "enable a disabled user");
  enable->add_option("USERNAME", options->username, "user name")->required();
  auto* grant = user->add_subcommand("grant", "give a user one more role");
  grant->add_option("USERNAME", options->username, "user name")->required();
  grant->add_option("ROLE", options->role, "admin, officer[:XX], editor:XX or reviewer:XX")->required();
  auto* audit = user->add_subcommand("audit", "the audit log, newest first, as text, JSON or CSV");
  audit->add_option("--actor", options->actor, "only this actor");
  audit->add_option("--action", options->action, "only this action (user.add, login, login.failed, ...)");
  audit->add_option("--outcome", options->outcome, "only ok, denied or failed");
  audit->add_option("--limit", options->limit, "at most this many entries (default 100)")->check(CLI::Range(1, 100000));
  audit->add_option("--format", options->format, "text, json or csv")->check(CLI::IsMember({"text", "json", "csv"}));

  auto* token = user->add_subcommand("token", "API tokens for machine clients: create (shown once), list, revoke");
  token->require_subcommand(1);
  auto* token_create = token->add_subcommand("create", "create an API token for a user; the token is printed once");
  token_create->add_option("USERNAME", options->username, "user the token acts for")->required();
  token_create->add_option("--name", options->token_name, "what the token is for, e.g. 'nightly BCH import'")->required();
  token_create->add_option("--scope", options->scopes, "what it may be used for: import (repeat for more)")->required();
  token_create->add_option("--days", options->days, "days until it expires (1 to 366, default 90)");
  auto* token_list = token->add_subcommand("list", "a user's tokens (never the tokens themselves)");
  token_list->add_option("USERNAME", options->username, "user name")->required();
  token_list->add_option("--format", options->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  auto* token_revoke = token->add_subcommand("revoke", "revoke a token by its id");
  token_revoke->add_option("ID", options->token_id, "token id (from token list)")->required();

  for (auto* sub : {add, list, disable, enable, grant, audit, token_create, token_list, token_revoke}) {
    add_database_options(*sub, options->database);
  }

  auto run = [=]() -> int {
    auto database = options->database.open();
    services::AccountService accounts(database->accounts());
    services::ApiTokenService tokens(accounts, database->api_tokens());
    auto actor = cli_actor();
    if (*token_create) {
      auto issued = tokens.create(options->username, options->token_name, options->scopes, options->days, actor);
      if (const auto* problem = domain::error_of(issued)) return fail(*problem);
      const auto& t = std::get<services::IssuedToken>(issued);
      std::cerr << "token " << t.id << " for " << options->username << "; store it now, it is not shown again:\n";
      std::cout << t.token << "\n";
      return 0;
    }
    if (*token_revoke) {
      if (auto problem = tokens.revoke(options->token_id, actor)) return fail(*problem);
      std::cout << "revoked token " << options->token_id << "\n";
      return 0;
    }
    if (*token_list) {
      boost::json::array out;
      for (const auto& t : tokens.tokens(options->username)) {
        if (options->format == "json") {
          out.push_back({{"id", t.id}, {"name", t.name}, {"scopes", t.scopes}, {"created_at", t.created_at},
                         {"expires_at", t.expires_at}, {"revoked_at", t.revoked_at ? boost::json::value(*t.revoked_at) : nullptr},
                         {"last_used_at", t.last_used_at ? boost::json::value(*t.last_used_at) : nullptr}});
        } else {
          std::cout << t.id << "\t" << t.name << "\t" << t.scopes << "\texpires " << t.expires_at
                    << (t.revoked_at ? "\trevoked " + *t.revoked_at : "") << "\n";
        }
      }
      if (options->format == "json") std::cout << boost::json::serialize(out) << "\n";
      return 0;
    }
    if (*add) {
      auto password = read_password(options->password_stdin);
      if (!password) return 2;
      auto added = accounts.add_user({options->username, options->display_name, *password, options->roles}, actor);
      if (const auto* problem = domain::error_of(added)) return fail(*problem);
      std::cout << "added " << options->username << "\n";
      return 0;
    }
    if (*disable || *enable) {
      if (auto problem = accounts.set_disabled(options->username, static_cast<bool>(*disable), actor)) return fail(*problem);
      std::cout << (static_cast<bool>(*disable) ? "disabled " : "enabled ") << options->username << "\n";
      return 0;
    }
    if (*grant) {
      if (auto problem = accounts.grant(options->username, options->role, actor)) return fail(*problem);
      std::cout << "granted " << options->role << " to " << options->username << "\n";
      return 0;
    }
    if (*list) {
      auto users = accounts.users();
      if (options->format == "json") {
        boost::json::array out;
        for (const auto& u : users) out.push_back(user_json(u));
        std::cout << boost::json::serialize(out) << "\n";
      } else {
        for (const auto& u : users) {
          std::string roles;
          for (const auto& g : u.grants) roles += (roles.empty() ? "" : ", ") + domain::grant_text(g);
          std::cout << u.username << "\t" << roles << (u.disabled ? "\tdisabled" : "") << "\n";
        }
      }
      return 0;
    }
    store::AuditFilter filter;
    filter.actor = options->actor;
    filter.action = options->action;
    filter.outcome = options->outcome;
    filter.limit = options->limit;
    auto entries = accounts.audit(filter);
    if (options->format == "json") {
      boost::json::array out;
      for (const auto& e : entries) {
        out.push_back({{"id", e.id}, {"at", e.at}, {"actor", e.actor}, {"action", e.action}, {"target", e.target},
                       {"outcome", e.outcome}, {"address", e.address}, {"request_id", e.request_id}, {"detail", e.detail}});
      }
      std::cout << boost::json::serialize(out) << "\n";
    } else if (options->format == "csv") {
      std::cout << "id,at,actor,action,target,outcome,address,request_id,detail\n";
      for (const auto& e : entries) {
        std::cout << e.id << "," << e.at << "," << domain::csv_field(e.actor) << "," << domain::csv_field(e.action) << ","
                  << domain::csv_field(e.target) << "," << e.outcome << "," << domain::csv_field(e.address) << ","
                  << domain::csv_field(e.request_id) << "," << domain::csv_field(e.detail) << "\n";
      }
    } else {
      for (const auto& e : entries) {
        std::cout << e.at << "  " << e.actor << "  " << e.action << "  " << e.target << "  " << e.outcome
                  << (e.detail.empty() ? "" : "  " + e.detail) << "\n";
      }
    }
    return 0;
  };
  return {user, run};
}

}  // namespace lmo::app
