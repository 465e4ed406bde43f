#include "services/json_request.hpp"

#include <cmath>
#include <limits>
#include <fmt/format.h>

namespace lmo::services {

namespace {

std::string format_number(double value) { return fmt::format("{}", value); }

std::string range_text(double min, double max, bool open) {
  if (open) return fmt::format("between {} and {}, exclusive", format_number(min), format_number(max));
  return fmt::format("between {} and {}", format_number(min), format_number(max));
}

std::optional<double> as_number(const boost::json::value& value) {
  if (value.is_double()) return value.get_double();
  if (value.is_int64()) return static_cast<double>(value.get_int64());
  if (value.is_uint64()) return static_cast<double>(value.get_uint64());
  return std::nullopt;
}

}  // namespace

JsonRequest::JsonRequest(const boost::json::value& value, std::string path) : path_(std::move(path)) {
  object_ = value.if_object();
  if (!object_) fail("", "must be a JSON object");
}

void JsonRequest::fail(std::string_view field, std::string message) {
  if (error_) return;
  error_ = domain::FieldError{field.empty() ? (path_.empty() ? "body" : path_) : field_path(field), std::move(message)};
}

std::string JsonRequest::field_path(std::string_view name) const {
  if (path_.empty()) return std::string(name);
  if (!name.empty() && name.front() == '[') return path_ + std::string(name);
  return path_ + "." + std::string(name);
}

bool JsonRequest::has(std::string_view name) const {
  if (!object_) return false;
  auto it = object_->find(name);
  return it != object_->end() && !it->value().is_null();
}

const boost::json::value* JsonRequest::find(std::string_view name, bool required) {
  if (error_ || !object_) return nullptr;
  auto it = object_->find(name);
  if (it == object_->end() || it->value().is_null()) {
    if (required) fail(name, "is required");
    return nullptr;
  }
  return &it->value();
}

double JsonRequest::number(std::string_view name, std::optional<double> fallback, double min, double max,
                           bool open) {
  const auto* value = find(name, !fallback);
  if (!value) return fallback.value_or(min);
  auto number = as_number(*value);
  if (!number) {
    fail(name, "must be a number");
    return fallback.value_or(min);
  }
  bool inside = open ? (*number > min && *number < max) : (*number >= min && *number <= max);
  if (!std::isfinite(*number) || !inside) {
    fail(name, "must be " + range_text(min, max, open));
    return fallback.value_or(min);
  }
  return *number;
}

std::optional<double> JsonRequest::optional_number(std::string_view name, double min, double max, bool open) {
  if (!has(name)) return std::nullopt;
  double value = number(name, std::nullopt, min, max, open);
  if (error_) return std::nullopt;
  return value;
}

long long JsonRequest::integer(std::string_view name, std::optional<long long> fallback, long long min,
                               long long max) {
  const auto* value = find(name, !fallback);
  if (!value) return fallback.value_or(min);
  std::optional<long long> whole;
  if (value->is_int64()) whole = value->get_int64();
  else if (value->is_uint64() && value->get_uint64() <= static_cast<unsigned long long>(max)) whole = static_cast<long long>(value->get_uint64());
  else if (value->is_uint64()) whole = max + (max < std::numeric_limits<long long>::max() ? 1 : 0);
  else if (value->is_double()) {
    double d = value->get_double();
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.0e15) whole = static_cast<long long>(d);
  }
  if (!whole) {
    fail(name, "must be a whole number");
    return fallback.value_or(min);
  }
  if (*whole < min || *whole > max) {
    fail(name, fmt::format("must be between {} and {}", min, max));
    return fallback.value_or(min);
  }
  return *whole;
}

std::optional<long long> JsonRequest::optional_integer(std::string_view name, long long min, long long max) {
  if (!has(name)) return std::nullopt;
  long long value = integer(name, std::nullopt, min, max);
  if (error_) return std::nullopt;
  return value;
}

bool JsonRequest::boolean(std::string_view name, bool fallback) {
  const auto* value = find(name, false);
  if (!value) return fallback;
  if (!value->is_bool()) {
    fail(name, "must be true or false");
    return fallback;
  }
  return value->get_bool();
}

