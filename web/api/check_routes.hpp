// POST /api/v1/checks: the border check of one declaration (JSON in, report out), with each
// finding's texts in the requested language. Malformed declarations get 400 naming the field.
#pragma once

#include "web/http/router.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

void add_check_routes(Router& router, const WebContext& context);

}  // namespace lmo::web
