// Decodes an application/x-www-form-urlencoded string (a URL query or a form body) with
// Boost.URL. Repeated names keep their first value; a malformed escape, or a name or value
// that is not UTF-8 text (ill-formed bytes, %00), is an error naming the parameter, so
// handlers can answer 400 with the field.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace lmo::web {

struct QueryParams {
  std::map<std::string, std::string, std::less<>> values;

  std::string_view get(std::string_view name) const {
    auto it = values.find(name);
    return it == values.end() ? std::string_view() : std::string_view(it->second);
  }
  bool has(std::string_view name) const { return values.count(name) > 0; }
};

struct QueryError {
  std::string field;  // the parameter whose name or value is malformed ("query" if unknown)
  std::string message;
};

// Returns the parameters, or the first problem found.
std::optional<QueryParams> parse_query(std::string_view query, QueryError* error);

}  // namespace lmo::web
