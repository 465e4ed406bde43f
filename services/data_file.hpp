// Reading the files the portal ships with (data/, the OpenAPI document): the whole text, or
// the text parsed as JSON with a bounded depth. A missing or malformed file is a
// BundledDataError naming the file, never a crash.
#pragma once

#include <boost/json/value.hpp>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace lmo::services {

class BundledDataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string read_data_file(const std::filesystem::path& path);
boost::json::value read_json_file(const std::filesystem::path& path);
// Checks that `text` (read from `path`) is JSON; throws BundledDataError naming the file.
boost::json::value parse_json_text(const std::filesystem::path& path, const std::string& text);

}  // namespace lmo::services
