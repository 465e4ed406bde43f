#include "web/api/lab_routes.hpp"

#include <functional>
#include <optional>

#include "services/estimation_service.hpp"
#include "services/quantification_service.hpp"
#include "services/sampling_service.hpp"
#include "services/screening_matrix_service.hpp"
#include "web/api/api_support.hpp"
#include "web/error_responses.hpp"

namespace lmo::web {

namespace {

using Tool = std::function<services::ServiceResult(const services::LabTools&, const boost::json::value&)>;

Response answer(const services::ServiceResult& result) {
  if (const auto* error = domain::error_of(result)) {
    return json_error(400, "invalid_request", error->field + " " + error->message, error->field);
  }
  return json_response(std::get<boost::json::value>(result));
}

// A "country" in a request (the authorisation overlay) must be a known country or jurisdiction.
std::optional<services::ServiceResult> check_country(const WebContext& context, const boost::json::value& request) {
  const auto* object = request.if_object();
  const auto* country = object ? object->if_contains("country") : nullptr;
  if (!country || !country->is_string() || context.countries.contains(country->get_string())) return std::nullopt;
  return services::ServiceResult(domain::FieldError{"country", "is not a known country code (ISO 3166-1 alpha-2, or EU)"});
}

// POST `path`: the body is the tool's JSON request.
void add_tool(Router& router, const WebContext& context, std::string path, std::string name, Tool tool,
              std::size_t body_limit = 256 * 1024) {
  const WebContext* ctx = &context;
  Route route{"POST", std::move(path), std::move(name), [ctx, tool](Request& request) {
    QueryParams params;
    std::string lang;
    if (auto error = read_query(*ctx, request, {}, params, lang)) return *error;
    if (!ctx->lab) return json_error(503, "unavailable", "the laboratory tools are not configured on this server");
    std::string_view type = request.header("content-type");
    if (!type.empty() && type.rfind("application/json", 0) != 0) {
      return json_error(415, "unsupported_media_type", "send the request as application/json", "body");
    }
    domain::FieldError error;
    auto value = services::parse_request_json(request.body, error);
    if (!value) return json_error(400, "invalid_json", "the body " + error.message, "body");
    if (auto problem = check_country(*ctx, *value)) return answer(*problem);
    return answer(tool(*ctx->lab, *value));
  }};
  route.body_limit = body_limit;
  router.add(std::move(route));
}

// GET `path`: a listing that takes no parameters.
void add_listing(Router& router, const WebContext& context, std::string path, std::string name,
                 std::function<services::ServiceResult(const services::LabTools&)> listing) {
  const WebContext* ctx = &context;
  router.add({"GET", std::move(path), std::move(name), [ctx, listing](Request& request) {
    QueryParams params;
    std::string lang;
    if (auto error = read_query(*ctx, request, {}, params, lang)) return *error;
    if (!ctx->lab) return json_error(503, "unavailable", "the laboratory tools are not configured on this server");
    auto result = listing(*ctx->lab);
    if (domain::error_of(result)) return json_error(503, "unavailable", "the registry has no screening methods");
    return answer(result);
  }});
}

}  // namespace

void add_lab_routes(Router& router, const WebContext& context) {
  using services::LabTools;
  using Value = boost::json::value;
  add_tool(router, context, "/api/v1/lab/sampling/evaluate", "api.lab.sampling.evaluate",
           [](const LabTools&, const Value& v) { return services::evaluate_sampling_plan(v); });
  add_tool(router, context, "/api/v1/lab/sampling/search", "api.lab.sampling.search",
           [](const LabTools&, const Value& v) { return services::search_sampling_plans(v); });
  add_tool(router, context, "/api/v1/lab/sampling/seeds", "api.lab.sampling.seeds",
           [](const LabTools& lab, const Value& v) { return services::seeds_for_detection(v, lab.crops); });
  add_listing(router, context, "/api/v1/lab/crops", "api.lab.crops",
              [](const LabTools& lab) { return services::list_crops(boost::json::object{}, lab.crops); });

  add_tool(router, context, "/api/v1/lab/estimates/pooled", "api.lab.estimates.pooled",
           [](const LabTools&, const Value& v) { return services::estimate_pooled(v); });
  add_tool(router, context, "/api/v1/lab/estimates/stacked", "api.lab.estimates.stacked",
           [](const LabTools&, const Value& v) { return services::estimate_stacked(v); });

  add_listing(router, context, "/api/v1/lab/matrix", "api.lab.matrix", [](const LabTools& lab) -> services::ServiceResult {
    if (!lab.matrix()) return domain::FieldError{"matrix", "the registry has no screening methods"};
    return services::describe_matrix(*lab.matrix());
  });
  add_tool(
      router, context, "/api/v1/lab/matrix/interpret", "api.lab.matrix.interpret",
      [](const LabTools& lab, const Value& v) { return services::interpret_screening(v, lab.matrix(), lab.approval); },
      4 * 1024 * 1024);
  add_tool(
      router, context, "/api/v1/lab/matrix/panel", "api.lab.matrix.panel",
      [](const LabTools& lab, const Value& v) { return services::design_panel(v, lab.matrix()); }, 4 * 1024 * 1024);

  add_tool(router, context, "/api/v1/lab/quantify/qpcr", "api.lab.quantify.qpcr",
           [](const LabTools&, const Value& v) { return services::quantify_qpcr(v); });
  add_tool(router, context, "/api/v1/lab/quantify/dpcr", "api.lab.quantify.dpcr",
           [](const LabTools&, const Value& v) { return services::quantify_dpcr(v); });
  add_tool(router, context, "/api/v1/lab/quantify/decide", "api.lab.quantify.decide",
           [](const LabTools& lab, const Value& v) { return services::decide_compliance(v, lab.thresholds); });
  add_listing(router, context, "/api/v1/lab/thresholds", "api.lab.thresholds",
              [](const LabTools& lab) { return services::list_thresholds(lab.thresholds); });
}

}  // namespace lmo::web
