#include "services/screening_matrix_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/matrix_interpretation.hpp"
#include "domain/panel_design.hpp"

namespace lmo::services {

namespace json = boost::json;
using domain::FieldError;
using domain::ScreeningMatrix;

namespace {

constexpr std::size_t kMaxCsvBytes = 16 * 1024 * 1024;
constexpr long long kMaxListedExplanations = 1000;
constexpr long long kMaxNextTests = 100;

// The matrix a request works on: its own CSV, else the registry's.
struct MatrixChoice {
  std::optional<ScreeningMatrix> uploaded;
  const ScreeningMatrix* registry = nullptr;
  const ScreeningMatrix& matrix() const { return uploaded ? *uploaded : *registry; }
  std::string source() const { return uploaded ? "request" : "registry"; }
};

std::optional<MatrixChoice> choose_matrix(JsonRequest& in, const ScreeningMatrix* registry_matrix) {
  MatrixChoice choice;
  if (!in.has("matrix_csv")) {
    if (!registry_matrix) {
      in.fail("matrix_csv", "is required (no registry matrix is available)");
      return std::nullopt;
    }
    choice.registry = registry_matrix;
    return choice;
  }
  std::string csv = in.string("matrix_csv", std::nullopt, {}, kMaxCsvBytes);
  if (!in.ok()) return std::nullopt;
  auto parsed = domain::parse_screening_matrix_csv(csv, "matrix_csv");
  if (const auto* error = domain::error_of(parsed)) {
    in.fail(error->field, error->message);
    return std::nullopt;
  }
  choice.uploaded.emplace(std::get<ScreeningMatrix>(std::move(parsed)));
  return choice;
}

json::object matrix_summary(const MatrixChoice& choice) {
  return {{"source", choice.source()},
          {"events", choice.matrix().events().size()},
          {"methods", choice.matrix().methods().size()}};
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::vector<std::string> method_list(const ScreeningMatrix& matrix, const std::vector<std::size_t>& methods) {
  std::vector<std::string> out;
  for (std::size_t m : methods) out.push_back(matrix.methods()[m].name);
  return out;
}

std::vector<std::string> event_labels(const ScreeningMatrix& matrix, const std::vector<std::size_t>& events) {
  std::vector<std::string> out;
  for (std::size_t e : events) out.push_back(matrix.events()[e].label);
  return out;
}

json::array json_strings(const std::vector<std::string>& texts) {
  json::array out;
  for (const auto& text : texts) out.emplace_back(text);
  return out;
}

json::array method_names(const ScreeningMatrix& matrix, const std::vector<std::size_t>& methods) {
  return json_strings(method_list(matrix, methods));
}

json::array event_names(const ScreeningMatrix& matrix, const std::vector<std::size_t>& events) {
  json::array out;
  for (std::size_t e : events) out.emplace_back(matrix.events()[e].name);
  return out;
}

json::value nullable_text(const std::string& text) { return text.empty() ? json::value(nullptr) : json::value(text); }

// ---- interpretation -----------------------------------------------------------------------

std::vector<domain::MethodResult> read_results(JsonRequest& in) {
  std::vector<domain::MethodResult> results;
  if (!in.has("results")) return results;
  const json::value& value = in.root()->at("results");
  auto read_result = [&](JsonRequest& item, std::string_view name, const std::string& method) {
    std::string text = item.string(name, std::nullopt, {"positive", "negative", "untested"});
    if (item.ok()) results.push_back({method, *domain::parse_test_result(text)});
  };
  if (value.is_object()) {
    JsonRequest object(value, "results");
    if (value.as_object().size() > 2 * domain::kMaxMatrixMethods) {
      in.fail("results", fmt::format("must hold at most {} results", 2 * domain::kMaxMatrixMethods));
      return {};
    }
    for (const auto& member : value.as_object()) {
      read_result(object, member.key(), std::string(member.key()));
      if (!object.ok()) break;
    }
    if (!object.ok()) in.fail(object.error()->field, object.error()->message);
    return results;
  }
  if (!value.is_array()) {
    in.fail("results", "must be an object or an array");
    return {};
  }
  const auto* items = in.array("results", false, 2 * domain::kMaxMatrixMethods);
  if (!items) return {};
  for (std::size_t i = 0; i < items->size() && in.ok(); ++i) {
    JsonRequest item((*items)[i], fmt::format("results[{}]", i));
    std::string method = item.string("method", std::nullopt, {}, domain::kMaxMatrixNameLength);
    read_result(item, "result", method);
    item.reject_unknown({"method", "result"});
    if (!item.ok()) in.fail(item.error()->field, item.error()->message);
  }
  return results;
}

std::string unexplained_text(const ScreeningMatrix& matrix, const domain::UnexplainedPositive& u) {
  const auto& method = matrix.methods()[u.method];
  std::string text = fmt::format("{} is positive, but every event it detects is excluded by a negative result", method.name);
  std::vector<std::string> markers = method_list(matrix, u.virus_markers);
  switch (u.assessment) {
    case domain::UnexplainedAssessment::possible_unauthorised_gmo:
      text += u.virus.empty() ? ": possibly an unauthorised GMO."
                              : fmt::format(": possibly an unauthorised GMO ({} marker negative).", u.virus);
      break;
    case domain::UnexplainedAssessment::check_plant_virus:
      text += fmt::format(": possibly an unauthorised GMO, or {}, which carries the same sequence", u.virus);
      text += markers.empty() ? fmt::format(" — test for the virus (this matrix has no {} marker).", u.virus)
                              : fmt::format(" — run the virus marker {}.", joined(markers));
      break;
    case domain::UnexplainedAssessment::plant_virus_marker_positive:
      text += fmt::format(": the {} marker is positive, so the virus may explain it; an unauthorised GMO is not excluded.",
                          u.virus);
      break;
  }
  return text;
}

std::string interpretation_text(const ScreeningMatrix& matrix, const domain::Interpretation& out) {
  std::vector<std::string> parts;
  parts.push_back(fmt::format("{} and {}: {} of {} excluded, {} remaining.",
                              plural(out.positives.size(), "positive result", "positive results"),
                              plural(out.negatives.size(), "negative", "negatives"), out.excluded.size(),
                              plural(matrix.events().size(), "event", "events"),
                              plural(out.candidates.size(), "candidate", "candidates")));
  if (!out.unexplained.empty()) {
    std::vector<std::size_t> methods;
    for (const auto& u : out.unexplained) methods.push_back(u.method);
    auto names = method_list(matrix, methods);
    parts.push_back(fmt::format("Unexplained: {} — no remaining event explains {}; see unexplained_positives.",
                                joined(names), names.size() == 1 ? "it" : "them"));
  }
  const auto& ex = out.explanations;
  switch (ex.status) {
    case domain::ExplanationStatus::nothing_to_explain:
      parts.push_back(out.unexplained.empty() ? "No positive result needs explaining."
                                              : "No remaining event explains any positive result.");
      break;
    case domain::ExplanationStatus::complete:
    case domain::ExplanationStatus::truncated: {
      std::string count = ex.count ? (*ex.count == 1 ? "one such explanation" : fmt::format("{} such explanations", *ex.count))
                                   : "too many such explanations to count";
      parts.push_back(fmt::format("The smallest explanation of the positives has {}; there {} {}.",
                                  plural(*ex.size, "event", "events"), ex.count && *ex.count == 1 ? "is" : "are", count));
      if (!ex.in_every.empty()) {
        parts.push_back(fmt::format("Every smallest explanation contains {}.", joined(event_labels(matrix, ex.in_every))));
      }
      break;
    }
    case domain::ExplanationStatus::search_limit_reached:
      parts.push_back("The exact search for the smallest explanations stopped at its effort limit; none is reported.");
      break;
  }
  if (!out.next_tests.empty()) {
    const auto& best = out.next_tests.front();
    parts.push_back(fmt::format("Next test: {} ({:.2f} bits, cost {}).", matrix.methods()[best.method].name,
                                best.information_bits, matrix.methods()[best.method].cost));
  }
  std::string text;
  for (const auto& part : parts) text += (text.empty() ? "" : " ") + part;
  return text;
}

json::object overlay_json(const ScreeningMatrix& matrix, const domain::AuthorisationOverlay& overlay,
                          const std::string& country, domain::Use use) {
  std::string text;
  switch (overlay.conclusion) {
    case domain::AuthorisationConclusion::nothing_to_explain:
      text = "No positive result is explained by a remaining event, so no authorisation decides it.";
      break;
    case domain::AuthorisationConclusion::approved_events_explain:
      text = fmt::format("Events approved in {} for {} can explain every explained positive.", country,
                         domain::use_name(use));
      break;
    case domain::AuthorisationConclusion::unknown_status_events_needed:
      text = fmt::format("Events approved in {} for {} cannot explain {}; events of unknown status can.", country,
                         domain::use_name(use),
                         joined(method_list(matrix, overlay.positives_without_approved_event)));
      break;
    case domain::AuthorisationConclusion::not_approved_event_needed:
      text = fmt::format("Only events not approved in {} for {} explain {}.", country, domain::use_name(use),
                         joined(method_list(matrix, overlay.positives_with_not_approved_events_only)));
      break;
  }
  if (!overlay.not_approved_in_every_explanation.empty()) {
    text += fmt::format(" Every smallest explanation contains {}, not approved.",
                        joined(event_labels(matrix, overlay.not_approved_in_every_explanation)));
  }
  return {{"status", "applied"},
          {"country", country},
          {"use", domain::use_name(use)},
          {"conclusion", domain::conclusion_name(overlay.conclusion)},
          {"positives_without_approved_event", method_names(matrix, overlay.positives_without_approved_event)},
          {"positives_with_not_approved_events_only", method_names(matrix, overlay.positives_with_not_approved_events_only)},
          {"not_approved_in_every_explanation", event_names(matrix, overlay.not_approved_in_every_explanation)},
          {"unknown_in_every_explanation", event_names(matrix, overlay.unknown_in_every_explanation)},
          {"explanation", text}};
}

// ---- panel design -------------------------------------------------------------------------

std::vector<std::size_t> read_names(JsonRequest& in, std::string_view field, std::size_t max_count,
                                    const std::function<std::optional<std::size_t>(const std::string&)>& find,
                                    std::string_view unknown_message) {
  std::vector<std::size_t> indices;
  auto names = in.strings(field, 0, max_count, domain::kMaxMatrixNameLength);
  for (std::size_t i = 0; i < names.size() && in.ok(); ++i) {
    auto index = find(names[i]);
    if (!index) {
      in.fail(fmt::format("{}[{}]", field, i), std::string(unknown_message));
      break;
    }
    indices.push_back(*index);
  }
  return indices;
}

json::array panel_methods_json(const ScreeningMatrix& matrix, const domain::Panel& panel, const std::vector<double>& costs,
                               const std::vector<std::size_t>& targets) {
  json::array out;
  for (std::size_t m : panel.methods) {
    std::size_t detected = 0;
    for (std::size_t t : targets) detected += matrix.detects(m).test(t) ? 1 : 0;
    const auto& method = matrix.methods()[m];
    out.push_back(json::object{{"method", method.name},
                               {"label", method.label},
                               {"kind", domain::method_kind_name(method.kind)},
                               {"cost", costs[m]},
                               {"detected_targets", detected}});
  }
  return out;
}

double percent(std::size_t part, std::size_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

ServiceResult interpret_screening(const json::value& request, const ScreeningMatrix* registry_matrix,
                                  const ApprovalLookup& approval) {
  JsonRequest in(request);
  in.reject_unknown({"matrix_csv", "results", "country", "use", "max_explanations", "max_next_tests"});
  auto choice = choose_matrix(in, registry_matrix);
  std::vector<domain::MethodResult> results = in.ok() ? read_results(in) : std::vector<domain::MethodResult>{};
  std::string country = in.string("country", "", {}, 2);
  if (in.ok() && !country.empty() &&
      !(country.size() == 2 && std::isupper(static_cast<unsigned char>(country[0])) &&
        std::isupper(static_cast<unsigned char>(country[1])))) {
    in.fail("country", "must be an ISO 3166-1 alpha-2 code such as DE, or EU");
  }
  std::string use_text = in.string("use", "", {"food", "feed", "processing", "release", "field_trial", "contained_use", "transit", "other"});
  if (in.ok() && !use_text.empty() && country.empty()) in.fail("country", "is required when use is given");
  domain::InterpretationOptions options;
  options.max_listed_explanations = static_cast<std::size_t>(in.integer("max_explanations", 20, 0, kMaxListedExplanations));
  options.max_next_tests = static_cast<std::size_t>(in.integer("max_next_tests", 10, 0, kMaxNextTests));
  if (!in.ok()) return *in.error();

  const ScreeningMatrix& matrix = choice->matrix();
  auto interpreted = domain::interpret_results(matrix, results, options);
  if (const auto* error = domain::error_of(interpreted)) return *error;
  const auto& out = std::get<domain::Interpretation>(interpreted);

  std::optional<domain::AuthorisationOverlay> overlay;
  domain::Use use = use_text.empty() ? domain::Use::food : *domain::parse_use(use_text);
  if (!country.empty() && approval) {
    overlay = domain::overlay_authorisation(matrix, out, [&](const std::string& event) { return approval(event, country, use); });
  }

  std::vector<bool> in_every(matrix.events().size(), false);
  for (std::size_t e : out.explanations.in_every) in_every[e] = true;

  json::array excluded;
  for (const auto& entry : out.excluded) {
    excluded.push_back(json::object{{"event", matrix.events()[entry.event].name},
                                    {"label", matrix.events()[entry.event].label},
                                    {"by", method_names(matrix, entry.by)}});
  }
  json::array candidates;
  for (std::size_t i = 0; i < out.candidates.size(); ++i) {
    const auto& c = out.candidates[i];
    json::object item{{"event", matrix.events()[c.event].name},
                      {"label", matrix.events()[c.event].label},
                      {"explains", method_names(matrix, c.explains)},
                      {"in_every_explanation", static_cast<bool>(in_every[c.event])}};
    if (overlay) item["authorisation"] = domain::authorisation_status_name(overlay->candidate_status[i]);
    candidates.push_back(std::move(item));
  }
  json::array unexplained;
  for (const auto& u : out.unexplained) {
    json::array markers;
    for (std::size_t v : u.virus_markers) {
      auto it = std::find(out.positives.begin(), out.positives.end(), v);
      auto nt = std::find(out.negatives.begin(), out.negatives.end(), v);
      std::string_view result = it != out.positives.end() ? "positive" : nt != out.negatives.end() ? "negative" : "untested";
      markers.push_back(json::object{{"method", matrix.methods()[v].name}, {"result", result}});
    }
    unexplained.push_back(json::object{{"method", matrix.methods()[u.method].name},
                                       {"assessment", domain::assessment_name(u.assessment)},
                                       {"virus", nullable_text(u.virus)},
                                       {"virus_markers", std::move(markers)},
                                       {"explanation", unexplained_text(matrix, u)}});
  }
  const auto& ex = out.explanations;
  json::array listed;
  for (const auto& explanation : ex.listed) listed.push_back(event_names(matrix, explanation));
  bool listed_all = ex.count && *ex.count == ex.listed.size();
  json::object explanations{{"status", domain::explanation_status_name(ex.status)},
                            {"size", ex.size ? json::value(*ex.size) : json::value(nullptr)},
                            {"count", ex.count ? json::value(*ex.count) : json::value(nullptr)},
                            {"listed", std::move(listed)},
                            {"listed_all", listed_all},
                            {"in_every", event_names(matrix, ex.in_every)},
                            {"search_nodes", ex.search_nodes}};
  json::array tests;
  for (const auto& t : out.next_tests) {
    const auto& method = matrix.methods()[t.method];
    tests.push_back(json::object{{"method", method.name},
                                 {"label", method.label},
                                 {"kind", domain::method_kind_name(method.kind)},
                                 {"cost", method.cost},
                                 {"information_bits", t.information_bits},
                                 {"positive_probability", t.positive_probability},
                                 {"detected_candidates", t.detected_candidates}});
  }
  json::value authorisation = nullptr;
  if (overlay) {
    authorisation = overlay_json(matrix, *overlay, country, use);
  } else if (!country.empty()) {
    authorisation = json::object{{"status", "unavailable"},
                                 {"country", country},
                                 {"use", domain::use_name(use)},
                                 {"explanation", "No approval lookup is available here."}};
  }
  return json::value(json::object{
      {"matrix", matrix_summary(*choice)},
      {"positives", method_names(matrix, out.positives)},
      {"negatives", method_names(matrix, out.negatives)},
      {"excluded", std::move(excluded)},
      {"candidates", std::move(candidates)},
      {"unexplained_positives", std::move(unexplained)},
      {"possible_unauthorised_gmo", !out.unexplained.empty()},
      {"minimum_explanations", std::move(explanations)},
      {"next_tests", json::object{{"basis", domain::split_basis_name(out.next_test_basis)}, {"tests", std::move(tests)}}},
      {"authorisation", std::move(authorisation)},
      {"explanation", interpretation_text(matrix, out)}});
}

ServiceResult design_panel(const json::value& request, const ScreeningMatrix* registry_matrix) {
  JsonRequest in(request);
  in.reject_unknown({"matrix_csv", "targets", "methods", "costs", "coverage", "max_methods"});
  auto choice = choose_matrix(in, registry_matrix);
  if (!in.ok()) return *in.error();
  const ScreeningMatrix& matrix = choice->matrix();

  domain::PanelRequest panel_request;
  panel_request.targets = read_names(in, "targets", domain::kMaxMatrixEvents,
                                     [&](const std::string& name) { return matrix.find_event(name); },
                                     "is not an event of the matrix");
  panel_request.methods = read_names(in, "methods", domain::kMaxMatrixMethods,
                                     [&](const std::string& name) { return matrix.find_method(name); },
                                     "is not a method of the matrix");
  std::vector<double> costs;
  for (const auto& method : matrix.methods()) costs.push_back(method.cost);
  if (const auto* overrides = in.object("costs", false); overrides && in.ok()) {
    JsonRequest cost_request(in.root()->at("costs"), "costs");
    for (const auto& member : *overrides) {
      std::string name(member.key());
      auto m = matrix.find_method(name);
      if (!m) {
        cost_request.fail(name, "is not a method of the matrix");
        break;
      }
      double cost = cost_request.number(name, std::nullopt, 0, domain::kMaxMethodCost);
      if (cost_request.ok() && cost <= 0) cost_request.fail(name, "must be above 0");
      if (!cost_request.ok()) break;
      costs[*m] = cost;
    }
    if (!cost_request.ok()) in.fail(cost_request.error()->field, cost_request.error()->message);
  }
  panel_request.costs = costs;
  panel_request.coverage = in.number("coverage", 80.0, 0, 100);
  if (in.ok() && panel_request.coverage <= 0) in.fail("coverage", "must be above 0 and at most 100");
  panel_request.max_methods = static_cast<std::size_t>(
      in.integer("max_methods", 5, 1, static_cast<long long>(domain::kMaxPanelMethods)));
  if (!in.ok()) return *in.error();

  auto designed = domain::design_panel(matrix, panel_request);
  if (const auto* error = domain::error_of(designed)) return *error;
  const auto& out = std::get<domain::PanelDesign>(designed);

  std::vector<std::size_t> targets = panel_request.targets;
  if (targets.empty()) {
    for (std::size_t e = 0; e < matrix.events().size(); ++e) targets.push_back(e);
  }
  json::value panel = nullptr;
  if (out.panel) {
    panel = json::object{{"methods", panel_methods_json(matrix, *out.panel, costs, targets)},
                         {"cost", out.panel->cost},
                         {"covered", out.panel->covered},
                         {"coverage_percent", percent(out.panel->covered, out.target_count)}};
  }
  json::array curve;
  for (const auto& point : out.curve) {
    curve.push_back(json::object{{"max_methods", point.max_methods},
                                 {"covered", point.best.covered},
                                 {"coverage_percent", percent(point.best.covered, out.target_count)},
                                 {"cost", point.best.cost},
                                 {"methods", method_names(matrix, point.best.methods)},
                                 {"exact", point.exact}});
  }
  std::string text;
  std::string goal = fmt::format("at least {:g} % of {} ({} of them) with at most {}", panel_request.coverage,
                                 plural(out.target_count, "target event", "target events"), out.required,
                                 plural(panel_request.max_methods, "method", "methods"));
  switch (out.status) {
    case domain::PanelStatus::optimal:
      text = fmt::format("The cheapest panel detecting {} costs {:g}: {}; it detects {} of {}.", goal, out.panel->cost,
                         joined(method_list(matrix, out.panel->methods)),
                         out.panel->covered, out.target_count);
      break;
    case domain::PanelStatus::infeasible:
      text = fmt::format("No panel detects {}: the most any {} detect is {}.", goal,
                         plural(panel_request.max_methods, "method", "methods"), out.curve.back().best.covered);
      break;
    case domain::PanelStatus::search_limit_reached:
      text = fmt::format("The exact search for a panel detecting {} stopped at its effort limit{}.", goal,
                         out.panel ? fmt::format("; the best panel found costs {:g} (not proven cheapest)", out.panel->cost) : "");
      break;
  }
  if (!out.undetectable.empty()) {
    text += fmt::format(" {} no candidate method detects.", plural(out.undetectable.size(), "target event", "target events"));
  }
  return json::value(json::object{{"matrix", matrix_summary(*choice)},
                                  {"status", domain::panel_status_name(out.status)},
                                  {"targets", out.target_count},
                                  {"required", out.required},
                                  {"coverage_goal_percent", panel_request.coverage},
                                  {"max_methods", panel_request.max_methods},
                                  {"panel", std::move(panel)},
                                  {"uncovered_targets", event_names(matrix, out.uncovered)},
                                  {"undetectable_targets", event_names(matrix, out.undetectable)},
                                  {"coverage_curve", std::move(curve)},
                                  {"search_nodes", out.search_nodes},
                                  {"explanation", text}});
}

ServiceResult describe_matrix(const ScreeningMatrix& matrix) {
  json::array events;
  for (const auto& event : matrix.events()) events.push_back(json::object{{"name", event.name}, {"label", event.label}});
  json::array methods;
  for (std::size_t m = 0; m < matrix.methods().size(); ++m) {
    const auto& method = matrix.methods()[m];
    methods.push_back(json::object{{"name", method.name},
                                   {"label", method.label},
                                   {"kind", domain::method_kind_name(method.kind)},
                                   {"cost", method.cost},
                                   {"virus", nullable_text(method.virus)},
                                   {"targets", json_strings(method.targets)},
                                   {"detects", event_names(matrix, matrix.detects(m).members())}});
  }
  return json::value(json::object{{"event_count", matrix.events().size()},
                                  {"method_count", matrix.methods().size()},
                                  {"events", std::move(events)},
                                  {"methods", std::move(methods)}});
}

}  // namespace lmo::services
