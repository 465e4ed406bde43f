// LabSuggestion: what the border check proposes to the laboratory when a consignment is to be
// sampled — a zero-tolerance sampling plan (with the sample mass when the crop's seed weight is
// known) and the cheapest screening panel detecting the LMOs named on the documents. Its
// parameters are data (data/lab/border_sampling.json).
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/panel_design.hpp"
#include "domain/plan_search.hpp"

namespace lmo::services {

struct LabTools;

struct BorderSampling {
  double proportion = 0.001;
  double confidence = 0.95;
  long long max_pool_size = 400;
  double panel_coverage_percent = 100;
  std::size_t panel_max_methods = 5;
};

struct SuggestedMethod {
  std::string code;
  std::string label;
  std::size_t detected = 0;  // of the targets
};

struct LabSuggestion {
  BorderSampling basis;
  std::optional<domain::PlanCandidate> plan;
  std::string crop;                   // organism id of the LMOs, when known
  std::optional<double> sample_grams;  // the plan's seeds at the crop's typical seed weight
  std::vector<std::string> targets;   // registry keys the panel is designed for
  std::string panel_status;           // "optimal", "infeasible", "search_limit_reached", or "" (no panel)
  std::vector<SuggestedMethod> panel;
  std::vector<std::string> undetectable;  // targets no screening method of the registry detects
};

// `keys`: registry keys of the LMOs on the documents; `organism`: their organism id (or "").
// A sampling plan is proposed only for a `seed_lot` (seed or grain: the plans count seeds).
LabSuggestion suggest_lab_work(const LabTools& lab, const std::vector<std::string>& keys, const std::string& organism,
                               bool seed_lot);

boost::json::object to_json(const LabSuggestion& suggestion);

}  // namespace lmo::services
