// Conditional GET: a strong ETag over the response body (and Last-Modified when the caller
// knows when the data last changed); If-None-Match / If-Modified-Since answer 304.
#pragma once

#include <string>

#include "web/http/http_types.hpp"

namespace lmo::web {

// Adds ETag (and Last-Modified from an ISO 8601 UTC time, if not empty) to `response` and turns
// it into a 304 without body when the request's validators match.
void apply_conditional_get(const Request& request, Response& response, const std::string& last_modified_iso);

// "2026-11-27T08:19:25.123Z" → "Fri, 27 Nov 2026 08:19:25 GMT"; "" when unparsable.
std::string http_date(const std::string& iso);

}  // namespace lmo::web
