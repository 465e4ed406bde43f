#include "web/pages/case_pages.hpp"

#include <boost/json.hpp>

#include "services/case_service.hpp"
#include "services/json_request.hpp"
#include "services/secret_token.hpp"
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

Response render(const WebContext& ctx, const std::string& lang, const std::string& slug, const std::string& title,
                const std::string& body, bool print) {
  LayoutOptions layout;
  layout.title = title;
  layout.body_html = body;
  layout.page_path = "/" + slug;
  layout.printable = false;
  layout.indexable = false;
  layout.print = print;
  Response response = html_response(render_layout(ctx, lang, layout));
  response.set_header("Cache-Control", "no-store");
  return response;
}

TemplateData case_data(const WebContext& ctx, const std::string& lang, const store::InspectionCase& c,
                       const services::SessionUser& user) {
  TemplateData data;
  data.set("lang", lang);
  data.set("reference", c.reference);
  data.set("href", "/" + lang + "/cases/" + encode_segment(c.reference));
  data.set("country", ctx.countries.name(c.country, lang));
  data.set("status", c.status);
  data.set("status_label", label(ctx, lang, "case-status", c.status));
  data.set("outcome", c.outcome);
  data.set("outcome_label", label(ctx, lang, "outcome", c.outcome));
  data.set("created_by", c.created_by);
  data.set("created_at", c.created_at);
  data.set("version", std::to_string(c.version));
  data.set("csrf", user.csrf_token);
  data.set("open", c.status != "decided");
  data.set("can_record_laboratory", c.status == "sampled" || c.status == "awaiting_laboratory");
  data.set("can_sample", c.status == "open" || c.status == "sampled");
  if (c.decision) {
    data.set("decision_label", label(ctx, lang, "case-decision", *c.decision));
    put(data, "decided_by", c.decided_by.value_or(""));
    put(data, "decided_at", c.decided_at.value_or(""));
  }
  // The saved report: findings with their legal basis, and the declaration's essentials.
  boost::system::error_code error;
  auto report = json::parse(c.report, error);
  kainjow::mustache::list findings;
  if (!error) {
    if (const auto* list = at(report, {"findings"}); list && list->is_array()) {
      for (const auto& f : list->get_array()) {
        TemplateData item;
        item.set("rule", text_at(f, {"rule"}));
        item.set("requirement", text_at(f, {"requirement"}));
        item.set("legal_basis", text_at(f, {"legal_basis"}));
        item.set("severity", text_at(f, {"severity"}));
        findings.push_back(item);
      }
    }
  }
  data.set("findings", findings);
  auto declaration = json::parse(c.declaration, error);
  if (!error) {
    put(data, "goods", text_at(declaration, {"goods_description"}));
    put(data, "hs_code", text_at(declaration, {"hs_code"}));
    put(data, "exporting_country", text_at(declaration, {"exporting_country"}));
    put(data, "declared_use", text_at(declaration, {"declared_use"}));
  }
  kainjow::mustache::list entries;
  for (const auto& e : c.entries) {
    TemplateData item;
    item.set("at", e.at);
    item.set("actor", e.actor);
    item.set("kind_label", label(ctx, lang, "case-entry", e.kind));
    auto content = json::parse(e.content, error);
    kainjow::mustache::list facts;
    if (!error && content.is_object()) {
      for (const auto& [key, value] : content.as_object()) {
        if (value.is_string() && value.get_string().empty()) continue;
        if (key == "tool_result") continue;
        TemplateData fact;
        fact.set("name", std::string(key));
        fact.set("value", value.is_string() ? std::string(value.get_string())
                          : value.is_number() ? display_number(value.to_number<double>(), lang, 6)
                                              : json::serialize(value));
        facts.push_back(fact);
      }
    }
    item.set("facts", facts);
    entries.push_back(item);
  }
  data.set("entries", entries);
  kainjow::mustache::list decisions;
  for (const auto& d : services::kCaseDecisions) {
    TemplateData item;
    item.set("value", d);
    item.set("label", label(ctx, lang, "case-decision", d));
    decisions.push_back(item);
  }
  data.set("decisions", decisions);
  return data;
}

// The form of a case action as its JSON request: number fields (read as numbers when they
// are: the service refuses anything else, naming the field), text fields, checkboxes.
json::object case_request(const QueryParams& form, std::initializer_list<std::string_view> numbers,
                          std::initializer_list<std::string_view> texts, std::initializer_list<std::string_view> flags) {
  json::object request;
  for (auto number : numbers) {
    if (!form.get(number).empty()) request[number] = number_or_text(std::string(form.get(number)));
  }
  for (auto text : texts) {
    if (!form.get(text).empty()) request[text] = std::string(form.get(text));
  }
  for (auto flag : flags) request[flag] = form.get(flag) == "true";
  return request;
}

}  // namespace

