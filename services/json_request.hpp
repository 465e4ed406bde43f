// JsonRequest: reads the fields of a lab tool's JSON request (API body or CLI file) with
// strict checks. Every getter validates type and range and, on the first problem, records a
// FieldError naming the field's path; later getters then return defaults and do nothing, so
// a service reads all its fields and asks `error()` once at the end. Unknown fields are
// reported by `reject_unknown()`. Numbers must be finite; integers must be whole.
#pragma once

#include <boost/json.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/field_error.hpp"

namespace lmo::services {

class JsonRequest {
 public:
  // `path` prefixes field names in errors ("" at the top level, "pools[1]" inside an array).
  JsonRequest(const boost::json::value& value, std::string path = "");

  bool ok() const { return !error_; }
  const std::optional<domain::FieldError>& error() const { return error_; }
  void fail(std::string_view field, std::string message);  // keeps the first error only
  std::string field_path(std::string_view name) const;

  bool has(std::string_view name) const;
  // A number in [min, max] (or the open interval when `open` is true). Missing → `fallback`
  // when given, else an error "is required".
  double number(std::string_view name, std::optional<double> fallback, double min, double max,
                bool open = false);
  std::optional<double> optional_number(std::string_view name, double min, double max, bool open = false);
  long long integer(std::string_view name, std::optional<long long> fallback, long long min, long long max);
  std::optional<long long> optional_integer(std::string_view name, long long min, long long max);
  bool boolean(std::string_view name, bool fallback);
  // A string, optionally one of `allowed`; empty strings count as missing.
  std::string string(std::string_view name, std::optional<std::string> fallback,
                     std::initializer_list<std::string_view> allowed = {}, std::size_t max_length = 1 << 20);
  std::vector<double> numbers(std::string_view name, double min, double max, std::size_t min_count,
                              std::size_t max_count, bool open = false);
  std::vector<long long> integers(std::string_view name, long long min, long long max,
                                  std::size_t min_count, std::size_t max_count);
  std::vector<std::string> strings(std::string_view name, std::size_t min_count, std::size_t max_count,
                                   std::size_t max_length = 256);
  // The array or object under `name`, or nullptr (with an error when required).
  const boost::json::array* array(std::string_view name, bool required, std::size_t max_count);
  const boost::json::object* object(std::string_view name, bool required);
  // Reports the first member not in `known` (only when the value is an object).
  void reject_unknown(std::initializer_list<std::string_view> known);

  // The request itself must be an object; otherwise ok() is false from the start.
  const boost::json::object* root() const { return object_; }

 private:
  const boost::json::value* find(std::string_view name, bool required);
  const boost::json::object* object_ = nullptr;
  std::string path_;
  std::optional<domain::FieldError> error_;
};

// Reads JSON text with the project's limits (depth 32); the error names "body".
std::optional<boost::json::value> parse_request_json(std::string_view text, domain::FieldError& error);

// The result of a lab service: the response document, or the problem with the request.
using ServiceResult = domain::Checked<boost::json::value>;

}  // namespace lmo::services
