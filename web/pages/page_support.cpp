#include "web/pages/page_support.hpp"

#include <boost/json.hpp>

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

namespace {

// JSON with one member or array item per line, two spaces per level, so that line differences
// show which fields changed.
void pretty(const boost::json::value& value, std::string& out, int depth) {
  std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  std::string inner(static_cast<std::size_t>(depth + 1) * 2, ' ');
  if (const auto* object = value.if_object(); object && !object->empty()) {
    out += "{\n";
    std::size_t i = 0;
    for (const auto& [key, member] : *object) {
      out += inner + boost::json::serialize(boost::json::value(key)) + ": ";
      pretty(member, out, depth + 1);
      out += ++i < object->size() ? ",\n" : "\n";
    }
    out += indent + "}";
  } else if (const auto* array = value.if_array(); array && !array->empty()) {
    out += "[\n";
    for (std::size_t i = 0; i < array->size(); ++i) {
      out += inner;
      pretty((*array)[i], out, depth + 1);
      out += i + 1 < array->size() ? ",\n" : "\n";
    }
    out += indent + "]";
  } else {
    out += boost::json::serialize(value);
  }
}

}  // namespace

std::string pretty_json(const std::string& doc) {
  boost::system::error_code error;
  auto value = boost::json::parse(doc, error);
  if (error) return doc;
  std::string out;
  pretty(value, out, 0);
  return out;
}


kainjow::mustache::list diff_data(const std::vector<domain::DiffLine>& diff) {
  kainjow::mustache::list out;
  for (const auto& line : diff) {
    TemplateData item;
    item.set("text", line.text);
    item.set("added", line.kind == domain::DiffLine::Kind::added);
    item.set("removed", line.kind == domain::DiffLine::Kind::removed);
    out.push_back(item);
  }
  return out;
}

}  // namespace lmo::web
