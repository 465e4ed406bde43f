#include "web/pages/lab_tool_pages.hpp"

#include <boost/json.hpp>
#include <cmath>

#include "web/pages/lab_page_support.hpp"
#include "web/pages/labels.hpp"
#include "web/pages/page_support.hpp"
#include "web/pages/svg_chart.hpp"
#include <map>

#include "services/screening_matrix_service.hpp"

namespace lmo::web {

namespace json = boost::json;

namespace {

json::object matrix_request(const QueryParams& form, const services::LabTools& lab) {
  json::object request;
  std::string csv(form.get("matrix_csv"));
  json::array results;
  if (!csv.empty()) {
    request["matrix_csv"] = csv;
  } else if (lab.matrix()) {
    for (const auto& method : lab.matrix()->methods()) {
      std::string_view result = form.get("result_" + method.name);
      if (result == "positive" || result == "negative") {
        results.push_back(json::object{{"method", method.name}, {"result", result}});
      }
    }
  }
  for (const auto& line : lines_of(form.get("other_results"))) {
    auto colon = line.rfind(':');
    std::string method = colon == std::string::npos ? line : line.substr(0, colon);
    std::string result = colon == std::string::npos ? std::string() : line.substr(colon + 1);
    while (!method.empty() && method.back() == ' ') method.pop_back();
    auto start = result.find_first_not_of(' ');
    results.push_back(json::object{{"method", method}, {"result", start == std::string::npos ? "" : result.substr(start)}});
  }
  request["results"] = std::move(results);
  if (!form.get("country").empty()) request["country"] = std::string(form.get("country"));
  if (!form.get("use").empty()) request["use"] = std::string(form.get("use"));
  return request;
}

// Labels of a JSON list of strings, joined for display.
std::string joined(const json::value* list) {
  std::vector<std::string> items;
  if (list && list->is_array()) {
    for (const auto& item : list->get_array()) {
      if (item.is_string()) items.emplace_back(item.get_string());
    }
  }
  return join_for_display(items);
}

TemplateData matrix_interpret(const WebContext& ctx, const std::string& lang, const QueryParams& form, bool& failed) {
  TemplateData data;
  auto request = matrix_request(form, *ctx.lab);
  if (const auto* country = request.if_contains("country"); country && !ctx.countries.contains(country->get_string())) {
    failed = take_problem(domain::FieldError{"country", "is not a known country code (ISO 3166-1 alpha-2, or EU)"}, data);
    return data;
  }
  auto result = services::interpret_screening(request, ctx.lab->matrix(), ctx.lab->approval);
  if ((failed = take_problem(result, data))) return data;
  const auto& r = std::get<json::value>(result);
  data.set("interpreted", true);
  data.set("positives", joined(at(r, {"positives"})));
  data.set("negatives", joined(at(r, {"negatives"})));
  data.set("excluded_count", display_json_number(at(r, {"matrix", "events"}), lang, 12));
  std::map<std::string, std::string> labels;  // event name → label, for the explanations
  kainjow::mustache::list candidates;
  bool overlay = text_at(r, {"authorisation", "status"}) == "applied";
  if (const auto* list = at(r, {"candidates"}); list && list->is_array()) {
    for (const auto& c : list->get_array()) {
      TemplateData item;
      std::string name = text_at(c, {"event"});
      labels[name] = text_at(c, {"label"});
      item.set("label", labels[name]);
      put(item, "href", "/" + lang + "/registry/" + encode_segment(name));
      item.set("explains", joined(at(c, {"explains"})));
      item.set("in_every", at(c, {"in_every_explanation"}) && at(c, {"in_every_explanation"})->is_bool() &&
                               at(c, {"in_every_explanation"})->get_bool());
      if (overlay) {
        std::string status = text_at(c, {"authorisation"});
        item.set("authorisation", label(ctx, lang, "authorisation", status));
        item.set("status_" + status, true);
      }
      candidates.push_back(item);
    }
  }
  data.set("overlay", overlay);
  data.set("candidates", candidates);
  data.set("candidate_count", std::to_string(candidates.size()));
  kainjow::mustache::list excluded;
  if (const auto* list = at(r, {"excluded"}); list && list->is_array()) {
    for (const auto& e : list->get_array()) {
      TemplateData item;
      item.set("label", text_at(e, {"label"}));
      item.set("by", joined(at(e, {"by"})));
      excluded.push_back(item);
    }
  }
  data.set("excluded", excluded);
  data.set("excluded_total", std::to_string(excluded.size()));
  kainjow::mustache::list unexplained;
  if (const auto* list = at(r, {"unexplained_positives"}); list && list->is_array()) {
    for (const auto& u : list->get_array()) {
      TemplateData item;
      item.set("method", text_at(u, {"method"}));
      std::string assessment = text_at(u, {"assessment"});
      item.set("assessment_" + assessment, true);
      put(item, "virus", text_at(u, {"virus"}));
      put(item, "detail", text_at(u, {"explanation"}));
      unexplained.push_back(item);
    }
  }
  data.set("unexplained", unexplained);
  data.set("has_unexplained", !unexplained.empty());
  kainjow::mustache::list explanations;
  if (const auto* list = at(r, {"minimum_explanations", "listed"}); list && list->is_array()) {
    for (const auto& set : list->get_array()) {
      std::vector<std::string> names;
      if (set.is_array()) {
        for (const auto& e : set.get_array()) {
          std::string name(e.is_string() ? std::string(e.get_string()) : std::string());
          names.push_back(labels.count(name) ? labels[name] : name);
        }
      }
      TemplateData item;
      item.set("events", join_for_display(names, " + "));
      explanations.push_back(item);
    }
  }
  data.set("explanations", explanations);
  data.set("explanation_count", display_json_number(at(r, {"minimum_explanations", "count"}), lang, 12));
  data.set("explanation_size", display_json_number(at(r, {"minimum_explanations", "size"}), lang, 12));
  kainjow::mustache::list next;
  if (const auto* list = at(r, {"next_tests", "tests"}); list && list->is_array()) {
    for (const auto& t : list->get_array()) {
      TemplateData item;
      item.set("method", text_at(t, {"method"}));
      item.set("label", text_at(t, {"label"}));
      item.set("bits", display_json_number(at(t, {"information_bits"}), lang, 3));
      item.set("cost", display_json_number(at(t, {"cost"}), lang, 4));
      next.push_back(item);
    }
  }
  data.set("next_tests", next);
  put(data, "matrix_explanation", text_at(r, {"explanation"}));
  put(data, "overlay_explanation", text_at(r, {"authorisation", "explanation"}));
  return data;
}

TemplateData matrix_panel(const WebContext& ctx, const std::string& lang, const QueryParams& form, bool& failed) {
  TemplateData data;
  json::object request = lab_request(form, {"coverage", "max_methods"});
  if (std::string csv(form.get("matrix_csv")); !csv.empty()) request["matrix_csv"] = csv;
  json::array targets;
  for (const auto& line : lines_of(form.get("targets"))) targets.push_back(json::value(line));
  if (!targets.empty()) request["targets"] = std::move(targets);
  auto result = services::design_panel(request, ctx.lab->matrix());
  if ((failed = take_problem(result, data))) return data;
  const auto& r = std::get<json::value>(result);
  data.set("panel_done", true);
  std::string status = text_at(r, {"status"});
  data.set("panel_optimal", status == "optimal");
  data.set("panel_infeasible", status == "infeasible");
  data.set("panel_limit", status == "search_limit_reached");
  kainjow::mustache::list methods;
  if (const auto* list = at(r, {"panel", "methods"}); list && list->is_array()) {
    for (const auto& m : list->get_array()) {
      TemplateData item;
      item.set("method", text_at(m, {"method"}));
      item.set("label", text_at(m, {"label"}));
      item.set("detected", display_json_number(at(m, {"detected_targets"}), lang, 12));
      item.set("cost", display_json_number(at(m, {"cost"}), lang, 4));
      methods.push_back(item);
    }
  }
  data.set("has_panel_methods", !methods.empty());
  data.set("panel_methods", methods);
  data.set("panel_coverage", display_json_number(at(r, {"panel", "coverage_percent"}), lang, 3));
  data.set("panel_cost", display_json_number(at(r, {"panel", "cost"}), lang, 4));
  put(data, "panel_explanation", text_at(r, {"explanation"}));
  BarChart chart;
  chart.id = "coverage-chart";
  chart.title = label(ctx, lang, "chart", "coverage-title");
  chart.description = label(ctx, lang, "chart", "coverage-description");
  chart.category_label = label(ctx, lang, "chart", "coverage-x");
  chart.value_axis.label = label(ctx, lang, "chart", "coverage-y");
  chart.value_axis.format = chart_format(lang, true);
  chart.value_axis.min = 0;
  chart.value_axis.max = 1;
  if (const auto* curve = at(r, {"coverage_curve"}); curve && curve->is_array()) {
    for (const auto& step : curve->get_array()) {
      double share = number_at(step, {"coverage_percent"}) / 100.0;
      chart.bars.push_back({display_json_number(at(step, {"max_methods"}), lang, 6), share, display_percent(share, lang)});
    }
  }
  double goal = number_at(r, {"coverage_goal_percent"}) / 100.0;
  chart.target = ReferenceLine{goal, label(ctx, lang, "chart", "coverage-goal") + " " + display_percent(goal, lang)};
  if (!chart.bars.empty()) data.set("coverage_chart", render_svg(chart));
  return data;
}

kainjow::mustache::list matrix_methods(const WebContext& ctx, const QueryParams& form) {
  kainjow::mustache::list methods;
  if (!ctx.lab->matrix()) return methods;
  int index = 0;
  for (const auto& method : ctx.lab->matrix()->methods()) {
    if (method.kind != domain::MethodKind::element && method.kind != domain::MethodKind::construct &&
        method.kind != domain::MethodKind::virus_marker) {
      continue;
    }
    TemplateData item;
    item.set("index", std::to_string(index++));
    item.set("name", method.name);
    item.set("label", method.label);
    std::string_view result = form.get("result_" + method.name);
    item.set("positive", result == "positive");
    item.set("negative", result == "negative");
    item.set("untested", result != "positive" && result != "negative");
    methods.push_back(item);
  }
  return methods;
}

}  // namespace

TemplateData matrix_page_data(const WebContext& ctx, const std::string& lang, const QueryParams& form, bool& failed) {
  std::string tool(form.get("tool"));
  TemplateData data;
  if (tool == "interpret") data = matrix_interpret(ctx, lang, form, failed);
  else if (tool == "panel") data = matrix_panel(ctx, lang, form, failed);
  data.set("methods", matrix_methods(ctx, form));
  data.set("has_registry_matrix", ctx.lab->matrix() != nullptr);
  return data;
}

}  // namespace lmo::web
