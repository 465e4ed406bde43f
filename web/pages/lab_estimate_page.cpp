#include "web/pages/lab_tool_pages.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "web/pages/lab_page_support.hpp"
#include "web/pages/labels.hpp"
#include "web/pages/page_support.hpp"
#include "web/pages/svg_chart.hpp"
#include "services/estimation_service.hpp"

namespace lmo::web {

namespace json = boost::json;

namespace {

TemplateData estimate_pooled(const WebContext&, const std::string& lang, const QueryParams& form, bool& failed) {
  TemplateData data;
  auto request = lab_request(form, {"confidence_percent", "interval", "fpr_percent", "fnr_percent"});
  auto groups = lines_of(form.get("groups"));
  if (groups.empty()) {
    for (auto& [key, value] : lab_request(form, {"pool_size", "pools", "positive_pools"})) request[key] = value;
  } else {
    json::array list;
    for (const auto& line : groups) {
      auto f = fields_of(line);
      json::object group;
      if (f.size() > 0) group["pool_size"] = number_or_text(f[0]);
      if (f.size() > 1) group["pools"] = number_or_text(f[1]);
      if (f.size() > 2) group["positive_pools"] = number_or_text(f[2]);
      list.push_back(std::move(group));
    }
    request["groups"] = std::move(list);
  }
  auto result = services::estimate_pooled(request);
  if ((failed = take_problem(result, data))) return data;
  const auto& r = std::get<json::value>(result);
  data.set("pooled_done", true);
  std::string status = text_at(r, {"status"});
  data.set("status_label", status);
  data.set("estimated", status == "estimated");
  data.set("above_range", status == "above_measurable_range");
  data.set("not_converged", status == "not_converged");
  data.set("estimate", percent_at(r, {"estimate", "fraction"}, lang));
  data.set("lower", percent_at(r, {"interval", "lower", "fraction"}, lang));
  data.set("upper", percent_at(r, {"interval", "upper", "fraction"}, lang));
  data.set("lower_bound", percent_at(r, {"lower_bound", "fraction"}, lang));
  data.set("method", text_at(r, {"method"}));
  data.set("seeds", display_json_number(at(r, {"seeds"}), lang, 12));
  put(data, "pooled_explanation", text_at(r, {"explanation"}));
  return data;
}

TemplateData estimate_stacked(const WebContext&, const std::string& lang, const QueryParams& form, bool& failed) {
  TemplateData data;
  auto request = lab_request(form, {"pool_size", "fpr_percent", "fnr_percent"});
  json::array events;
  std::string names(form.get("events"));  // separated by commas or spaces
  std::replace(names.begin(), names.end(), ',', ' ');
  for (const auto& name : fields_of(names)) events.push_back(json::value(name));
  if (!events.empty()) request["events"] = std::move(events);
  json::object counts;
  for (const auto& line : lines_of(form.get("class_counts"))) {
    auto f = fields_of(line);
    if (f.size() >= 2) counts[f[0]] = number_or_text(f[1]);
    else if (f.size() == 1) counts[f[0]] = "";
  }
  if (!counts.empty()) request["class_counts"] = std::move(counts);
  auto result = services::estimate_stacked(request);
  if ((failed = take_problem(result, data))) return data;
  const auto& r = std::get<json::value>(result);
  data.set("stacked_done", true);
  std::string status = text_at(r, {"status"});
  data.set("stacked_status", status);
  data.set("stacked_numbers", status == "converged" || status == "boundary");
  kainjow::mustache::list types;
  if (const auto* list = at(r, {"seed_types"}); list && list->is_array()) {
    for (const auto& t : list->get_array()) {
      TemplateData item;
      item.set("type", text_at(t, {"type"}));
      item.set("estimate", percent_at(t, {"estimate", "fraction"}, lang));
      types.push_back(item);
    }
  }
  data.set("seed_types", types);
  kainjow::mustache::list carriers;
  if (const auto* list = at(r, {"event_carriers"}); list && list->is_array()) {
    for (const auto& t : list->get_array()) {
      TemplateData item;
      item.set("event", text_at(t, {"event"}));
      item.set("estimate", percent_at(t, {"estimate", "fraction"}, lang));
      carriers.push_back(item);
    }
  }
  data.set("carriers", carriers);
  put(data, "stacked_explanation", text_at(r, {"explanation"}));
  return data;
}

}  // namespace

TemplateData estimate_page_data(const WebContext& ctx, const std::string& lang, const QueryParams& form, bool& failed) {
  std::string tool(form.get("tool"));
  if (tool == "pooled") return estimate_pooled(ctx, lang, form, failed);
  if (tool == "stacked") return estimate_stacked(ctx, lang, form, failed);
  return {};
}

}  // namespace lmo::web
