#include "web/pages/lab_pages.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <sstream>

#include "services/estimation_service.hpp"
#include "services/quantification_service.hpp"
#include "services/sampling_service.hpp"
#include "services/screening_matrix_service.hpp"
#include "web/error_responses.hpp"
#include "web/http/query_params.hpp"
#include "web/pages/lab_form.hpp"
#include "web/pages/labels.hpp"
#include "web/pages/layout.hpp"
#include "web/pages/page_support.hpp"
#include "web/pages/svg_chart.hpp"

namespace lmo::web {

namespace json = boost::json;

namespace {

constexpr int kFormProblem = 422;

Response lab_page(const WebContext& context, const std::string& lang, const std::string& slug,
                  const std::string& template_name, TemplateData data, bool print, int status) {
  data.set("lang", lang);
  LayoutOptions layout;
  layout.title = label(context, lang, "page", slug.empty() ? "lab" : "lab-" + slug);
  layout.body_html = context.templates.render(template_name, lang, data);
  layout.page_path = slug.empty() ? "/lab" : "/lab/" + slug;
  layout.current_slug = "lab";
  if (!slug.empty()) layout.breadcrumbs.push_back({"lab", {label(context, lang, "page", "lab"), lang}});
  layout.print = print;
  layout.printable = false;  // results print from their own link (the query holds the inputs)
  layout.indexable = status == 200 && !print;
  Response response = html_response(render_layout(context, lang, layout));
  response.status = status;
  response.set_header("Cache-Control", "no-store");
  return response;
}

// The form's own values back into the page, so a result or a problem keeps what was typed.
void keep_values(TemplateData& data, const QueryParams& form) {
  for (const auto& [name, value] : form.values) {
    if (!value.empty()) data.set("v_" + name, value);
    data.set("is_" + name + "_" + value, true);
  }
}

// Puts the service's field error into the page; false when there is none.
bool take_problem(const services::ServiceResult& result, TemplateData& data) {
  const auto* error = domain::error_of(result);
  if (!error) return false;
  data.set("has_problem", true);
  data.set("problem_field", error->field);
  data.set("problem_message", error->message);
  return true;
}

const json::value* at(const json::value& value, std::initializer_list<std::string_view> path) {
  const json::value* current = &value;
  for (auto key : path) {
    const auto* object = current->if_object();
    if (!object) return nullptr;
    current = object->if_contains(key);
    if (!current) return nullptr;
  }
  return current;
}

double number_at(const json::value& value, std::initializer_list<std::string_view> path, double fallback = 0) {
  const auto* found = at(value, path);
  return found && found->is_number() ? found->to_number<double>() : fallback;
}

std::string text_at(const json::value& value, std::initializer_list<std::string_view> path) {
  const auto* found = at(value, path);
  return found && found->is_string() ? std::string(found->get_string()) : std::string();
}

std::string percent_at(const json::value& value, std::initializer_list<std::string_view> path, const std::string& lang) {
  const auto* found = at(value, path);
  return found && found->is_number() ? display_percent(found->to_number<double>(), lang) : "—";
}

// Lines of a text area, trimmed, blank ones left out.
std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    auto start = line.find_first_not_of(" \t");
    if (start != std::string::npos) out.push_back(line.substr(start));
  }
  return out;
}

