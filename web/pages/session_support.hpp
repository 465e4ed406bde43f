// Who is signed in: the session of a request (from its cookie), whether the user holds a role
// (for a country), and the answers for the unauthorised — a redirect to the sign-in page, or
// 403 with an audit entry ("permission.denied").
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "services/action_problem.hpp"
#include "services/case_service.hpp"
#include "services/session_service.hpp"
#include "web/http/http_types.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

inline constexpr const char* kSessionCookie = "lmo_session";
inline constexpr const char* kLoginCsrfCookie = "lmo_login_csrf";

std::string request_cookie(const Request& request, std::string_view name);
std::optional<services::SessionUser> signed_in(const WebContext& context, const Request& request);
// True when the user holds `role` for `country` (or for every country); administrators hold every role.
bool holds(const services::SessionUser& user, domain::Role role, std::string_view country = {});
services::Actor actor_of(const Request& request, std::string name = "anonymous");
// The signed-in user as the actor of a case or an edit (roles, address, request id).
services::CaseActor acting(const services::SessionUser& user, const Request& request);
// The signed-in user of a page under /{lang}/ (setting `lang`), or the answer for everyone
// else: 404 for an unknown language or when `enabled` is false, the sign-in page for visitors.
std::variant<services::SessionUser, Response> signed_in_or_sign_in(const WebContext& context, const Request& request,
                                                                 std::string& lang, bool enabled);
Response see_other(const std::string& location);
// The HTTP status of a refused action: 422, 403, 404 or 409.
int status_of(services::ActionProblem::Kind kind);
// 403 with an audit entry naming what was refused.
Response forbidden(const WebContext& context, const Request& request, const services::SessionUser& user,
                   const std::string& what);

}  // namespace lmo::web
