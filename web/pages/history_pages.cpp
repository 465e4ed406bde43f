#include "web/pages/history_pages.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "domain/line_diff.hpp"
#include "domain/registry_json.hpp"
#include "web/error_responses.hpp"
#include "web/pages/labels.hpp"
#include "web/pages/layout.hpp"
#include "web/pages/page_support.hpp"

namespace lmo::web {

namespace json = boost::json;

void add_history_page_routes(Router& router, const WebContext& context) {
  const WebContext* ctx = &context;
  router.add({"GET", "/{lang}/history/{type}/{key}", "history", [ctx](Request& request) {
    std::string lang(request.param("lang"));
    if (!ctx->catalogs.supports(lang)) return error_response(*ctx, request, 404, "no such page");
    std::string key(request.param("key"));
    std::vector<store::RecordRevision> revisions;
    if (request.param("type") == "rule_sets" && ctx->editorial) {  // published through the editing workflow
      revisions = ctx->editorial->rule_set_history(key);
    } else {
      std::optional<domain::RecordType> type;
      for (auto t : domain::kAllRecordTypes) {
        if (domain::record_type_file(t) == request.param("type")) type = t;
      }
      if (!type) return error_response(*ctx, request, 404, "no such record type", "type");
      if (*type == domain::RecordType::lmo) {
        if (auto lmo = ctx->registry.find_lmo(key)) key = lmo->key;
      }
      revisions = ctx->registry.history(*type, key);
    }
    if (revisions.empty()) return error_response(*ctx, request, 404, "no such record", "key");
    kainjow::mustache::list items;
    std::vector<std::string> previous;
    std::vector<TemplateData> newest_first;
    for (const auto& r : revisions) {
      auto lines = domain::split_lines(pretty_json(r.doc));
      TemplateData item;
      item.set("revision", std::to_string(r.revision));
      item.set("recorded_at", r.recorded_at);
      item.set("origin", r.origin);
      auto diff = domain::diff_lines(previous, lines);
      auto changes = std::count_if(diff.begin(), diff.end(),
                                   [](const domain::DiffLine& d) { return d.kind != domain::DiffLine::Kind::same; });
      item.set("diff", diff_data(diff));
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
    if (request.param("type") != "rule_sets") {
      data.set("json_href", "/api/v1/history/" + std::string(request.param("type")) + "/" + encode_segment(key));
    }
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
