#include "web/api/check_routes.hpp"

#include <boost/json.hpp>

#include "domain/declaration.hpp"
#include <sstream>

#include "services/check_report_json.hpp"
#include "services/declaration_screening.hpp"
#include "services/shipment_check.hpp"
#include "web/api/api_support.hpp"
#include "web/http/query_params.hpp"
#include "web/error_responses.hpp"

namespace lmo::web {

void add_check_routes(Router& router, const WebContext& context) {
  const WebContext* ctx = &context;
  Route route{"POST", "/api/v1/checks", "api.checks", [ctx](Request& request) {
    QueryParams params;
    std::string lang;
    if (auto error = read_query(*ctx, request, {"lang"}, params, lang)) return *error;
    if (!ctx->check_rules) return json_error(503, "unavailable", "the border check is not configured on this server");
    std::string_view type = request.header("content-type");
    if (!type.empty() && type.rfind("application/json", 0) != 0) {
      return json_error(415, "unsupported_media_type", "send the declaration as application/json", "body");
    }
    boost::system::error_code error;
    boost::json::parse_options options;
    options.max_depth = 32;
    auto value = boost::json::parse(request.body, error, {}, options);
    if (error) return json_error(400, "invalid_json", "the body is not valid JSON: " + error.message(), "body");
    auto parsed = domain::parse_declaration(value);
    if (auto* problems = std::get_if<std::vector<domain::DeclarationProblem>>(&parsed)) {
      const auto& first = problems->front();
      auto response = json_error(400, "invalid_declaration", first.reason, first.field.empty() ? "body" : first.field);
      auto body = boost::json::parse(response.body).as_object();
      boost::json::array all;
      for (const auto& p : *problems) all.push_back(boost::json::object{{"field", p.field}, {"reason", p.reason}});
      body["problems"] = std::move(all);
      response.body = boost::json::serialize(body);
      return response;
    }
    const auto& declaration = std::get<domain::Declaration>(parsed);
    if (!ctx->countries.contains(declaration.importing_country)) {
      return json_error(400, "bad_country", "importing_country is not a known country code", "importing_country");
    }
    auto report = services::ShipmentCheck(*ctx->check_rules, ctx->registry, ctx->lab).run(declaration);
    return json_response(services::to_json(report, *ctx->check_rules, lang));
  }};
  route.body_limit = 4 * 1024 * 1024;
  router.add(std::move(route));

  // NDJSON lines in, one NDJSON verdict per line out, streamed both ways: verdicts are sent
  // as soon as their lines have arrived; malformed lines get an error object in their place.
  Route screen{"POST", "/api/v1/declarations/screen", "api.screen", [](Request&) {
    return json_error(500, "internal_error", "the screening route streams");  // not reached
  }};
  screen.stream = [ctx](Request& request, Response& response) -> std::unique_ptr<StreamSession> {
    // ?country=XX: the importing country, whose national tariff codes are screened too.
    QueryParams params;
    std::string lang;
    if (auto error = read_query(*ctx, request, {"country"}, params, lang)) {
      response = *error;
      return nullptr;
    }
    std::string country(params.get("country"));
    if (!country.empty() && !ctx->countries.contains(country)) {
      response = json_error(400, "bad_country", "country is not a known country code (ISO 3166-1 alpha-2)", "country");
      return nullptr;
    }
    if (!ctx->screeners) {
      response = json_error(503, "unavailable", "screening is not configured on this server");
      return nullptr;
    }
    std::string_view type = request.header("content-type");
    if (!type.empty() && type.rfind("application/x-ndjson", 0) != 0 && type.rfind("application/json", 0) != 0) {
      response = json_error(415, "unsupported_media_type", "send declaration lines as application/x-ndjson", "body");
      return nullptr;
    }
    struct Session final : StreamSession {
      explicit Session(const domain::DeclarationScreener& screener) : screening(screener) {}
      std::string feed(std::string_view bytes) override { return screening.feed(bytes); }
      std::string finish() override { return screening.finish(); }
      services::NdjsonScreening screening;
    };
    response.set_header("Content-Type", "application/x-ndjson");
    response.set_header("Cache-Control", "no-store");
    if (auto table = ctx->screeners->table_for(country); !table.empty()) response.set_header("X-Tariff-Table", table);
    return std::make_unique<Session>(ctx->screeners->for_country(country));
  };
  router.add(std::move(screen));
}

}  // namespace lmo::web
