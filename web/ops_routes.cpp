#include "web/ops_routes.hpp"

namespace lmo::web {

namespace {

Response json_text(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.set_header("Content-Type", "application/json");
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace

void add_ops_routes(Router& router, const WebContext& context) {
  const WebContext* ctx = &context;
  router.add({"GET", "/healthz", "ops.healthz", [](Request&) {
                return json_text(200, R"({"status":"ok"})");
              }});
  router.add({"GET", "/readyz", "ops.readyz", [ctx](Request&) {
                return ctx->ready() ? json_text(200, R"({"status":"ready","database":"ok"})")
                                    : json_text(503, R"({"status":"not_ready","database":"unavailable"})");
              }});
  router.add({"GET", "/metrics", "ops.metrics", [ctx](Request&) {
                Response response;
                response.body = ctx->metrics.render_prometheus();
                response.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                response.set_header("Cache-Control", "no-store");
                return response;
              }});
}

}  // namespace lmo::web
