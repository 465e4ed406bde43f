// Quantification and compliance use cases of the lab tools: qPCR standard-curve quantification
// with GM %, digital PCR quantification (and GM % from two targets), the compliance decision
// against a jurisdiction's threshold, and the list of thresholds. JSON request in, JSON response
// out (API body and CLI alike); bad input is a FieldError naming the request field.
//
// quantify_qpcr request:
//   {"event_curve": [{"copies": N, "cq": C}, …], "reference_curve": […]   (one curve per target)
//    | "curve": […]                                                       (one curve for both),
//    "event_cq": [C, …], "reference_cq": [C, …],
//    "acceptance": {"min_efficiency_percent": 90, "max_efficiency_percent": 110, "min_r_squared": 0.98}}
// quantify_dpcr request:
//   {"target": {"positive": k, "partitions": n, "partition_volume_nl": v,
//               "reaction_volume_ul": V?, "dilution_factor": d?},
//    "reference": {…}?, "confidence": 0.95?}
// decide_compliance request:
//   {"result": "quantified"|"identified"|"not_detected"?, "value": x?, "lod": L?,
//    "rsd_precision": % | "u_precision": u, "rsd_bias": % | "u_bias": u, "coverage_factor": 2?,
//    "threshold": "eu-labelling" | "threshold_percent": T}
#pragma once

#include <boost/json.hpp>

#include "services/json_request.hpp"
#include "services/threshold_table.hpp"

namespace lmo::services {

ServiceResult quantify_qpcr(const boost::json::value& request);
ServiceResult quantify_dpcr(const boost::json::value& request);
ServiceResult decide_compliance(const boost::json::value& request, const ThresholdTable& thresholds);
ServiceResult list_thresholds(const ThresholdTable& thresholds);

}  // namespace lmo::services
