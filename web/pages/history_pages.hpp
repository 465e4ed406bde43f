// Revision history of a registry record, /{lang}/history/{type}/{key} (type as in the API's
// /api/v1/history: lmos, decisions, methods, laboratories, ...; or rule_sets, the national rule
// sets published through the editing workflow): every revision, newest first,
// with its date and origin and the differences from the revision before it (the record's JSON,
// one member per line).
#pragma once

#include "web/http/router.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

void add_history_page_routes(Router& router, const WebContext& context);

}  // namespace lmo::web
