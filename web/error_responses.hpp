// Error responses in the portal's two forms: under /api/ the JSON error object
//   {"error": {"code": "...", "message": "...", "field": "..." | null}}
// elsewhere an HTML page in the reader's language with a way back home.
#pragma once

#include <string_view>

#include "web/http/http_types.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

Response json_error(int status, std::string_view code, std::string_view message,
                    std::string_view field = {});
// Chooses JSON or HTML by the request path and renders `status` with `message`.
Response error_response(const WebContext& context, const Request& request, int status,
                        std::string_view message, std::string_view field = {});
// The machine-readable code for a status: "bad_request", "not_found"...
std::string_view error_code(int status);

}  // namespace lmo::web