std::string JsonRequest::string(std::string_view name, std::optional<std::string> fallback,
                                std::initializer_list<std::string_view> allowed, std::size_t max_length) {
  const auto* value = find(name, !fallback);
  if (!value) return fallback.value_or("");
  if (!value->is_string()) {
    fail(name, "must be a string");
    return fallback.value_or("");
  }
  std::string text(value->get_string());
  if (text.empty()) {
    if (!fallback) fail(name, "is required");
    return fallback.value_or("");
  }
  if (text.size() > max_length) {
    fail(name, fmt::format("must be at most {} characters", max_length));
    return fallback.value_or("");
  }
  if (allowed.size() > 0) {
    bool known = false;
    std::string list;
    for (auto option : allowed) {
      known = known || option == text;
      if (!list.empty()) list += ", ";
      list += option;
    }
    if (!known) {
      fail(name, "must be one of: " + list);
      return fallback.value_or("");
    }
  }
  return text;
}

std::vector<double> JsonRequest::numbers(std::string_view name, double min, double max, std::size_t min_count,
                                         std::size_t max_count, bool open) {
  std::vector<double> out;
  const auto* items = array(name, min_count > 0, max_count);
  if (!items) return out;
  if (items->size() < min_count) {
    fail(name, fmt::format("must hold at least {} numbers", min_count));
    return out;
  }
  for (std::size_t i = 0; i < items->size(); ++i) {
    auto number = as_number((*items)[i]);
    std::string item = fmt::format("{}[{}]", name, i);
    if (!number) {
      fail(item, "must be a number");
      return {};
    }
    bool inside = open ? (*number > min && *number < max) : (*number >= min && *number <= max);
    if (!std::isfinite(*number) || !inside) {
      fail(item, "must be " + range_text(min, max, open));
      return {};
    }
    out.push_back(*number);
  }
  return out;
}

std::vector<long long> JsonRequest::integers(std::string_view name, long long min, long long max,
                                             std::size_t min_count, std::size_t max_count) {
  std::vector<long long> out;
  auto values = numbers(name, static_cast<double>(min), static_cast<double>(max), min_count, max_count);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::floor(values[i]) != values[i]) {
      fail(fmt::format("{}[{}]", name, i), "must be a whole number");
      return {};
    }
    out.push_back(static_cast<long long>(values[i]));
  }
  return out;
}

std::vector<std::string> JsonRequest::strings(std::string_view name, std::size_t min_count, std::size_t max_count,
                                              std::size_t max_length) {
  std::vector<std::string> out;
  const auto* items = array(name, min_count > 0, max_count);
  if (!items) return out;
  if (items->size() < min_count) {
    fail(name, fmt::format("must hold at least {} strings", min_count));
    return out;
  }
  for (std::size_t i = 0; i < items->size(); ++i) {
    std::string item = fmt::format("{}[{}]", name, i);
    if (!(*items)[i].is_string() || (*items)[i].get_string().empty()) {
      fail(item, "must be a non-empty string");
      return {};
    }
    if ((*items)[i].get_string().size() > max_length) {
      fail(item, fmt::format("must be at most {} characters", max_length));
      return {};
    }
    out.emplace_back((*items)[i].get_string());
  }
  return out;
}

const boost::json::array* JsonRequest::array(std::string_view name, bool required, std::size_t max_count) {
  const auto* value = find(name, required);
  if (!value) return nullptr;
  const auto* items = value->if_array();
  if (!items) {
    fail(name, "must be an array");
    return nullptr;
  }
  if (items->size() > max_count) {
    fail(name, fmt::format("must hold at most {} items", max_count));
    return nullptr;
  }
  return items;
}

const boost::json::object* JsonRequest::object(std::string_view name, bool required) {
  const auto* value = find(name, required);
  if (!value) return nullptr;
  const auto* members = value->if_object();
  if (!members) fail(name, "must be an object");
  return members;
}

void JsonRequest::reject_unknown(std::initializer_list<std::string_view> known) {
  if (error_ || !object_) return;
  for (const auto& member : *object_) {
    bool listed = false;
    for (auto name : known) listed = listed || name == member.key();
    if (!listed) {
      fail(member.key(), "is not a known field");
      return;
    }
  }
}

std::optional<boost::json::value> parse_request_json(std::string_view text, domain::FieldError& error) {
  boost::system::error_code code;
  boost::json::parse_options options;
  options.max_depth = 32;
  auto value = boost::json::parse(text, code, {}, options);
  if (code) {
    error = {"body", "is not valid JSON: " + code.message()};
    return std::nullopt;
  }
  return value;
}

}  // namespace lmo::services
