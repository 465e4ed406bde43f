// The registry's reference pages: countries (index and one country: authorities, focal
// points, decisions), detection laboratories, detection methods (primers, probes, events
// detected) and standards with the transport rules — all under /{lang}/, printable.
#pragma once

#include "web/http/router.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

void add_registry_list_page_routes(Router& router, const WebContext& context);

}  // namespace lmo::web
