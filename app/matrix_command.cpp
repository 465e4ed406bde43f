#include "app/matrix_command.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "domain/screening_matrix.hpp"
#include "services/registry_loader.hpp"

namespace lmo::app {

namespace {

namespace json = boost::json;
constexpr std::string_view command_name = "matrix";

// A command-line number as JSON when it reads as one, else the text (the service then names
// the field that is not a number).
json::value cli_value(const std::string& text) {
  char* end = nullptr;
  double number = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(number)) return json::value(text);
  if (std::floor(number) == number && std::fabs(number) < 9e15) return static_cast<long long>(number);
  return number;
}

json::array strings(const std::vector<std::string>& texts) {
  json::array out;
  for (const auto& text : texts) out.emplace_back(text);
  return out;
}

// The options every subcommand has: --matrix and --request.
struct Common {
  explicit Common(CLI::App* app) : command(app) {
    matrix_option = app->add_option("--matrix", matrix_file, "the laboratory's matrix as CSV (default: the registry's)");
  }
  void add_request() {
    request_option =
        command->add_option("--request", request_file, "the API request as JSON: a file, or - for standard input");
  }
  CLI::App* command;
  std::string matrix_file;
  std::string request_file;
  CLI::Option* matrix_option = nullptr;
  CLI::Option* request_option = nullptr;
};

struct MatrixCommands {
  explicit MatrixCommands(CLI::App* matrix)
      : interpret(matrix->add_subcommand("interpret", "read screening results through the matrix")),
        panel(matrix->add_subcommand("panel", "the cheapest screening panel covering target events")),
        show(matrix->add_subcommand("show", "the matrix as lists of events and methods")) {
    interpret.add_request();
    panel.add_request();
  }
  Common interpret;
  Common panel;
  Common show;
  std::vector<std::string> positive, negative, untested;
  std::string country, use, max_explanations, max_next_tests;
  std::vector<std::string> targets, methods, costs;
  std::string coverage, max_methods;
};

std::optional<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "lmo-portal " << command_name << ": cannot read " << path << "\n";
    return std::nullopt;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The request: from --request (alone), or built from the friendly options by `build`, with
// the CSV of --matrix; nullopt after saying why.
std::optional<json::value> make_request(const Common& common, const std::function<json::object()>& build) {
  if (common.request_option && common.request_option->count() > 0) {
    for (const auto* option : common.command->get_options()) {
      if (option != common.request_option && option->count() > 0 && option->get_name() != "--help") {
        std::cerr << "lmo-portal " << command_name << ": --request: cannot be combined with " << option->get_name() << "\n";
        return std::nullopt;
      }
    }
    return read_request_file(common.request_file, command_name);
  }
  json::object request = build();
  if (common.matrix_option->count() > 0) {
    auto csv = read_text(common.matrix_file);
    if (!csv) return std::nullopt;
    request["matrix_csv"] = *csv;
  }
  return json::value(std::move(request));
}

// The registry's matrix, built from data/registry/*.json; nullopt after saying why.
std::optional<domain::ScreeningMatrix> registry_matrix(const std::filesystem::path& share_dir) {
  try {
    auto registry = services::read_bundled_registry(share_dir / "data" / "registry");
    auto built = domain::build_matrix_from_registry(registry.methods, registry.lmos, registry.elements);
    if (const auto* error = domain::error_of(built)) {
      std::cerr << "lmo-portal " << command_name << ": the registry's matrix: " << error->field << ": " << error->message
                << "\n";
      return std::nullopt;
    }
    return std::get<domain::ScreeningMatrix>(std::move(built));
  } catch (const std::exception& error) {
    std::cerr << "lmo-portal " << command_name << ": " << error.what() << "\n";
    return std::nullopt;
  }
}

bool needs_registry(const json::value& request) {
  const auto* object = request.if_object();
  return !object || !object->contains("matrix_csv");
}

json::object interpret_request(const MatrixCommands& c) {
  json::array results;
  for (auto [list, result] : {std::pair{&c.positive, "positive"}, std::pair{&c.negative, "negative"},
                              std::pair{&c.untested, "untested"}}) {
    for (const auto& method : *list) results.push_back(json::object{{"method", method}, {"result", result}});
  }
  json::object request{{"results", std::move(results)}};
  if (c.interpret.command->count("--country")) request["country"] = c.country;
  if (c.interpret.command->count("--use")) request["use"] = c.use;
  if (c.interpret.command->count("--max-explanations")) request["max_explanations"] = cli_value(c.max_explanations);
  if (c.interpret.command->count("--max-next-tests")) request["max_next_tests"] = cli_value(c.max_next_tests);
  return request;
}

json::object panel_request(const MatrixCommands& c) {
  json::object request;
  const CLI::App* panel = c.panel.command;
  if (panel->count("--targets")) request["targets"] = strings(c.targets);
  if (panel->count("--methods")) request["methods"] = strings(c.methods);
  if (panel->count("--cost")) {
    json::object costs;
    for (const auto& pair : c.costs) {
      auto equals = pair.rfind('=');
      if (equals == std::string::npos) {
        costs[pair] = "";  // the service says the cost must be a number
      } else {
        costs[pair.substr(0, equals)] = cli_value(pair.substr(equals + 1));
      }
    }
    request["costs"] = std::move(costs);
  }
  if (panel->count("--coverage")) request["coverage"] = cli_value(c.coverage);
  if (panel->count("--max-methods")) request["max_methods"] = cli_value(c.max_methods);
  return request;
}

}  // namespace

