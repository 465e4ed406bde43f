#include "web/pages/check_pages.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <sstream>

#include "domain/declaration.hpp"
#include "services/case_service.hpp"
#include "services/clock.hpp"
#include "services/shipment_check.hpp"
#include "web/error_responses.hpp"
#include "web/http/query_params.hpp"
#include "web/pages/lab_page_support.hpp"
#include "web/pages/labels.hpp"
#include "web/pages/layout.hpp"
#include "web/pages/page_support.hpp"
#include "web/pages/session_support.hpp"

namespace lmo::web {

namespace json = boost::json;

namespace {

const char* kTextFields[] = {"importing_country", "exporting_country", "hs_code", "goods_description", "document_text",
                             "lmos", "may_contain", "contact_name", "contact_address", "consignee_name",
                             "consignee_address", "importer_name", "exporter_name", "check_date", "transport_mode"};
const char* kFlags[] = {"contains_lmo", "may_contain_lmo", "not_for_intentional_introduction", "identified_as_lmo",
                        "traits_described", "conformity_declaration"};

std::string upper(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

json::array lines(std::string_view text) {
  json::array out;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    size_t start = line.find_first_not_of(' ');
    if (start != std::string::npos) out.emplace_back(line.substr(start));
  }
  return out;
}

// The form's fields as the JSON declaration the API accepts, so both are checked alike.
json::object declaration_json(const QueryParams& form) {
  json::object d;
  auto put = [&](const char* key, std::string value) {
    if (!value.empty()) d[key] = std::move(value);
  };
  put("importing_country", upper(form.get("importing_country")));
  put("exporting_country", upper(form.get("exporting_country")));
  put("hs_code", std::string(form.get("hs_code")));
  put("goods_description", std::string(form.get("goods_description")));
  d["declared_use"] = form.has("declared_use") ? std::string(form.get("declared_use")) : std::string("unknown");
  put("transport_mode", std::string(form.get("transport_mode")));
  put("document_text", std::string(form.get("document_text")));
  put("check_date", std::string(form.get("check_date")));
  if (auto l = lines(form.get("lmos")); !l.empty()) d["lmos"] = std::move(l);
  if (auto l = lines(form.get("may_contain")); !l.empty()) d["may_contain"] = std::move(l);
  json::object statements;
  for (const char* flag : kFlags) {
    if (form.get(flag) == "true") statements[flag] = true;
  }
  if (!statements.empty()) d["statements"] = std::move(statements);
  json::object parties;
  auto party = [&](const char* name, json::object fields) {
    for (auto it = fields.begin(); it != fields.end();) {
      if (it->value().as_string().empty()) it = fields.erase(it); else ++it;
    }
    if (!fields.empty()) parties[name] = std::move(fields);
  };
  party("contact_point", {{"name", form.get("contact_name")}, {"address", form.get("contact_address")}});
  party("consignee", {{"name", form.get("consignee_name")}, {"address", form.get("consignee_address")}});
  party("importer", {{"name", form.get("importer_name")}});
  party("exporter", {{"name", form.get("exporter_name")}});
  if (!parties.empty()) d["parties"] = std::move(parties);
  return d;
}

TemplateData form_data(const std::string& lang, const QueryParams& form) {
  TemplateData data;
  data.set("lang", lang);
  for (const char* field : kTextFields) data.set(field, std::string(form.get(field)));
  for (const char* flag : kFlags) data.set(flag, form.get(flag) == "true");
  std::string use(form.get("declared_use"));
  data.set("use_ffp", use == "food_feed_processing" || use.empty());
  data.set("use_contained", use == "contained_use");
  data.set("use_environment", use == "environment");
  data.set("use_unknown", use == "unknown");
  std::string mode(form.get("transport_mode"));
  data.set("mode_" + (mode.empty() ? std::string("none") : mode), true);
  return data;
}

Response page(const WebContext& context, const std::string& lang, const std::string& title, const std::string& body,
              int status = 200) {
  LayoutOptions layout;
  layout.title = title;
  layout.body_html = body;
  layout.page_path = "/check";
  layout.current_slug = "check";
  layout.printable = false;
  layout.indexable = status == 200;
  Response response = html_response(render_layout(context, lang, layout));
  response.status = status;
  response.set_header("Cache-Control", "no-store");
  return response;
}

TemplateData lab_suggestion_data(const WebContext& ctx, const std::string& lang, const services::LabSuggestion& s) {
  TemplateData data;
  if (s.plan) {
    TemplateData plan;
    long long pools = 1, pool_size = 1;
    if (const auto* pooled = std::get_if<domain::PooledPlan>(&s.plan->plan)) {
      pools = pooled->pools;
      pool_size = pooled->pool_size;
    } else if (const auto* single = std::get_if<domain::IndividualSeedPlan>(&s.plan->plan)) {
      pools = single->seeds;
    }
    plan.set("plan_text", fmt::format("{} × {}", pools, pool_size));
    if (s.sample_grams) plan.set("grams", display_number(*s.sample_grams, lang, 4));
    plan.set("proportion", display_percent(s.basis.proportion, lang));
    plan.set("confidence", display_percent(s.basis.confidence, lang));
    plan.set("plan_href", fmt::format("/{}/lab/sampling?tool=evaluate&type=pooled&pools={}&pool_size={}&acceptance_number=0&lql_percent={}#evaluate-result",
                                      lang, pools, pool_size, s.basis.proportion * 100));
    data.set("plan", plan);
  }
  kainjow::mustache::list panel;
  for (const auto& m : s.panel) {
    TemplateData item;
    item.set("method", m.code);
    item.set("label", m.label);
    panel.push_back(item);
  }
  data.set("has_panel", !panel.empty());
  data.set("panel", panel);
  std::vector<std::string> missing;
  for (const auto& key : s.undetectable) {
    auto lmo = ctx.registry.find_lmo(key);
    missing.push_back(lmo ? lmo->event_name : key);
  }
  data.set("has_undetectable", !missing.empty());
  data.set("undetectable", join_for_display(missing));
  return data;
}

}  // namespace

void add_check_page_routes(Router& router, const WebContext& context) {
  const WebContext* ctx = &context;
  router.add({"GET", "/{lang}/check", "check.form", [ctx](Request& request) {
    std::string lang(request.param("lang"));
    if (!ctx->catalogs.supports(lang)) return error_response(*ctx, request, 404, "no such language");
    QueryParams empty;
    auto data = form_data(lang, empty);
    data.set("check_date", services::today_utc());
    return page(*ctx, lang, label(*ctx, lang, "page", "check"), ctx->templates.render("check_form", lang, data));
  }});
  Route post{"POST", "/{lang}/check", "check.report", [ctx](Request& request) {
    std::string lang(request.param("lang"));
    if (!ctx->catalogs.supports(lang)) return error_response(*ctx, request, 404, "no such language");
    QueryError error;
    auto form = parse_query(request.body, &error);
    if (!form) return error_response(*ctx, request, 400, error.message, error.field);
    auto parsed = domain::parse_declaration(declaration_json(*form));
    if (auto* problems = std::get_if<std::vector<domain::DeclarationProblem>>(&parsed); problems || !ctx->check_rules) {
      auto data = form_data(lang, *form);
      kainjow::mustache::list items;
      if (problems) {
        for (const auto& p : *problems) {
          TemplateData item;
          item.set("field", p.field);
          item.set("anchor", p.field.substr(0, p.field.find_first_of(".[")));
          item.set("reason", p.reason);
          items.push_back(item);
        }
      }
      data.set("has_problems", true);
      data.set("problems", items);
      return page(*ctx, lang, label(*ctx, lang, "page", "check"), ctx->templates.render("check_form", lang, data), 422);
    }
    const auto& declaration = std::get<domain::Declaration>(parsed);
    auto report = services::ShipmentCheck(*ctx->check_rules, ctx->registry, ctx->lab).run(declaration);
    TemplateData data;
    data.set("lang", lang);
    data.set("reference", services::inspection_reference(report.check_date));
    data.set("check_date", report.check_date);
    data.set("importing_country", ctx->countries.name(declaration.importing_country, lang));
    data.set("regime_label", label(*ctx, lang, "regime", report.regime));
    data.set("rules_version", report.rules_version);
    data.set("outcome", std::string(services::outcome_name(report.outcome)));
    data.set("outcome_label", label(*ctx, lang, "outcome", services::outcome_name(report.outcome)));
    kainjow::mustache::list findings;
    for (const auto& f : report.findings) {
      auto rule = ctx->check_rules->rule_in(f.rule, report.jurisdictions);
      TemplateData item;
      item.set("rule", f.rule);
      item.set("severity", f.severity);
      item.set("severity_label", label(*ctx, lang, "severity", f.severity));
      put(item, "subject", f.subject);
      put(item, "detail", f.detail);
      if (rule) {
        item.set("requirement", rule->requirement.resolve_or_empty(lang).text);
        item.set("why", rule->why.resolve_or_empty(lang).text);
        item.set("action", rule->action.resolve_or_empty(lang).text);
        item.set("legal_basis", rule->legal_basis);
      }
      findings.push_back(item);
    }
    data.set("findings", findings);
    kainjow::mustache::list lmos;
    for (const auto& l : report.lmos) {
      TemplateData item;
      item.set("listed", l.listed);
      put(item, "canonical", l.canonical);
      if (l.registry_key) put(item, "href", "/" + lang + "/registry/" + encode_segment(*l.registry_key));
      if (l.approval) put(item, "approval", l.approval->explanation);
      lmos.push_back(item);
    }
    data.set("lmos", lmos);
    kainjow::mustache::list authorities;
    for (const auto& a : report.authorities) {
      TemplateData item;
      item.set("institution", a.institution);
      item.set("role", label(*ctx, lang, "role", a.role));
      put(item, "url", a.url.value_or(""));
      authorities.push_back(item);
    }
    data.set("authorities", authorities);
    kainjow::mustache::list labs;
    for (const auto* l : report.laboratories) {
      TemplateData item;
      item.set("name", l->name);
      put(item, "url", l->url);
      item.set("country", ctx->countries.name(l->country, lang));
      labs.push_back(item);
    }
    data.set("laboratories", labs);
    if (report.lab) data.set("lab", lab_suggestion_data(*ctx, lang, *report.lab));
    // Signed-in officers of the importing country can keep the check as an inspection case.
    if (auto user = signed_in(*ctx, request);
        user && ctx->cases && services::CaseService::may_act({user->username, user->grants, {}, {}}, declaration.importing_country)) {
      TemplateData save;
      save.set("csrf", user->csrf_token);
      save.set("declaration", json::serialize(declaration_json(*form)));
      data.set("save_case", save);
    }
    return page(*ctx, lang, label(*ctx, lang, "page", "report"), ctx->templates.render("check_report", lang, data));
  }};
  post.body_limit = 256 * 1024;
  router.add(std::move(post));
}

}  // namespace lmo::web
