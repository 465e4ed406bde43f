#include "domain/authorisation_overlay.hpp"

#include <algorithm>
#include <map>

namespace lmo::domain {

std::string_view authorisation_status_name(AuthorisationStatus status) {
  switch (status) {
    case AuthorisationStatus::approved: return "approved";
    case AuthorisationStatus::not_approved: return "not_approved";
    case AuthorisationStatus::unknown: return "unknown";
  }
  return "unknown";
}

std::optional<AuthorisationStatus> parse_authorisation_status(std::string_view name) {
  for (auto status : {AuthorisationStatus::approved, AuthorisationStatus::not_approved, AuthorisationStatus::unknown}) {
    if (authorisation_status_name(status) == name) return status;
  }
  return std::nullopt;
}

std::string_view conclusion_name(AuthorisationConclusion conclusion) {
  switch (conclusion) {
    case AuthorisationConclusion::nothing_to_explain: return "nothing_to_explain";
    case AuthorisationConclusion::approved_events_explain: return "approved_events_explain";
    case AuthorisationConclusion::unknown_status_events_needed: return "unknown_status_events_needed";
    case AuthorisationConclusion::not_approved_event_needed: return "not_approved_event_needed";
  }
  return "nothing_to_explain";
}

AuthorisationOverlay overlay_authorisation(const ScreeningMatrix& matrix, const Interpretation& interpretation,
                                           const AuthorisationLookup& lookup) {
  AuthorisationOverlay overlay;
  std::map<std::size_t, AuthorisationStatus> by_event;
  // Per explained positive: does an approved / unknown-status candidate explain it?
  std::map<std::size_t, std::pair<bool, bool>> explained_by;
  for (std::size_t m : interpretation.explained_positives) explained_by[m] = {false, false};
  for (const auto& candidate : interpretation.candidates) {
    AuthorisationStatus status = lookup ? lookup(matrix.events()[candidate.event].name) : AuthorisationStatus::unknown;
    overlay.candidate_status.push_back(status);
    by_event[candidate.event] = status;
    for (std::size_t m : candidate.explains) {
      explained_by[m].first = explained_by[m].first || status == AuthorisationStatus::approved;
      explained_by[m].second = explained_by[m].second || status == AuthorisationStatus::unknown;
    }
  }
  for (std::size_t m : interpretation.explained_positives) {
    auto [approved, unknown] = explained_by[m];
    if (approved) continue;
    overlay.positives_without_approved_event.push_back(m);
    if (!unknown) overlay.positives_with_not_approved_events_only.push_back(m);
  }
  if (interpretation.explained_positives.empty()) {
    overlay.conclusion = AuthorisationConclusion::nothing_to_explain;
  } else if (!overlay.positives_with_not_approved_events_only.empty()) {
    overlay.conclusion = AuthorisationConclusion::not_approved_event_needed;
  } else if (!overlay.positives_without_approved_event.empty()) {
    overlay.conclusion = AuthorisationConclusion::unknown_status_events_needed;
  } else {
    overlay.conclusion = AuthorisationConclusion::approved_events_explain;
  }
  for (std::size_t event : interpretation.explanations.in_every) {
    auto found = by_event.find(event);  // events in an explanation are candidates
    AuthorisationStatus status = found == by_event.end() ? AuthorisationStatus::unknown : found->second;
    if (status == AuthorisationStatus::not_approved) overlay.not_approved_in_every_explanation.push_back(event);
    if (status == AuthorisationStatus::unknown) overlay.unknown_in_every_explanation.push_back(event);
  }
  return overlay;
}

}  // namespace lmo::domain
