#include "web/api/api_support.hpp"

#include <algorithm>

#include "web/error_responses.hpp"

namespace lmo::web {

namespace json = boost::json;

Response json_response(const json::value& value) { return json_body_response(json::serialize(value)); }

Response json_body_response(std::string body) {
  Response response;
  response.body = std::move(body);
  response.set_header("Content-Type", "application/json");
  response.set_header("Cache-Control", "no-cache");
  return response;
}

json::value localized(const domain::ResolvedText& text) {
  return json::object{{"text", text.text}, {"lang", text.language}, {"fallback", text.is_fallback}};
}

json::array strings(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& item : items) out.emplace_back(item);
  return out;
}

json::object provenance(const domain::Provenance& p) {
  return {{"source", p.source}, {"retrieved", p.retrieved}, {"verified", p.verified},
          {"note", p.note.empty() ? json::value(nullptr) : json::value(p.note)}};
}

std::optional<Response> read_query(const WebContext& context, const Request& request,
                                   std::initializer_list<std::string_view> allowed, QueryParams& params,
                                   std::string& lang) {
  QueryError error;
  auto parsed = parse_query(request.query, &error);
  if (!parsed) return json_error(400, "bad_request", error.message, error.field);
  for (const auto& [name, value] : parsed->values) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      return json_error(400, "unknown_parameter", "unknown query parameter '" + name + "'", name);
    }
  }
  params = std::move(*parsed);
  lang = params.has("lang") ? std::string(params.get("lang")) : "en";
  if (!context.catalogs.supports(lang)) {
    std::string supported;
    for (const auto& l : context.catalogs.languages()) supported += (supported.empty() ? "" : ", ") + l.code;
    return json_error(400, "unsupported_language", "lang must be one of: " + supported, "lang");
  }
  return std::nullopt;
}

}  // namespace lmo::web
