// Pieces every JSON API handler uses: the JSON response, query parsing that rejects unknown
// parameters and unsupported languages with a 400 naming the field, and JSON forms of
// localized texts and provenance.
#pragma once

#include <boost/json.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "domain/localized_text.hpp"
#include "domain/portal_content.hpp"
#include "web/http/http_types.hpp"
#include "web/http/query_params.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

struct WebContext;

Response json_response(const boost::json::value& value);
// The same for JSON already serialized.
Response json_body_response(std::string body);

// Parses the query, allowing only `allowed` names; `lang` (default "en") must be a
// supported language. Returns the error response when something is wrong.
std::optional<Response> read_query(const WebContext& context, const Request& request,
                                   std::initializer_list<std::string_view> allowed, QueryParams& params,
                                   std::string& lang);

boost::json::value localized(const domain::ResolvedText& text);
boost::json::array strings(const std::vector<std::string>& items);
boost::json::object provenance(const domain::Provenance& p);

}  // namespace lmo::web
