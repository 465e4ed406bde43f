// Estimation service: the share of GM seeds in a lot from qualitative results on pools, as JSON
// in and out — shared by POST /api/v1/lab/estimates/pooled and /stacked and by
// `lmo-portal estimate pooled|stacked`.
//
// estimate_pooled request — one pool size:
//   {"pool_size": 100, "pools": 10, "positive_pools": 2,
//    "confidence": 0.95, "interval": "two_sided" | "upper", "fpr": 0, "fnr": 0}
// or several pool sizes (groups of pools; groups sharing one size are answered exactly):
//   {"groups": [{"pool_size": 100, "pools": 10, "positive_pools": 3},
//               {"pool_size": 50, "pools": 20, "positive_pools": 2}],
//    "confidence", "interval", "fpr", "fnr" as above, "max_iterations": 100}
// Response: method ("exact_clopper_pearson" | "likelihood_ratio"), status ("estimated" |
// "above_measurable_range" | "not_converged"), estimate {fraction, percent} or null, interval
// {kind, confidence, lower, upper} or null, lower_bound (one-sided, when above the measurable
// range) or null, pools, positive_pools, seeds, assay {fpr, fnr}, iterations, log_likelihood,
// explanation.
//
// estimate_stacked request:
//   {"pool_size": 20, "events": ["MON89034", "NK603"],
//    "class_counts": {"none": 30, "MON89034": 4, "NK603": 3, "MON89034+NK603": 3},
//    "pools": 40, "fpr": 0.01 | [0.01, 0.02], "fnr": 0.02 | [..],
//    "seed_types": ["MON89034", "NK603", "MON89034+NK603"], "max_iterations": 20000}
// class_counts: pools by the set of event assays that were positive ("none", event names joined
// by '+', any order; classes left out count 0); pools (optional) must equal their sum. fpr/fnr:
// one rate for every assay or one per event. seed_types: the GM seed types modelled (default: every
// combination of the events). Response: method "multinomial_em", status ("converged" | "boundary"
// | "not_converged" | "all_pools_positive"), seed_types [{type, events, estimate}], event_carriers
// [{event, estimate}], gm_seeds, classes [{class, events, observed, expected}], assay
// [{event, fpr, fnr}], log_likelihood, iterations, saturated_events, explanation. Estimates are
// {fraction, percent} or null (never a number when not converged or all pools positive).
#pragma once

#include <boost/json/value.hpp>

#include "services/json_request.hpp"

namespace lmo::services {

ServiceResult estimate_pooled(const boost::json::value& request);
ServiceResult estimate_stacked(const boost::json::value& request);

}  // namespace lmo::services
