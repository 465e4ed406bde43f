// JSON API v1: /api/v1/openapi.json, /api/v1/languages, /api/v1/pages, /api/v1/pages/{slug},
// /api/v1/resources and /api/v1/activities. Every endpoint is described in the OpenAPI
// document (web/api/openapi.json); errors use the one JSON error format.
#pragma once

#include "web/http/router.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

void add_api_routes(Router& router, const WebContext& context);

}  // namespace lmo::web
