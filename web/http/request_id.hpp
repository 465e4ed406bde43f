// Request ids: the client's X-Request-Id when it is a short token of safe characters
// (so a proxy's id carries through), else a new random 16-hex-digit id.
#pragma once

#include <string>
#include <string_view>

namespace lmo::web {

std::string request_id_for(std::string_view client_supplied);

}  // namespace lmo::web
