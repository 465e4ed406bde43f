#include "web/pages/lab_tool_pages.hpp"

#include <boost/json.hpp>
#include <cmath>

#include "web/pages/lab_page_support.hpp"
#include "web/pages/labels.hpp"
#include "web/pages/page_support.hpp"
#include "web/pages/svg_chart.hpp"
#include "services/quantification_service.hpp"

namespace lmo::web {

namespace json = boost::json;

namespace {

json::array calibrants(std::string_view text) {
  json::array points;
  for (const auto& line : lines_of(text)) {
    auto f = fields_of(line);
    json::object point;
    if (f.size() > 0) point["copies"] = number_or_text(f[0]);
    if (f.size() > 1) point["cq"] = number_or_text(f[1]);
    points.push_back(std::move(point));
  }
  return points;
}

json::array number_list(std::string_view text) {
  json::array values;
  std::string current;
  for (char c : std::string(text) + " ") {
    if (c == ' ' || c == ';' || c == '\n' || c == '\r' || c == '\t') {
      if (!current.empty()) values.push_back(number_or_text(current));
      current.clear();
    } else {
      current += c;
    }
  }
  return values;
}

TemplateData quantify_qpcr(const WebContext& ctx, const std::string& lang, const QueryParams& form, bool& failed) {
  TemplateData data;
  json::object request;
  if (auto curve = calibrants(form.get("curve")); !curve.empty()) request["curve"] = std::move(curve);
  if (auto cq = number_list(form.get("event_cq")); !cq.empty()) request["event_cq"] = std::move(cq);
  if (auto cq = number_list(form.get("reference_cq")); !cq.empty()) request["reference_cq"] = std::move(cq);
  auto result = services::quantify_qpcr(request);
  if ((failed = take_problem(result, data))) return data;
  const auto& r = std::get<json::value>(result);
  data.set("qpcr_done", true);
  const json::value* event = at(r, {"event"});
  if (event) {
    data.set("slope", display_json_number(at(*event, {"curve", "slope"}), lang, 4));
    data.set("intercept", display_json_number(at(*event, {"curve", "intercept"}), lang, 4));
    data.set("r_squared", display_json_number(at(*event, {"curve", "r_squared"}), lang, 4));
    data.set("efficiency", display_json_number(at(*event, {"curve", "efficiency_percent"}), lang, 4));
    data.set("event_copies", display_json_number(at(*event, {"mean_copies"}), lang, 4));
  }
  data.set("reference_copies", display_json_number(at(r, {"reference", "mean_copies"}), lang, 4));
  data.set("gm_percent", display_json_number(at(r, {"gm_percent"}), lang, 3));
  kainjow::mustache::list warnings;
  if (const auto* list = at(r, {"warnings"}); list && list->is_array()) {
    for (const auto& w : list->get_array()) {
      TemplateData item;
      item.set("code", text_at(w, {"code"}));
      item.set("target", text_at(w, {"target"}));
      warnings.push_back(item);
    }
  }
  data.set("has_warnings", !warnings.empty());
  data.set("warnings", warnings);
  put(data, "qpcr_explanation", text_at(r, {"explanation"}));
  if (event) {
    LineChart chart;
    chart.id = "curve-chart";
    chart.title = label(ctx, lang, "chart", "curve-title");
    chart.description = label(ctx, lang, "chart", "curve-description");
    chart.x.label = label(ctx, lang, "chart", "curve-x");
    chart.y.label = label(ctx, lang, "chart", "curve-y");
    chart.x.format = chart_format(lang, false);
    chart.y.format = chart_format(lang, false);
    chart.x_log10 = true;
    Series points;
    points.name = label(ctx, lang, "chart", "curve-points");
    points.style = LineStyle::solid;
    points.marker = MarkerShape::circle;
    if (const auto* list = at(*event, {"curve", "calibrants"}); list && list->is_array()) {
      for (const auto& c : list->get_array()) points.points.push_back({number_at(c, {"copies"}), number_at(c, {"cq"})});
    }
    // Calibrants are drawn as markers only: a gap (NaN) between consecutive points.
    Series markers;
    markers.name = points.name;
    markers.marker = MarkerShape::circle;
    for (const auto& point : points.points) {
      markers.points.push_back(point);
      markers.points.push_back({std::nan(""), std::nan("")});
    }
    Series line;
    line.name = label(ctx, lang, "chart", "curve-line");
    line.style = LineStyle::dashed;
    line.marker = MarkerShape::none;
    double low = number_at(*event, {"curve", "line", "log10_copies_min"});
    double high = number_at(*event, {"curve", "line", "log10_copies_max"});
    line.points.push_back({std::pow(10.0, low), number_at(*event, {"curve", "line", "cq_at_min"})});
    line.points.push_back({std::pow(10.0, high), number_at(*event, {"curve", "line", "cq_at_max"})});
    chart.series.push_back(std::move(markers));
    chart.series.push_back(std::move(line));
    data.set("curve_chart", render_svg(chart));
  }
  return data;
}

TemplateData quantify_dpcr(const WebContext&, const std::string& lang, const QueryParams& form, bool& failed) {
  TemplateData data;
  json::object request;
  auto target = lab_request(form, {"positive", "partitions", "partition_volume_nl", "reaction_volume_ul", "dilution_factor"});
  if (!target.empty()) request["target"] = std::move(target);
  json::object reference;
  for (auto [field, key] : {std::pair{"reference_positive", "positive"}, std::pair{"reference_partitions", "partitions"}}) {
    if (auto number = form_number(form.get(field))) reference[key] = *number;
    else if (!form.get(field).empty()) reference[key] = std::string(form.get(field));
  }
  if (!reference.empty()) request["reference"] = std::move(reference);
  for (auto& [key, value] : lab_request(form, {"confidence_percent"})) request[key] = value;
  auto result = services::quantify_dpcr(request);
  if ((failed = take_problem(result, data))) return data;
  const auto& r = std::get<json::value>(result);
  data.set("dpcr_done", true);
  data.set("dpcr_status", text_at(r, {"target", "status"}));
  data.set("lambda", display_json_number(at(r, {"target", "copies_per_partition", "estimate"}), lang, 4));
  data.set("per_ul", display_json_number(at(r, {"target", "copies_per_ul", "estimate"}), lang, 4));
  data.set("per_ul_lower", display_json_number(at(r, {"target", "copies_per_ul", "lower"}), lang, 4));
  data.set("per_ul_upper", display_json_number(at(r, {"target", "copies_per_ul", "upper"}), lang, 4));
  data.set("in_reaction", display_json_number(at(r, {"target", "copies_in_reaction", "estimate"}), lang, 4));
  if (at(r, {"gm_percent", "estimate"})) {
    data.set("dpcr_gm", display_json_number(at(r, {"gm_percent", "estimate"}), lang, 3));
    data.set("dpcr_gm_lower", display_json_number(at(r, {"gm_percent", "lower"}), lang, 3));
    data.set("dpcr_gm_upper", display_json_number(at(r, {"gm_percent", "upper"}), lang, 3));
  }
  put(data, "dpcr_explanation", text_at(r, {"explanation"}));
  return data;
}

TemplateData quantify_decide(const WebContext& ctx, const std::string& lang, const QueryParams& form, bool& failed) {
  TemplateData data;
  auto request = lab_request(form, {"result", "value", "lod", "rsd_precision", "rsd_bias", "coverage_factor", "threshold",
                                    "threshold_percent"});
  auto result = services::decide_compliance(request, ctx.lab->thresholds);
  if ((failed = take_problem(result, data))) return data;
  const auto& r = std::get<json::value>(result);
  data.set("decided", true);
  std::string decision = text_at(r, {"decision"});
  data.set("decision", decision);
  data.set("decision_label", label(ctx, lang, "decision", decision));
  put(data, "inequality", text_at(r, {"inequality"}));
  put(data, "decision_explanation", text_at(r, {"explanation"}));
  return data;
}

kainjow::mustache::list threshold_options(const WebContext& ctx, const std::string& lang, std::string_view selected) {
  kainjow::mustache::list options;
  for (const auto& t : ctx.lab->thresholds.all()) {
    TemplateData item;
    item.set("id", t.id);
    std::string name = t.id;
    if (const auto* names = t.record.if_contains("name"); names && names->is_object()) {
      const auto* local = names->as_object().if_contains(lang);
      if (!local) local = names->as_object().if_contains("en");
      if (local && local->is_string()) name = std::string(local->get_string());
    }
    item.set("name", name);
    item.set("selected", t.id == selected);
    options.push_back(item);
  }
  return options;
}

}  // namespace

TemplateData quantify_page_data(const WebContext& ctx, const std::string& lang, const QueryParams& form, bool& failed) {
  std::string tool(form.get("tool"));
  TemplateData data;
  if (tool == "qpcr") data = quantify_qpcr(ctx, lang, form, failed);
  else if (tool == "dpcr") data = quantify_dpcr(ctx, lang, form, failed);
  else if (tool == "decide") data = quantify_decide(ctx, lang, form, failed);
  data.set("thresholds", threshold_options(ctx, lang, form.get("threshold")));
  return data;
}

}  // namespace lmo::web
