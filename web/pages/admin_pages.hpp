// Administration pages, for administrators only (others get 403, audited as permission.denied;
// visitors the sign-in page): the audit log at /{lang}/admin/audit — filterable by actor,
// action and outcome, paged, exportable as CSV or JSON (/{lang}/admin/audit/export) — and the
// users at /{lang}/admin/users: add a user, grant a role, disable or enable (forms with the
// session's CSRF token; the same rules and audit entries as `lmo-portal user`).
#pragma once

#include "web/http/router.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

void add_admin_page_routes(Router& router, const WebContext& context);

}  // namespace lmo::web
