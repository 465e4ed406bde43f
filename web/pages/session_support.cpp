#include "web/pages/session_support.hpp"

#include "web/error_responses.hpp"
#include "web/http/cookies.hpp"

namespace lmo::web {

std::string request_cookie(const Request& request, std::string_view name) {
  auto cookies = parse_cookies(request.header("cookie"));
  auto it = cookies.find(name);
  return it == cookies.end() ? std::string() : it->second;
}

std::optional<services::SessionUser> signed_in(const WebContext& context, const Request& request) {
  if (!context.sessions) return std::nullopt;
  return context.sessions->authenticate(request_cookie(request, kSessionCookie));
}

bool holds(const services::SessionUser& user, domain::Role role, std::string_view country) {
  for (const auto& grant : user.grants) {
    if (grant.role == domain::Role::admin) return true;
    if (grant.role == role && (grant.country.empty() || grant.country == country)) return true;
  }
  return false;
}

services::Actor actor_of(const Request& request, std::string name) {
  return {std::move(name), request.remote_address, request.request_id};
}

services::CaseActor acting(const services::SessionUser& user, const Request& request) {
  return {user.username, user.grants, request.remote_address, request.request_id};
}

std::variant<services::SessionUser, Response> signed_in_or_sign_in(const WebContext& context, const Request& request,
                                                                 std::string& lang, bool enabled) {
  lang = std::string(request.param("lang"));
  if (!context.catalogs.supports(lang) || !enabled) return error_response(context, request, 404, "no such page");
  auto user = signed_in(context, request);
  if (!user) return see_other("/" + lang + "/login");
  return *user;
}

Response see_other(const std::string& location) {
  Response response;
  response.status = 303;
  response.set_header("Location", location);
  response.set_header("Cache-Control", "no-store");
  return response;
}

int status_of(services::ActionProblem::Kind kind) {
  switch (kind) {
    case services::ActionProblem::Kind::invalid: return 422;
    case services::ActionProblem::Kind::forbidden: return 403;
    case services::ActionProblem::Kind::not_found: return 404;
    case services::ActionProblem::Kind::conflict: return 409;
  }
  return 400;
}

Response forbidden(const WebContext& context, const Request& request, const services::SessionUser& user,
                   const std::string& what) {
  if (context.accounts) {
    context.accounts->record({0, {}, user.username, "permission.denied", what, "denied", request.remote_address,
                              request.request_id, {}});
  }
  return error_response(context, request, 403, "your account may not do this");
}

}  // namespace lmo::web
