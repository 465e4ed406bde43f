// Operations endpoints: /healthz (the process answers), /readyz (it can serve: the database
// answers) and /metrics (Prometheus text).
#pragma once

#include "web/http/router.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

void add_ops_routes(Router& router, const WebContext& context);

}  // namespace lmo::web
