#include "services/lab_suggestion.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <cmath>

#include "domain/seed_mass.hpp"
#include "services/lab_tools.hpp"

namespace lmo::services {

namespace json = boost::json;

LabSuggestion suggest_lab_work(const LabTools& lab, const std::vector<std::string>& keys, const std::string& organism,
                               bool seed_lot) {
  LabSuggestion out;
  out.basis = lab.border_sampling;
  out.crop = organism;
  domain::DetectionPlanRequest request;
  request.proportion = out.basis.proportion;
  request.confidence = out.basis.confidence;
  request.max_pool_size = out.basis.max_pool_size;
  auto plan = seed_lot ? domain::suggest_plan(request) : domain::Checked<domain::PlanCandidate>(domain::FieldError{});
  if (auto* found = std::get_if<domain::PlanCandidate>(&plan)) {
    out.plan = *found;
    if (const auto* crop = lab.crops.find(organism)) {
      auto grams = domain::sample_mass_grams(found->seeds, crop->typical_g);
      if (const auto* value = std::get_if<double>(&grams)) out.sample_grams = *value;
    }
  }
  const auto* matrix = lab.matrix();
  if (!matrix || keys.empty()) return out;
  domain::PanelRequest panel;
  for (const auto& key : keys) {
    auto index = matrix->find_event(key);
    if (!index) {
      out.undetectable.push_back(key);
    } else if (std::find(panel.targets.begin(), panel.targets.end(), *index) == panel.targets.end()) {
      panel.targets.push_back(*index);
      out.targets.push_back(key);
    }
  }
  if (panel.targets.empty()) return out;
  panel.coverage = out.basis.panel_coverage_percent;
  panel.max_methods = out.basis.panel_max_methods;
  auto design = domain::design_panel(*matrix, panel);
  const auto* result = std::get_if<domain::PanelDesign>(&design);
  if (!result) return out;
  out.panel_status = std::string(domain::panel_status_name(result->status));
  for (auto index : result->undetectable) out.undetectable.push_back(matrix->events()[panel.targets[index]].name);
  // An infeasible goal still yields the best panel found for the largest size.
  const domain::Panel* chosen = result->panel ? &*result->panel : result->curve.empty() ? nullptr : &result->curve.back().best;
  if (!chosen) return out;
  for (auto m : chosen->methods) {
    const auto& method = matrix->methods()[m];
    std::size_t detected = 0;
    for (auto t : panel.targets) detected += matrix->detects(m).test(t) ? 1 : 0;
    out.panel.push_back({method.name, method.label, detected});
  }
  return out;
}

json::object to_json(const LabSuggestion& s) {
  json::value plan = nullptr;
  if (s.plan) {
    json::object p{{"seeds", s.plan->seeds}, {"consumer_risk", s.plan->consumer_risk},
                   {"expected_assays", s.plan->expected_assays}};
    if (const auto* pooled = std::get_if<domain::PooledPlan>(&s.plan->plan)) {
      p["type"] = "pooled";
      p["pools"] = pooled->pools;
      p["pool_size"] = pooled->pool_size;
      p["acceptance_number"] = pooled->acceptance_number;
    } else if (const auto* single = std::get_if<domain::IndividualSeedPlan>(&s.plan->plan)) {
      p["type"] = "individual";
      p["seeds"] = single->seeds;
      p["acceptance_number"] = single->acceptance_number;
    }
    p["sample_grams"] = s.sample_grams ? json::value(std::round(*s.sample_grams * 10) / 10) : json::value(nullptr);
    plan = std::move(p);
  }
  json::array panel, targets, undetectable;
  for (const auto& m : s.panel) panel.push_back(json::object{{"method", m.code}, {"label", m.label}, {"detected_targets", m.detected}});
  for (const auto& t : s.targets) targets.emplace_back(t);
  for (const auto& t : s.undetectable) undetectable.emplace_back(t);
  return {{"basis", json::object{{"proportion", s.basis.proportion},
                                 {"confidence", s.basis.confidence},
                                 {"max_pool_size", s.basis.max_pool_size},
                                 {"source", "data/lab/border_sampling.json"}}},
          {"crop", s.crop.empty() ? json::value(nullptr) : json::value(s.crop)},
          {"sampling_plan", std::move(plan)},
          {"screening_panel", json::object{{"status", s.panel_status.empty() ? json::value(nullptr) : json::value(s.panel_status)},
                                           {"targets", std::move(targets)},
                                           {"methods", std::move(panel)},
                                           {"undetectable", std::move(undetectable)}}}};
}

}  // namespace lmo::services
