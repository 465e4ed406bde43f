// Sampling-plan services shared by the JSON API (POST /api/v1/lab/sampling/evaluate, /search,
// /seeds; GET /api/v1/lab/crops) and `lmo-portal plan evaluate|search|seeds`: each reads a
// JSON request strictly (unknown fields are refused), calls domain/sampling_plan and
// domain/plan_search, and answers with numbers, stable codes and an English explanation.
//
// evaluate_sampling_plan — {"type": "individual" | "pooled" | "double_stage",
//   individual: "seeds", "acceptance_number"; pooled: "pools", "pool_size", "acceptance_number";
//   double_stage: "pool_size", "pools", "acceptance_number", "rejection_number", "second_pools",
//   "second_acceptance_number"; any: "false_positive_rate", "false_negative_rate", "aql", "lql",
//   "points" (chart points, default 60), "max_pool_size" or "lod" (the detection limit)} →
//   {"plan", "seeds_total", "assays_max", "aql": {"p", "acceptance_probability",
//   "producer_risk", "expected_assays"} | null, "lql": {"p", "acceptance_probability",
//   "consumer_risk", "expected_assays"} | null, "operating_characteristic": [{"p",
//   "acceptance_probability"}, …], "explanation"}
// search_sampling_plans — {"lql", "max_consumer_risk", "aql", "max_producer_risk",
//   "cost_per_assay", "cost_per_seed", "max_pool_size" | "lod", "false_positive_rate",
//   "false_negative_rate", "max_pools", "max_seeds", "max_acceptance_number",
//   "include_double_stage", "limit"} → {"status": "found" | "none_found", "criteria",
//   "plans": [{"rank", "plan", "cost", "seeds_total", "expected_assays", "assays_max",
//   "producer_risk" | null, "consumer_risk"}], "explanation"}
// seeds_for_detection — {"proportion", "confidence", "pool_size", "acceptance_number",
//   "false_positive_rate", "false_negative_rate", "crop" | "thousand_kernel_weight_g",
//   "sample_mass_g"} → {"seeds", "pools", "pool_size", "acceptance_probability", "plan",
//   "mass": {…} | null, "sample": {…} | null, "explanation"}
// list_crops — {} or {"id"} → {"version", "unit", "crops": [bundled records]}
#pragma once

#include <boost/json/value.hpp>

#include "services/crop_table.hpp"
#include "services/json_request.hpp"

namespace lmo::services {

ServiceResult evaluate_sampling_plan(const boost::json::value& request);
ServiceResult search_sampling_plans(const boost::json::value& request);
ServiceResult seeds_for_detection(const boost::json::value& request, const CropTable& crops);
ServiceResult list_crops(const boost::json::value& request, const CropTable& crops);

}  // namespace lmo::services
