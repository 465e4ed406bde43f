#include "web/error_responses.hpp"

#include <boost/json.hpp>

#include "web/i18n/request_language.hpp"
#include "web/pages/layout.hpp"

namespace lmo::web {

std::string_view error_code(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "request_timeout";
    case 409: return "conflict";
    case 413: return "payload_too_large";
    case 415: return "unsupported_media_type";
    case 422: return "unprocessable";
    case 429: return "too_many_requests";
    case 431: return "headers_too_large";
    case 503: return "unavailable";
    default: return status >= 500 ? "internal_error" : "error";
  }
}

Response json_error(int status, std::string_view code, std::string_view message,
                    std::string_view field) {
  boost::json::object error;
  error["code"] = code;
  error["message"] = message;
  error["field"] = field.empty() ? boost::json::value(nullptr) : boost::json::value(field);
  Response response;
  response.status = status;
  response.body = boost::json::serialize(boost::json::object{{"error", std::move(error)}});
  response.set_header("Content-Type", "application/json");
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response error_response(const WebContext& context, const Request& request, int status,
                        std::string_view message, std::string_view field) {
  bool api = request.path.rfind("/api/", 0) == 0 || request.path == "/api";
  // Nothing parsed (a garbled request line) or an API path: the JSON error object.
  if (api || request.path.empty()) return json_error(status, error_code(status), message, field);
  std::string lang = request_language(request, context.catalogs);
  TemplateData data;
  data.set("status", std::to_string(status));
  data.set("is_" + std::to_string(status), true);
  if (!message.empty()) data.set("message", std::string(message));
  if (!field.empty()) data.set("field", std::string(field));
  data.set("home_href", "/" + lang + "/");
  data.set("path", request.path);
  LayoutOptions layout;
  layout.title = context.templates.render("error_title", lang, data);
  layout.body_html = context.templates.render("error", lang, data);
  layout.page_path = request.path;
  std::string prefix = path_language(request, context.catalogs);
  if (!prefix.empty()) layout.page_path = request.path.substr(prefix.size() + 1);
  layout.printable = false;
  layout.indexable = false;
  Response response;
  response.status = status;
  response.body = render_layout(context, lang, layout);
  response.set_header("Content-Type", "text/html; charset=utf-8");
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace lmo::web
