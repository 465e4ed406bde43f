#include "web/portal_app.hpp"

#include <boost/json.hpp>
#include <exception>

#include "web/api/api_routes.hpp"
#include "web/api/check_routes.hpp"
#include "web/api/lab_routes.hpp"
#include "web/api/registry_routes.hpp"
#include "web/error_responses.hpp"
#include "web/http/json_log.hpp"
#include "web/http/request_id.hpp"
#include "web/ops_routes.hpp"
#include "web/pages/check_pages.hpp"
#include "web/pages/lab_pages.hpp"
#include "web/pages/account_pages.hpp"
#include "web/pages/admin_pages.hpp"
#include "web/pages/case_pages.hpp"
#include "web/pages/history_pages.hpp"
#include "web/pages/editor_pages.hpp"
#include "web/pages/page_routes.hpp"
#include "web/pages/registry_list_pages.hpp"
#include "web/pages/registry_pages.hpp"
#include "web/security_headers.hpp"
#include "web/http/forwarded_for.hpp"
#include "web/static_files.hpp"

namespace lmo::web {

PortalApp::PortalApp(const WebContext& context, const std::filesystem::path& static_dir,
                     BodyLimits limits, std::vector<std::string> trusted_proxies)
    : context_(context), limits_(limits), trusted_proxies_(std::move(trusted_proxies)) {
  add_ops_routes(router_, context_);
  add_api_routes(router_, context_);
  add_registry_api_routes(router_, context_);
  add_check_routes(router_, context_);
  add_lab_routes(router_, context_);
  add_static_routes(router_, static_dir);
  add_registry_page_routes(router_, context_);
  add_registry_list_page_routes(router_, context_);
  add_check_page_routes(router_, context_);
  add_lab_page_routes(router_, context_);
  add_account_page_routes(router_, context_);
  add_admin_page_routes(router_, context_);
  add_case_page_routes(router_, context_);
  add_history_page_routes(router_, context_);
  add_editor_page_routes(router_, context_);
  add_page_routes(router_, context_);
}

std::size_t PortalApp::body_limit(std::string_view method, std::string_view path) const {
  auto match = router_.match(method, path);
  if (match.kind == RouteMatch::Kind::found && match.route->body_limit > 0) {
    return match.route->body_limit;
  }
  // GET/HEAD and unknown routes carry no meaningful body; accept none beyond a little.
  if (method == "GET" || method == "HEAD" || match.kind != RouteMatch::Kind::found) return 1024;
  return limits_.default_limit;
}

void PortalApp::resolve_client(Request& request) const {
  if (trusted_proxies_.empty()) return;
  request.remote_address = client_address(request.remote_address, request.header("x-forwarded-for"), trusted_proxies_);
}

Response PortalApp::handle(Request& request) {
  resolve_client(request);
  request.request_id = request_id_for(request.header("x-request-id"));
  auto match = router_.match(request.method, request.path);
  if (match.kind == RouteMatch::Kind::not_found) {
    return finish(request, error_response(context_, request, 404, "no such address"), "not_found");
  }
  if (match.kind == RouteMatch::Kind::method_not_allowed) {
    auto response = error_response(context_, request, 405,
                                   "method " + request.method + " is not allowed here; use " +
                                       match.allow);
    response.set_header("Allow", match.allow);
    return finish(request, std::move(response), "method_not_allowed");
  }
  request.path_params = std::move(match.params);
  Response response;
  try {
    response = match.route->handler(request);
  } catch (const std::exception& error) {
    JsonLog::event("error", "handler failed",
                   {{"request_id", request.request_id}, {"route", match.route->name},
                    {"error", error.what()}});
    response = error_response(context_, request, 500, "internal error");
  }
  return finish(request, std::move(response), match.route->name);
}

std::unique_ptr<StreamSession> PortalApp::open_stream(Request& request, Response& response) {
  auto match = router_.match(request.method, request.path);
  if (match.kind != RouteMatch::Kind::found || !match.route->stream) return nullptr;
  resolve_client(request);
  request.request_id = request_id_for(request.header("x-request-id"));
  request.path_params = std::move(match.params);
  auto session = match.route->stream(request, response);
  if (!session) {
    response = finish(request, std::move(response), match.route->name);
    response.close = true;
    return nullptr;
  }
  if (response.status == 0) response.status = 200;
  add_security_headers(response);
  response.set_header("X-Request-Id", request.request_id);
  return session;
}

void PortalApp::stream_closed(Request& request, int status, std::size_t bytes_sent) {
  auto match = router_.match(request.method, request.path);
  record(request, match.kind == RouteMatch::Kind::found ? std::string_view(match.route->name) : "stream", status,
         bytes_sent);
}

Response PortalApp::reject(Request& request, int status, std::string_view reason) {
  request.request_id = request_id_for(request.header("x-request-id"));
  Response response;
  try {
    response = error_response(context_, request, status, reason);
  } catch (const std::exception&) {
    response = json_error(status, error_code(status), reason);
  }
  response.close = true;
  return finish(request, std::move(response), "rejected");
}

Response PortalApp::finish(Request& request, Response response, std::string_view route) {
  add_security_headers(response);
  response.set_header("X-Request-Id", request.request_id);
  if (response.header("Content-Type").empty() && !response.body.empty()) {
    response.set_header("Content-Type", "text/plain; charset=utf-8");
  }
  record(request, route, response.status, response.body.size());
  return response;
}

void PortalApp::record(const Request& request, std::string_view route, int status, std::size_t bytes_sent) {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - request.received).count();
  context_.metrics.record(route, status, seconds);
  JsonLog::access({{"request_id", request.request_id},
                   {"remote", request.remote_address},
                   {"method", request.method},
                   {"path", request.path},
                   {"status", status},
                   {"bytes", bytes_sent},
                   {"duration_ms", seconds * 1000.0},
                   {"route", route},
                   {"user_agent", request.header("user-agent")}});
}

}  // namespace lmo::web
