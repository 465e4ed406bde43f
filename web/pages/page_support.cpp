#include "web/pages/page_support.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace lmo::web {

Response html_response(std::string body) {
  Response response;
  response.body = std::move(body);
  response.set_header("Content-Type", "text/html; charset=utf-8");
  response.set_header("Cache-Control", "no-cache");
  return response;
}

std::string join_for_display(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

void put(TemplateData& data, const std::string& key, const std::string& value) {
  if (!value.empty()) data.set(key, value);
}

std::string encode_segment(std::string_view text) { return boost::urls::encode(text, boost::urls::unreserved_chars); }

}  // namespace lmo::web
