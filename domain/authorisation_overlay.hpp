// AuthorisationOverlay: the screening interpretation seen through a country's authorisations
// for a use — each candidate event marked approved, not approved or unknown, as a lookup the
// caller supplies answers (the registry's approval rules for a chosen country and use), and
// what follows: whether approved events alone can explain the positives, which positives only
// non-approved events explain, and which events in every minimum explanation lack approval.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/matrix_interpretation.hpp"
#include "domain/screening_matrix.hpp"

namespace lmo::domain {

enum class AuthorisationStatus { approved, not_approved, unknown };
std::string_view authorisation_status_name(AuthorisationStatus status);  // "approved", "not_approved", "unknown"
std::optional<AuthorisationStatus> parse_authorisation_status(std::string_view name);

// The status of an event, by its matrix name (the registry key for the registry's matrix).
using AuthorisationLookup = std::function<AuthorisationStatus(const std::string& event)>;

enum class AuthorisationConclusion {
  nothing_to_explain,            // no positive that a candidate explains
  approved_events_explain,       // approved candidates alone explain every explained positive
  unknown_status_events_needed,  // ... not without candidates of unknown status
  not_approved_event_needed,     // some positive is explained by not-approved candidates only
};
// "nothing_to_explain", "approved_events_explain", "unknown_status_events_needed",
// "not_approved_event_needed".
std::string_view conclusion_name(AuthorisationConclusion conclusion);

struct AuthorisationOverlay {
  std::vector<AuthorisationStatus> candidate_status;  // parallel to Interpretation::candidates
  AuthorisationConclusion conclusion = AuthorisationConclusion::nothing_to_explain;
  // Explained positives (method indices) no approved candidate explains, split by whether an
  // unknown-status candidate could, or only not-approved ones do.
  std::vector<std::size_t> positives_without_approved_event;
  std::vector<std::size_t> positives_with_not_approved_events_only;
  // Events in every minimum explanation that are not approved / of unknown status.
  std::vector<std::size_t> not_approved_in_every_explanation;
  std::vector<std::size_t> unknown_in_every_explanation;
};

// Asks `lookup` once per candidate event.
AuthorisationOverlay overlay_authorisation(const ScreeningMatrix& matrix, const Interpretation& interpretation,
                                           const AuthorisationLookup& lookup);

}  // namespace lmo::domain
