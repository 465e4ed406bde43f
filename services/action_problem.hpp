// ActionProblem: why a user's action on a record was refused — bad input (the field named),
// not allowed for this user, no such record, or in conflict with its current state (changed
// by someone else first, or already closed). The web layer maps the kinds to 422/403/404/409.
#pragma once

#include "domain/field_error.hpp"

namespace lmo::services {

struct ActionProblem {
  enum class Kind { invalid, forbidden, not_found, conflict } kind = Kind::invalid;
  domain::FieldError error;
};

inline ActionProblem action_problem(ActionProblem::Kind kind, std::string field, std::string message) {
  return {kind, {std::move(field), std::move(message)}};
}

}  // namespace lmo::services
