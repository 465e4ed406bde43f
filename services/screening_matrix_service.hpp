// Screening-matrix use cases of the lab tools: interpreting screening results (with the
// authorisation overlay for a country and use), designing a screening panel, and describing
// a matrix. The matrix is the laboratory's own (CSV text in the request) or the registry's.
// JSON request in, JSON response out (API body and CLI alike); bad input is a FieldError
// naming the request field.
//
// interpret_screening request:
//   {"matrix_csv": "method,cost,kind,MON810,…\nP-35S,1,element,1,…"?   (default: the registry's)
//    "results": {"P-35S": "positive", "bar": "negative", …}
//             | [{"method": "P-35S", "result": "positive"}, …]?   (the array form keeps repeats,
//                                                                  so contradictions are seen)
//    "country": "DE"?, "use": "food"?   (authorisation overlay; use defaults to food)
//    "max_explanations": 20?, "max_next_tests": 10?}
// design_panel request:
//   {"matrix_csv": …?, "targets": ["MON810", …]? (default: every event), "methods": […]?
//    (default: every screening method), "costs": {"P-35S": 2.5, …}?, "coverage": 80?
//    (percent), "max_methods": 5?}
// describe_matrix: the matrix as lists (events; methods with the events each detects).
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <string>

#include "domain/authorisation_overlay.hpp"
#include "domain/registry_records.hpp"
#include "domain/screening_matrix.hpp"
#include "services/json_request.hpp"

namespace lmo::services {

// Whether `event` (a matrix event name: the registry key for the registry's matrix) is
// approved in `country` (ISO 3166-1 alpha-2 or "EU") for `use`.
using ApprovalLookup =
    std::function<domain::AuthorisationStatus(const std::string& event, const std::string& country, domain::Use use)>;

// `registry_matrix` may be null (then "matrix_csv" is required); `approval` may be empty
// (then a requested overlay is reported as unavailable).
ServiceResult interpret_screening(const boost::json::value& request, const domain::ScreeningMatrix* registry_matrix,
                                  const ApprovalLookup& approval = {});
ServiceResult design_panel(const boost::json::value& request, const domain::ScreeningMatrix* registry_matrix);
ServiceResult describe_matrix(const domain::ScreeningMatrix& matrix);

}  // namespace lmo::services
