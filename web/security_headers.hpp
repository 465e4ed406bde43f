// The headers every response carries: a Content-Security-Policy that allows no inline script
// and no framing, nosniff, a referrer policy and the like.
#pragma once

#include "web/http/http_types.hpp"

namespace lmo::web {

void add_security_headers(Response& response);

}  // namespace lmo::web
