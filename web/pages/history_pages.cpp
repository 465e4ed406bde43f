#include "web/pages/history_pages.hpp"

#include <boost/json.hpp>

#include "domain/line_diff.hpp"
#include "domain/registry_json.hpp"
#include "web/error_responses.hpp"
#include "web/pages/labels.hpp"
#include "web/pages/layout.hpp"
#include "web/pages/page_support.hpp"

namespace lmo::web {

namespace json = boost::json;

namespace {

// JSON with one member or array item per line, two spaces per level, so that line differences
// show which fields changed.
void pretty(const json::value& value, std::string& out, int depth) {
  std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  std::string inner(static_cast<std::size_t>(depth + 1) * 2, ' ');
  if (const auto* object = value.if_object(); object && !object->empty()) {
    out += "{\n";
    std::size_t i = 0;
    for (const auto& [key, member] : *object) {
      out += inner + json::serialize(json::value(key)) + ": ";
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
    out += json::serialize(value);
  }
}

std::string pretty(const std::string& doc) {
  boost::system::error_code error;
  auto value = json::parse(doc, error);
  if (error) return doc;
  std::string out;
  pretty(value, out, 0);
  return out;
}

}  // namespace

void add_history_page_routes(Router& router, const WebContext& context) {
  const WebContext* ctx = &context;
  router.add({"GET", "/{lang}/history/{type}/{key}", "history", [ctx](Request& request) {
    std::string lang(request.param("lang"));
    if (!ctx->catalogs.supports(lang)) return error_response(*ctx, request, 404, "no such page");
    std::optional<domain::RecordType> type;
    for (auto t : domain::kAllRecordTypes) {
      if (domain::record_type_file(t) == request.param("type")) type = t;
    }
    if (!type) return error_response(*ctx, request, 404, "no such record type", "type");
    std::string key(request.param("key"));
    if (*type == domain::RecordType::lmo) {
      if (auto lmo = ctx->registry.find_lmo(key)) key = lmo->key;
    }
    auto revisions = ctx->registry.history(*type, key);
    if (revisions.empty()) return error_response(*ctx, request, 404, "no such record", "key");
    kainjow::mustache::list items;
    std::vector<std::string> previous;
    std::vector<TemplateData> newest_first;
    for (const auto& r : revisions) {
      auto lines = domain::split_lines(pretty(r.doc));
      TemplateData item;
      item.set("revision", std::to_string(r.revision));
      item.set("recorded_at", r.recorded_at);
      item.set("origin", r.origin);
      kainjow::mustache::list diff;
      std::size_t changes = 0;
      for (const auto& d : domain::diff_lines(previous, lines)) {
        TemplateData line;
        line.set("text", d.text);
        line.set("added", d.kind == domain::DiffLine::Kind::added);
        line.set("removed", d.kind == domain::DiffLine::Kind::removed);
        changes += d.kind == domain::DiffLine::Kind::same ? 0 : 1;
        diff.push_back(line);
      }
      item.set("diff", diff);
      item.set("changes", std::to_string(changes));
      item.set("first", previous.empty());
      newest_first.insert(newest_first.begin(), item);
      previous = std::move(lines);
    }
    for (auto& item : newest_first) items.push_back(item);
    TemplateData data;
    data.set("lang", lang);
    data.set("type", std::string(request.param("type")));
    data.set("key", key);
    data.set("json_href", "/api/v1/history/" + std::string(request.param("type")) + "/" + encode_segment(key));
    data.set("revisions", items);
    LayoutOptions layout;
    layout.title = label(*ctx, lang, "page", "history") + " — " + key;
    layout.body_html = ctx->templates.render("history", lang, data);
    layout.page_path = "/history/" + std::string(request.param("type")) + "/" + encode_segment(key);
    layout.printable = false;
    return html_response(render_layout(*ctx, lang, layout));
  }});
}

}  // namespace lmo::web
