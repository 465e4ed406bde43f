#include "services/data_file.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

namespace lmo::services {

std::string read_data_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BundledDataError(path.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

boost::json::value parse_json_text(const std::filesystem::path& path, const std::string& text) {
  boost::json::parse_options options;
  options.max_depth = 32;
  boost::system::error_code error;
  auto value = boost::json::parse(text, error, {}, options);
  if (error) throw BundledDataError(path.string() + ": invalid JSON: " + error.message());
  return value;
}

boost::json::value read_json_file(const std::filesystem::path& path) {
  return parse_json_text(path, read_data_file(path));
}

}  // namespace lmo::services
