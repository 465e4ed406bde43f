#include "web/pages/admin_pages.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "domain/csv_table.hpp"
#include "web/error_responses.hpp"
#include "web/http/query_params.hpp"
#include "web/pages/labels.hpp"
#include "services/secret_token.hpp"
#include "web/pages/lab_page_support.hpp"
#include "web/pages/layout.hpp"
#include "web/pages/page_support.hpp"
#include "web/pages/session_support.hpp"

namespace lmo::web {

namespace {

constexpr std::size_t kPageSize = 50;

// The filter of the query (actor, action, outcome, before); the problem otherwise.
std::optional<std::string> read_filter(const QueryParams& query, store::AuditFilter& filter) {
  filter.actor = std::string(query.get("actor"));
  filter.action = std::string(query.get("action"));
  filter.outcome = std::string(query.get("outcome"));
  if (!filter.outcome.empty() && filter.outcome != "ok" && filter.outcome != "denied" && filter.outcome != "failed") {
    return "outcome";
  }
  if (auto before = query.get("before"); !before.empty()) {
    auto [end, error] = std::from_chars(before.data(), before.data() + before.size(), filter.before_id);
    if (error != std::errc() || end != before.data() + before.size() || filter.before_id < 1) return "before";
  }
  return std::nullopt;
}

// The signed-in administrator, or the response for everyone else.
// The signed-in administrator (setting `lang`), or the response for everyone else.
std::variant<services::SessionUser, Response> administrator(const WebContext& ctx, const Request& request,
                                                             std::string& lang, const std::string& what) {
  auto who = signed_in_or_sign_in(ctx, request, lang, ctx.accounts != nullptr);
  if (auto* user = std::get_if<services::SessionUser>(&who); user && !holds(*user, domain::Role::admin)) {
    return forbidden(ctx, request, *user, what);
  }
  return who;
}

Response admin_page(const WebContext& ctx, const std::string& lang, const std::string& slug, const std::string& template_name,
                    const TemplateData& data, int status = 200) {
  LayoutOptions layout;
  layout.title = label(ctx, lang, "page", slug);
  layout.body_html = ctx.templates.render(template_name, lang, data);
  layout.page_path = "/admin/" + slug;
  layout.printable = false;
  layout.indexable = false;
  Response response = html_response(render_layout(ctx, lang, layout));
  response.status = status;
  response.set_header("Cache-Control", "no-store");
  return response;
}

TemplateData users_data(const WebContext& ctx, const std::string& lang, const services::SessionUser& admin) {
  TemplateData data;
  data.set("lang", lang);
  data.set("csrf", admin.csrf_token);
  kainjow::mustache::list rows;
  for (const auto& user : ctx.accounts->users()) {
    TemplateData row;
    row.set("username", user.username);
    row.set("display_name", user.display_name);
    std::string roles;
    for (const auto& grant : user.grants) roles += (roles.empty() ? "" : ", ") + domain::grant_text(grant);
    row.set("roles", roles);
    row.set("disabled", user.disabled);
    row.set("csrf", admin.csrf_token);
    row.set("lang", lang);
    row.set("self", user.username == admin.username);
    rows.push_back(row);
  }
  data.set("users", rows);
  return data;
}

}  // namespace

void add_admin_page_routes(Router& router, const WebContext& context) {
  const WebContext* ctx = &context;
  auto prepare = [ctx](Request& request, std::string& lang, QueryParams& query, store::AuditFilter& filter)
      -> std::optional<Response> {
    auto who = administrator(*ctx, request, lang, "/admin/audit");
    if (auto* response = std::get_if<Response>(&who)) return std::move(*response);
    QueryError error;
    auto parsed = parse_query(request.query, &error);
    if (!parsed) return error_response(*ctx, request, 400, error.message, error.field);
    query = std::move(*parsed);
    if (auto field = read_filter(query, filter)) return error_response(*ctx, request, 400, "not a valid value", *field);
    return std::nullopt;
  };

  router.add({"GET", "/{lang}/admin/audit", "admin.audit", [ctx, prepare](Request& request) {
    std::string lang;
    QueryParams query;
    store::AuditFilter filter;
    if (auto refused = prepare(request, lang, query, filter)) return std::move(*refused);
    filter.limit = kPageSize;
    auto entries = ctx->accounts->audit(filter);
    TemplateData data;
    data.set("lang", lang);
    put(data, "actor", filter.actor);
    put(data, "action", filter.action);
    data.set("outcome_" + (filter.outcome.empty() ? std::string("any") : filter.outcome), true);
    kainjow::mustache::list rows;
    for (const auto& e : entries) {
      TemplateData row;
      row.set("at", e.at);
      row.set("actor", e.actor);
      row.set("action", e.action);
      row.set("target", e.target);
      row.set("outcome", e.outcome);
      row.set("address", e.address);
      row.set("request_id", e.request_id);
      row.set("detail", e.detail);
      rows.push_back(row);
    }
    data.set("entries", rows);
    data.set("empty", entries.empty());
    std::string filters = "actor=" + encode_segment(filter.actor) + "&action=" + encode_segment(filter.action) +
                          "&outcome=" + encode_segment(filter.outcome);
    if (entries.size() == kPageSize) {
      data.set("older_href", "/" + lang + "/admin/audit?" + filters + "&before=" + std::to_string(entries.back().id));
    }
    data.set("csv_href", "/" + lang + "/admin/audit/export?format=csv&" + filters);
    data.set("json_href", "/" + lang + "/admin/audit/export?format=json&" + filters);
    LayoutOptions layout;
    layout.title = label(*ctx, lang, "page", "audit");
    layout.body_html = ctx->templates.render("admin_audit", lang, data);
    layout.page_path = "/admin/audit";
    layout.printable = false;
    layout.indexable = false;
    Response response = html_response(render_layout(*ctx, lang, layout));
    response.set_header("Cache-Control", "no-store");
    return response;
  }});

  router.add({"GET", "/{lang}/admin/audit/export", "admin.audit.export", [ctx, prepare](Request& request) {
    std::string lang;
    QueryParams query;
    store::AuditFilter filter;
    if (auto refused = prepare(request, lang, query, filter)) return std::move(*refused);
    std::string format(query.get("format"));
    if (format != "csv" && format != "json") return error_response(*ctx, request, 400, "format must be csv or json", "format");
    filter.limit = 100000;
    auto entries = ctx->accounts->audit(filter);
    Response response;
    if (format == "json") {
      boost::json::array out;
      for (const auto& e : entries) {
        out.push_back({{"id", e.id}, {"at", e.at}, {"actor", e.actor}, {"action", e.action}, {"target", e.target},
                       {"outcome", e.outcome}, {"address", e.address}, {"request_id", e.request_id}, {"detail", e.detail}});
      }
      response.body = boost::json::serialize(out);
      response.set_header("Content-Type", "application/json");
    } else {
      response.body = "id,at,actor,action,target,outcome,address,request_id,detail\r\n";
      for (const auto& e : entries) {
        response.body += std::to_string(e.id) + "," + e.at + "," + domain::csv_field(e.actor) + "," + domain::csv_field(e.action) +
                         "," + domain::csv_field(e.target) + "," + e.outcome + "," + domain::csv_field(e.address) + "," +
                         domain::csv_field(e.request_id) + "," + domain::csv_field(e.detail) + "\r\n";
      }
      response.set_header("Content-Type", "text/csv; charset=utf-8");
    }
    response.set_header("Content-Disposition", "attachment; filename=\"audit-log." + format + "\"");
    response.set_header("Cache-Control", "no-store");
    return response;
  }});

  // Users: the list with forms, and the POST actions (add, grant, disable, enable).
  auto users_page = [ctx](Request& request) -> Response {
    std::string lang;
    auto who = administrator(*ctx, request, lang, "/admin/users");
    if (auto* response = std::get_if<Response>(&who)) return std::move(*response);
    return admin_page(*ctx, lang, "users", "admin_users", users_data(*ctx, lang, std::get<services::SessionUser>(who)));
  };
  router.add({"GET", "/{lang}/admin/users", "admin.users", users_page});
  for (std::string action : {"add", "grant", "disable", "enable"}) {
    Route route{"POST", "/{lang}/admin/users/" + action, "admin.users." + action, [ctx, action](Request& request) -> Response {
      std::string lang;
      auto who = administrator(*ctx, request, lang, "/admin/users/" + action);
      if (auto* response = std::get_if<Response>(&who)) return std::move(*response);
      const auto& admin = std::get<services::SessionUser>(who);
      QueryError error;
      auto form = parse_query(request.body, &error);
      if (!form) return error_response(*ctx, request, 400, error.message, error.field);
      if (!services::same_token(std::string(form->get("csrf")), admin.csrf_token)) {
        return forbidden(*ctx, request, admin, "/admin/users/" + action + " (CSRF token)");
      }
      auto actor = actor_of(request, admin.username);
      std::string username(form->get("username"));
      std::optional<domain::FieldError> problem;
      if (action == "add") {
        std::vector<std::string> roles;
        for (const auto& role : lines_of(form->get("roles"))) roles.push_back(role);
        auto added = ctx->accounts->add_user({username, std::string(form->get("display_name")),
                                              std::string(form->get("password")), roles}, actor);
        if (const auto* e = domain::error_of(added)) problem = *e;
      } else if (action == "grant") {
        problem = ctx->accounts->grant(username, std::string(form->get("role")), actor);
      } else {
        if (username == admin.username) problem = domain::FieldError{"username", "you cannot disable your own account"};
        else problem = ctx->accounts->set_disabled(username, action == "disable", actor);
      }
      if (problem) {
        auto data = users_data(*ctx, lang, admin);
        data.set("has_problem", true);
        data.set("problem_field", problem->field);
        data.set("problem_message", problem->message);
        if (action == "add") {
          put(data, "v_username", username);
          put(data, "v_display_name", std::string(form->get("display_name")));
          put(data, "v_roles", std::string(form->get("roles")));
        }
        return admin_page(*ctx, lang, "users", "admin_users", data, 422);
      }
      return see_other("/" + lang + "/admin/users");
    }};
    route.body_limit = 16 * 1024;
    router.add(std::move(route));
  }
}

}  // namespace lmo::web
