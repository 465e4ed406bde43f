#include "app/lab_command.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace lmo::app {

int print_result(const services::ServiceResult& result, std::string_view command_name) {
  if (const auto* error = domain::error_of(result)) {
    std::cerr << "lmo-portal " << command_name << ": " << error->field << ": " << error->message << "\n";
    return 2;
  }
  std::cout << boost::json::serialize(std::get<boost::json::value>(result)) << "\n";
  return 0;
}

std::optional<boost::json::value> read_request_file(const std::string& path, std::string_view command_name) {
  std::string text;
  if (path == "-") {
    std::ostringstream in;
    in << std::cin.rdbuf();
    text = in.str();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << "lmo-portal " << command_name << ": cannot read " << path << "\n";
      return std::nullopt;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    text = bytes.str();
  }
  if (text.size() > 16 * 1024 * 1024) {
    std::cerr << "lmo-portal " << command_name << ": the request is larger than 16 MiB\n";
    return std::nullopt;
  }
  domain::FieldError error;
  auto value = services::parse_request_json(text, error);
  if (!value) std::cerr << "lmo-portal " << command_name << ": " << error.field << ": " << error.message << "\n";
  return value;
}

}  // namespace lmo::app
