#include "web/pages/lab_tool_pages.hpp"

#include <boost/json.hpp>
#include <cmath>

#include "web/pages/lab_page_support.hpp"
#include "web/pages/labels.hpp"
#include "web/pages/page_support.hpp"
#include "web/pages/svg_chart.hpp"
#include "services/sampling_service.hpp"

namespace lmo::web {

namespace json = boost::json;

namespace {

void render_oc_chart(const WebContext& ctx, const std::string& lang, const json::value& result, TemplateData& data) {
  LineChart chart;
  chart.id = "oc-chart";
  chart.title = label(ctx, lang, "chart", "oc-title");
  chart.description = label(ctx, lang, "chart", "oc-description");
  chart.x.label = label(ctx, lang, "chart", "oc-x");
  chart.y.label = label(ctx, lang, "chart", "oc-y");
  chart.x.format = chart_format(lang, true);
  chart.y.format = chart_format(lang, true);
  chart.y.min = 0;
  chart.y.max = 1;
  chart.x.min = 0;
  Series curve;
  curve.name = label(ctx, lang, "chart", "oc-series");
  if (const auto* points = at(result, {"operating_characteristic"}); points && points->is_array()) {
    for (const auto& point : points->get_array()) {
      curve.points.push_back({number_at(point, {"p"}), number_at(point, {"acceptance_probability"})});
    }
  }
  chart.series.push_back(std::move(curve));
  if (const auto* aql = at(result, {"aql"}); aql && aql->is_object()) {
    double p = number_at(*aql, {"p"});
    chart.x_lines.push_back({p, "AQL " + display_percent(p, lang)});
    chart.annotations.push_back({p, number_at(*aql, {"acceptance_probability"}),
                                 "α = " + display_percent(number_at(*aql, {"producer_risk"}), lang)});
  }
  if (const auto* lql = at(result, {"lql"}); lql && lql->is_object()) {
    double p = number_at(*lql, {"p"});
    chart.x_lines.push_back({p, "LQL " + display_percent(p, lang)});
    chart.annotations.push_back({p, number_at(*lql, {"acceptance_probability"}),
                                 "β = " + display_percent(number_at(*lql, {"consumer_risk"}), lang)});
  }
  data.set("oc_chart", render_svg(chart));
  // The same numbers as a table, for readers who cannot see the chart.
  kainjow::mustache::list rows;
  if (const auto* points = at(result, {"operating_characteristic"}); points && points->is_array()) {
    for (const auto& point : points->get_array()) {
      TemplateData row;
      row.set("p", display_percent(number_at(point, {"p"}), lang));
      row.set("pacc", display_percent(number_at(point, {"acceptance_probability"}), lang));
      rows.push_back(row);
    }
  }
  data.set("oc_rows", rows);
}

void put_plan(const WebContext& ctx, const std::string& lang, const json::value& plan, TemplateData& item) {
  std::string type = text_at(plan, {"type"});
  item.set("plan_type", label(ctx, lang, "plan", type));
  auto whole = [&](std::string_view key) { return display_json_number(at(plan, {key}), lang, 12); };
  if (type == "individual") {
    item.set("plan_summary", whole("seeds") + " × 1");
  } else {
    item.set("plan_summary", whole("pools") + " × " + whole("pool_size"));
  }
  item.set("acceptance_number", whole("acceptance_number"));
  if (type == "double_stage") {
    item.set("double_stage", true);
    item.set("rejection_number", whole("rejection_number"));
    item.set("second_stage", whole("second_pools") + " × " + whole("pool_size"));
    item.set("second_acceptance_number", whole("second_acceptance_number"));
  }
}

TemplateData sampling_evaluate(const WebContext& ctx, const std::string& lang, const QueryParams& form, bool& failed) {
  TemplateData data;
  std::string type(form.get("type"));
  json::object request;
  if (type == "individual") {
    request = lab_request(form, {"seeds", "acceptance_number"});
  } else if (type == "double_stage") {
    request = lab_request(form, {"pools", "pool_size", "acceptance_number", "rejection_number", "second_pools",
                                 "second_acceptance_number", "max_pool_size"});
  } else {
    request = lab_request(form, {"pools", "pool_size", "acceptance_number", "max_pool_size"});
  }
  for (auto& [key, value] : lab_request(form, {"false_positive_rate_percent", "false_negative_rate_percent",
                                               "aql_percent", "lql_percent"})) {
    request[key] = value;
  }
  request["type"] = type.empty() ? std::string("pooled") : type;
  request["points"] = 80;
  auto result = services::evaluate_sampling_plan(request);
  if ((failed = take_problem(result, data))) return data;
  const auto& r = std::get<json::value>(result);
  data.set("evaluated", true);
  TemplateData plan;
  put_plan(ctx, lang, r.at("plan"), plan);
  data.set("plan", plan);
  data.set("seeds_total", display_json_number(at(r, {"seeds_total"}), lang, 12));
  data.set("assays_max", display_json_number(at(r, {"assays_max"}), lang, 12));
  if (at(r, {"aql", "p"})) {
    data.set("has_aql", true);
    data.set("aql", percent_at(r, {"aql", "p"}, lang));
    data.set("aql_pacc", percent_at(r, {"aql", "acceptance_probability"}, lang));
    data.set("producer_risk", percent_at(r, {"aql", "producer_risk"}, lang));
  }
  if (at(r, {"lql", "p"})) {
    data.set("has_lql", true);
    data.set("lql", percent_at(r, {"lql", "p"}, lang));
    data.set("lql_pacc", percent_at(r, {"lql", "acceptance_probability"}, lang));
    data.set("consumer_risk", percent_at(r, {"lql", "consumer_risk"}, lang));
  }
  put(data, "explanation", text_at(r, {"explanation"}));
  render_oc_chart(ctx, lang, r, data);
  return data;
}

TemplateData sampling_search(const WebContext& ctx, const std::string& lang, const QueryParams& form, bool& failed) {
  TemplateData data;
  auto request = lab_request(form, {"lql_percent", "max_consumer_risk_percent", "aql_percent", "max_producer_risk_percent",
                                    "cost_per_assay", "cost_per_seed", "max_pool_size", "false_positive_rate_percent",
                                    "false_negative_rate_percent", "max_seeds"});
  if (form.get("include_double_stage") == "true") request["include_double_stage"] = true;
  request["limit"] = 10;
  auto result = services::search_sampling_plans(request);
  if ((failed = take_problem(result, data))) return data;
  const auto& r = std::get<json::value>(result);
  data.set("searched", true);
  data.set("found", text_at(r, {"status"}) == "found");
  kainjow::mustache::list plans;
  if (const auto* list = at(r, {"plans"}); list && list->is_array()) {
    for (const auto& p : list->get_array()) {
      TemplateData item;
      put_plan(ctx, lang, p.at("plan"), item);
      item.set("rank", display_json_number(at(p, {"rank"}), lang, 6));
      item.set("cost", display_json_number(at(p, {"cost"}), lang, 6));
      item.set("seeds_total", display_json_number(at(p, {"seeds_total"}), lang, 12));
      item.set("expected_assays", display_json_number(at(p, {"expected_assays"}), lang, 4));
      item.set("producer_risk", percent_at(p, {"producer_risk"}, lang));
      item.set("consumer_risk", percent_at(p, {"consumer_risk"}, lang));
      plans.push_back(item);
    }
    // The operating characteristic of the cheapest plan.
    if (!list->get_array().empty()) {
      json::object evaluate = list->get_array().front().at("plan").as_object();
      for (auto key : {"lql", "aql"}) {
        if (const auto* v = at(r, {"criteria", key}); v && v->is_number()) evaluate[key] = *v;
      }
      evaluate["points"] = 80;
      auto curve = services::evaluate_sampling_plan(evaluate);
      if (!domain::error_of(curve)) render_oc_chart(ctx, lang, std::get<json::value>(curve), data);
    }
  }
  data.set("plans", plans);
  put(data, "search_explanation", text_at(r, {"explanation"}));
  return data;
}

TemplateData sampling_seeds(const WebContext& ctx, const std::string& lang, const QueryParams& form, bool& failed) {
  TemplateData data;
  auto request = lab_request(form, {"proportion_percent", "confidence_percent", "pool_size", "crop", "sample_mass_g"});
  auto result = services::seeds_for_detection(request, ctx.lab->crops);
  if ((failed = take_problem(result, data))) return data;
  const auto& r = std::get<json::value>(result);
  data.set("seeds_done", true);
  data.set("seeds_needed", display_json_number(at(r, {"seeds"}), lang, 12));
  data.set("seed_pools", display_json_number(at(r, {"pools"}), lang, 12));
  data.set("seed_pool_size", display_json_number(at(r, {"pool_size"}), lang, 12));
  if (const auto* grams = at(r, {"mass", "grams"}); grams && grams->is_number()) {
    data.set("mass_g", display_json_number(grams, lang, 4));
    data.set("mass_min_g", display_json_number(at(r, {"mass", "grams_min"}), lang, 4));
    data.set("mass_max_g", display_json_number(at(r, {"mass", "grams_max"}), lang, 4));
  }
  put(data, "seeds_explanation", text_at(r, {"explanation"}));
  return data;
}

kainjow::mustache::list crop_options(const WebContext& ctx, const std::string& lang, std::string_view selected) {
  kainjow::mustache::list crops;
  for (const auto& crop : ctx.lab->crops.crops()) {
    TemplateData item;
    item.set("id", crop.id);
    std::string name = crop.scientific_name;
    if (const auto* names = crop.record.if_contains("common_names"); names && names->is_object()) {
      if (const auto* local = names->as_object().if_contains(lang); local && local->is_string()) {
        name = std::string(local->get_string()) + " (" + crop.scientific_name + ")";
      }
    }
    item.set("name", name);
    item.set("selected", crop.id == selected);
    crops.push_back(item);
  }
  return crops;
}

}  // namespace

TemplateData sampling_page_data(const WebContext& ctx, const std::string& lang, const QueryParams& form, bool& failed) {
  std::string tool(form.get("tool"));
  TemplateData data;
  if (tool == "evaluate") data = sampling_evaluate(ctx, lang, form, failed);
  else if (tool == "search") data = sampling_search(ctx, lang, form, failed);
  else if (tool == "seeds") data = sampling_seeds(ctx, lang, form, failed);
  data.set("crops", crop_options(ctx, lang, form.get("crop")));
  return data;
}

}  // namespace lmo::web