// Splits "a:b:c", "a b c", "a;b;c" or "a,b" (numbers in either notation) into fields.
std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> out;
  std::string current;
  for (char c : line) {
    if (c == ':' || c == ';' || c == ' ' || c == '\t' || c == '=') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

json::value number_or_text(const std::string& text) {
  if (auto number = form_number(text)) return *number;
  return json::value(text);
}

// ---- Sampling ----------------------------------------------------------------------------

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

// ---- Estimation --------------------------------------------------------------------------

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
  for (const auto& name : fields_of(std::string(form.get("events")))) events.push_back(json::value(name));
  // "events" in the form may also be comma-separated.
  if (events.size() == 1 && std::string(events[0].as_string()).find(',') != std::string::npos) {
    std::string all(events[0].as_string());
    events.clear();
    std::string current;
    for (char c : all + ",") {
      if (c == ',') {
        if (!current.empty()) events.push_back(json::value(current));
        current.clear();
      } else if (c != ' ') {
        current += c;
      }
    }
  }
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

// ---- Screening matrix --------------------------------------------------------------------

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

// ---- Quantification ----------------------------------------------------------------------

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

void add_lab_page_routes(Router& router, const WebContext& context) {
  const WebContext* ctx = &context;
  auto language = [ctx](Request& request, std::string& lang) {
    lang = std::string(request.param("lang"));
    return ctx->catalogs.supports(lang) && ctx->lab != nullptr;
  };
  auto query = [](Request& request, QueryParams& form, QueryError& error) {
    auto parsed = parse_query(request.query, &error);
    if (!parsed) return false;
    form = std::move(*parsed);
    return true;
  };

  router.add({"GET", "/{lang}/lab", "lab.index", [ctx, language](Request& request) {
    std::string lang;
    if (!language(request, lang)) return error_response(*ctx, request, 404, "no such page");
    return lab_page(*ctx, lang, "", "lab_index", TemplateData(), false, 200);
  }});

  router.add({"GET", "/{lang}/lab/sampling", "lab.sampling", [ctx, language, query](Request& request) {
    std::string lang;
    if (!language(request, lang)) return error_response(*ctx, request, 404, "no such page");
    QueryParams form;
    QueryError error;
    if (!query(request, form, error)) return error_response(*ctx, request, 400, error.message, error.field);
    std::string tool(form.get("tool"));
    bool failed = false;
    TemplateData data;
    if (tool == "evaluate") data = sampling_evaluate(*ctx, lang, form, failed);
    else if (tool == "search") data = sampling_search(*ctx, lang, form, failed);
    else if (tool == "seeds") data = sampling_seeds(*ctx, lang, form, failed);
    if (!tool.empty()) data.set("problem_" + tool, failed);
    keep_values(data, form);
    if (!tool.empty() && !failed) data.set("print_href", "/" + lang + "/lab/sampling?" + std::string(request.query) + "&print=1");
    data.set("crops", crop_options(*ctx, lang, form.get("crop")));
    return lab_page(*ctx, lang, "sampling", "lab_sampling", std::move(data), form.get("print") == "1",
                    failed ? kFormProblem : 200);
  }});

  router.add({"GET", "/{lang}/lab/estimate", "lab.estimate", [ctx, language, query](Request& request) {
    std::string lang;
    if (!language(request, lang)) return error_response(*ctx, request, 404, "no such page");
    QueryParams form;
    QueryError error;
    if (!query(request, form, error)) return error_response(*ctx, request, 400, error.message, error.field);
    std::string tool(form.get("tool"));
    bool failed = false;
    TemplateData data;
    if (tool == "pooled") data = estimate_pooled(*ctx, lang, form, failed);
    else if (tool == "stacked") data = estimate_stacked(*ctx, lang, form, failed);
    if (!tool.empty()) data.set("problem_" + tool, failed);
    keep_values(data, form);
    if (!tool.empty() && !failed) data.set("print_href", "/" + lang + "/lab/estimate?" + std::string(request.query) + "&print=1");
    return lab_page(*ctx, lang, "estimate", "lab_estimate", std::move(data), form.get("print") == "1",
                    failed ? kFormProblem : 200);
  }});

  router.add({"GET", "/{lang}/lab/quantify", "lab.quantify", [ctx, language, query](Request& request) {
    std::string lang;
    if (!language(request, lang)) return error_response(*ctx, request, 404, "no such page");
    QueryParams form;
    QueryError error;
    if (!query(request, form, error)) return error_response(*ctx, request, 400, error.message, error.field);
    std::string tool(form.get("tool"));
    bool failed = false;
    TemplateData data;
    if (tool == "qpcr") data = quantify_qpcr(*ctx, lang, form, failed);
    else if (tool == "dpcr") data = quantify_dpcr(*ctx, lang, form, failed);
    else if (tool == "decide") data = quantify_decide(*ctx, lang, form, failed);
    keep_values(data, form);
    if (!tool.empty() && !failed) data.set("print_href", "/" + lang + "/lab/quantify?" + std::string(request.query) + "&print=1");
    data.set("thresholds", threshold_options(*ctx, lang, form.get("threshold")));
    return lab_page(*ctx, lang, "quantify", "lab_quantify", std::move(data), form.get("print") == "1",
                    failed ? kFormProblem : 200);
  }});

  // The matrix form is posted: a laboratory's own matrix may be a long CSV text.
  auto matrix_page = [ctx, language](Request& request, const QueryParams& form) {
    std::string lang;
    if (!language(request, lang)) return error_response(*ctx, request, 404, "no such page");
    std::string tool(form.get("tool"));
    bool failed = false;
    TemplateData data;
    if (tool == "interpret") data = matrix_interpret(*ctx, lang, form, failed);
    else if (tool == "panel") data = matrix_panel(*ctx, lang, form, failed);
    keep_values(data, form);
    data.set("methods", matrix_methods(*ctx, form));
    data.set("has_registry_matrix", ctx->lab->matrix() != nullptr);
    return lab_page(*ctx, lang, "matrix", "lab_matrix", std::move(data), false, failed ? kFormProblem : 200);
  };
  router.add({"GET", "/{lang}/lab/matrix", "lab.matrix", [matrix_page](Request& request) {
    return matrix_page(request, QueryParams{});
  }});
  Route post{"POST", "/{lang}/lab/matrix", "lab.matrix.result", [ctx, matrix_page](Request& request) {
    QueryError error;
    auto form = parse_query(request.body, &error);
    if (!form) return error_response(*ctx, request, 400, error.message, error.field);
    return matrix_page(request, *form);
  }};
  post.body_limit = 4 * 1024 * 1024;
  router.add(std::move(post));
}

}  // namespace lmo::web
