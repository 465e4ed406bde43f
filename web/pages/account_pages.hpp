// Signing in and out: /{lang}/login (form, then a session cookie), /{lang}/account (who is
// signed in, with which roles), /{lang}/logout (POST). Every form carries a CSRF token: before
// login a double-submit token (cookie and hidden field), after login the token bound to the
// session. Cookies are HttpOnly, SameSite, and Secure when the request came over HTTPS through
// a proxy that says so (X-Forwarded-Proto: https).
#pragma once

#include "web/http/router.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

void add_account_page_routes(Router& router, const WebContext& context);

}  // namespace lmo::web
