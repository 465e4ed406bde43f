// JSON API v1 of the LMO registry: search and detail of LMOs, the approval question, and
// list/detail of decisions, methods, laboratories, organisms, developers, genetic elements,
// traits, standard-setting bodies and transport rules; exports as JSON or CSV. Records are
// served in their canonical JSON form (domain/registry_json.hpp), with ETag/Last-Modified.
#pragma once

#include "services/registry_service.hpp"
#include "web/http/router.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

void add_registry_api_routes(Router& router, const WebContext& context);

}  // namespace lmo::web
