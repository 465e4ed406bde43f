// FieldError and Checked<T>: the lab tools' way of refusing input. A function that validates
// its input returns Checked<T> — either the value or the first problem found, naming the
// field (a JSON-style path such as "pools[2].size") and saying what is wrong in a sentence.
#pragma once

#include <string>
#include <variant>

namespace lmo::domain {

struct FieldError {
  std::string field;
  std::string message;
};

template <class T>
using Checked = std::variant<T, FieldError>;

template <class T>
const FieldError* error_of(const Checked<T>& checked) {
  return std::get_if<FieldError>(&checked);
}

}  // namespace lmo::domain