LabCommand add_matrix_command(CLI::App& cli, const std::filesystem::path& share_dir, services::ApprovalLookup approval) {
  auto* matrix = cli.add_subcommand("matrix", "screening matrix: interpret results, design panels");
  matrix->require_subcommand(1);
  auto c = std::make_shared<MatrixCommands>(matrix);

  auto* interpret = c->interpret.command;
  interpret->add_option("--positive", c->positive, "a method with a positive result (repeat for more)");
  interpret->add_option("--negative", c->negative, "a method with a negative result (repeat for more)");
  interpret->add_option("--untested", c->untested, "a method not tested (repeat for more)");
  interpret->add_option("--country", c->country, "mark candidates approved or not in this country (ISO code or EU)");
  interpret->add_option("--use", c->use, "the use for the approvals: food (default), feed, processing, release, ...");
  interpret->add_option("--max-explanations", c->max_explanations, "minimum explanations to list (default 20)");
  interpret->add_option("--max-next-tests", c->max_next_tests, "next tests to rank (default 10)");

  auto* panel = c->panel.command;
  panel->add_option("--targets", c->targets, "the target events (default: all): NAME,...")->delimiter(',');
  panel->add_option("--methods", c->methods, "the candidate methods (default: all screening methods): NAME,...")->delimiter(',');
  panel->add_option("--cost", c->costs, "a method's cost, METHOD=COST (repeat for more)");
  panel->add_option("--coverage", c->coverage, "the share of targets to detect, in % (default 80)");
  panel->add_option("--max-methods", c->max_methods, "at most this many methods (default 5)");

  return LabCommand{matrix, [c, share_dir, approval]() -> int {
    std::optional<json::value> request;
    const Common* chosen = nullptr;
    if (c->interpret.command->parsed()) {
      chosen = &c->interpret;
      request = make_request(c->interpret, [&] { return interpret_request(*c); });
    } else if (c->panel.command->parsed()) {
      chosen = &c->panel;
      request = make_request(c->panel, [&] { return panel_request(*c); });
    } else if (c->show.command->parsed()) {
      chosen = &c->show;
      request = make_request(c->show, [] { return json::object{}; });
    }
    if (!request) return 2;
    std::optional<domain::ScreeningMatrix> registry;
    if (needs_registry(*request)) {
      registry = registry_matrix(share_dir);
      if (!registry) return 1;
    }
    const domain::ScreeningMatrix* registry_pointer = registry ? &*registry : nullptr;
    if (chosen == &c->interpret) {
      return print_result(services::interpret_screening(*request, registry_pointer, approval), command_name);
    }
    if (chosen == &c->panel) return print_result(services::design_panel(*request, registry_pointer), command_name);
    if (registry) return print_result(services::describe_matrix(*registry), command_name);
    auto parsed = domain::parse_screening_matrix_csv(request->as_object().at("matrix_csv").as_string(), "--matrix");
    if (const auto* error = domain::error_of(parsed)) return print_result(*error, command_name);
    return print_result(services::describe_matrix(std::get<domain::ScreeningMatrix>(parsed)), command_name);
  }};
}

}  // namespace lmo::app