void add_case_page_routes(Router& router, const WebContext& context) {
  const WebContext* ctx = &context;
  auto user_for = [ctx](Request& request, std::string& lang) {
    return signed_in_or_sign_in(*ctx, request, lang, ctx->cases != nullptr);
  };

  router.add({"GET", "/{lang}/cases", "cases", [ctx, user_for](Request& request) {
    std::string lang;
    auto who = user_for(request, lang);
    if (auto* response = std::get_if<Response>(&who)) return std::move(*response);
    const auto& user = std::get<services::SessionUser>(who);
    TemplateData data;
    data.set("lang", lang);
    kainjow::mustache::list rows;
    for (const auto& c : ctx->cases->list(acting(user, request))) {
      TemplateData row;
      row.set("reference", c.reference);
      row.set("href", "/" + lang + "/cases/" + encode_segment(c.reference));
      row.set("country", ctx->countries.name(c.country, lang));
      row.set("status_label", label(*ctx, lang, "case-status", c.status));
      row.set("outcome_label", label(*ctx, lang, "outcome", c.outcome));
      row.set("created_at", c.created_at);
      rows.push_back(row);
    }
    data.set("has_cases", !rows.empty());
    data.set("cases", rows);
    return render(*ctx, lang, "cases", label(*ctx, lang, "page", "cases"), ctx->templates.render("cases", lang, data), false);
  }});

  Route open{"POST", "/{lang}/cases", "cases.open", [ctx, user_for](Request& request) {
    std::string lang;
    auto who = user_for(request, lang);
    if (auto* response = std::get_if<Response>(&who)) return std::move(*response);
    const auto& user = std::get<services::SessionUser>(who);
    QueryError error;
    auto form = parse_query(request.body, &error);
    if (!form) return error_response(*ctx, request, 400, error.message, error.field);
    if (!services::same_token(std::string(form->get("csrf")), user.csrf_token)) {
      return forbidden(*ctx, request, user, "case.open (CSRF token)");
    }
    domain::FieldError parse_error;
    auto declaration = services::parse_request_json(form->get("declaration"), parse_error);
    if (!declaration) return error_response(*ctx, request, 422, "the declaration " + parse_error.message, "declaration");
    auto result = ctx->cases->open_case(*declaration, acting(user, request));
    if (auto* problem = std::get_if<services::ActionProblem>(&result)) {
      return error_response(*ctx, request, status_of(problem->kind), problem->error.message, problem->error.field);
    }
    return see_other("/" + lang + "/cases/" + encode_segment(std::get<store::InspectionCase>(result).reference));
  }};
  open.body_limit = 512 * 1024;
  router.add(std::move(open));

  router.add({"GET", "/{lang}/cases/{reference}", "case", [ctx, user_for](Request& request) {
    std::string lang;
    auto who = user_for(request, lang);
    if (auto* response = std::get_if<Response>(&who)) return std::move(*response);
    const auto& user = std::get<services::SessionUser>(who);
    auto result = ctx->cases->view(std::string(request.param("reference")), acting(user, request));
    if (auto* problem = std::get_if<services::ActionProblem>(&result)) {
      return error_response(*ctx, request, status_of(problem->kind), problem->error.message, problem->error.field);
    }
    const auto& c = std::get<store::InspectionCase>(result);
    QueryError error;
    auto query = parse_query(request.query, &error);
    bool print = query && query->get("print") == "1";
    return render(*ctx, lang, "cases/" + c.reference, label(*ctx, lang, "page", "case") + " " + c.reference,
                  ctx->templates.render("case", lang, case_data(*ctx, lang, c, user)), print);
  }});

  auto add_action = [ctx, user_for, &router](const std::string& action) {
    Route route{"POST", "/{lang}/cases/{reference}/" + action, "case." + action, [ctx, user_for, action](Request& request) {
      std::string lang;
      auto who = user_for(request, lang);
      if (auto* response = std::get_if<Response>(&who)) return std::move(*response);
      const auto& user = std::get<services::SessionUser>(who);
      QueryError error;
      auto form = parse_query(request.body, &error);
      if (!form) return error_response(*ctx, request, 400, error.message, error.field);
      std::string reference(request.param("reference"));
      if (!services::same_token(std::string(form->get("csrf")), user.csrf_token)) {
        return forbidden(*ctx, request, user, "case." + action + " " + reference + " (CSRF token)");
      }
      auto actor = acting(user, request);
      services::CaseResult result;
      if (action == "sampling") {
        result = ctx->cases->record_sampling(
            reference,
            case_request(*form, {"version", "sample_mass_g"}, {"plan", "samples", "laboratory", "note"}, {"sealed", "sent_to_laboratory"}),
            actor);
      } else if (action == "laboratory") {
        result = ctx->cases->record_laboratory(
            reference, case_request(*form, {"version", "gm_percent"}, {"method", "result", "laboratory", "note"}, {}), actor);
      } else {
        result = ctx->cases->decide(reference, case_request(*form, {"version"}, {"decision", "note"}, {}), actor);
      }
      if (auto* problem = std::get_if<services::ActionProblem>(&result)) {
        return error_response(*ctx, request, status_of(problem->kind), problem->error.message, problem->error.field);
      }
      return see_other("/" + lang + "/cases/" + encode_segment(reference));
    }};
    route.body_limit = 64 * 1024;
    router.add(std::move(route));
  };
  add_action("sampling");
  add_action("laboratory");
  add_action("decision");
}

}  // namespace lmo::web
