// Lab tools API (/api/v1/lab/...): sampling plans, estimation from pooled results, screening
// matrix interpretation and panel design, quantification and compliance decisions. Each POST
// takes the tool's JSON request and answers with the service's JSON, or 400 naming the field.
#pragma once

#include "web/http/router.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

void add_lab_routes(Router& router, const WebContext& context);

}  // namespace lmo::web
