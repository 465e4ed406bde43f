#include "web/pages/editor_pages.hpp"

#include <charconv>

#include "domain/line_diff.hpp"
#include "services/editorial_service.hpp"
#include "services/secret_token.hpp"
#include "web/error_responses.hpp"
#include "web/http/query_params.hpp"
#include "web/pages/labels.hpp"
#include "web/pages/layout.hpp"
#include "web/pages/page_support.hpp"
#include "web/pages/session_support.hpp"

namespace lmo::web {

namespace {

Response render(const WebContext& ctx, const std::string& lang, const std::string& path, const std::string& template_name,
                const TemplateData& data, int status = 200) {
  LayoutOptions layout;
  layout.title = label(ctx, lang, "page", "editor");
  layout.body_html = ctx.templates.render(template_name, lang, data);
  layout.page_path = path;
  layout.printable = false;
  layout.indexable = false;
  Response response = html_response(render_layout(ctx, lang, layout));
  response.status = status;
  response.set_header("Cache-Control", "no-store");
  return response;
}

std::optional<std::int64_t> whole(std::string_view text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

TemplateData draft_data(const WebContext& ctx, const std::string& lang, const store::DraftRecord& d,
                        const services::SessionUser& user) {
  services::CaseActor who{user.username, user.grants, {}, {}};
  bool editor = services::EditorialService::is_editor(who, d.country);
  bool reviewer = services::EditorialService::is_reviewer(who, d.country);
  TemplateData data;
  data.set("lang", lang);
  data.set("id", std::to_string(d.id));
  data.set("href", "/" + lang + "/editor/drafts/" + std::to_string(d.id));
  data.set("type_label", label(ctx, lang, "record-type", d.type));
  data.set("key", d.key);
  data.set("country", ctx.countries.name(d.country, lang));
  data.set("status_label", label(ctx, lang, "draft-status", d.status));
  data.set("author", d.author);
  data.set("updated_at", d.updated_at);
  put(data, "comment", d.comment.value_or(""));
  put(data, "reviewer", d.reviewer.value_or(""));
  data.set("doc", pretty_json(d.doc));
  data.set("version", std::to_string(d.version));
  data.set("csrf", user.csrf_token);
  bool editable = d.status == "draft" || d.status == "returned";
  data.set("can_edit", editor && editable);
  data.set("can_review", reviewer && d.status == "submitted");
  std::string published = ctx.editorial->published_doc(d);
  data.set("diff", diff_data(domain::diff_lines(domain::split_lines(pretty_json(published)),
                                                domain::split_lines(pretty_json(d.doc)))));
  data.set("is_new", published.empty());
  return data;
}

}  // namespace

void add_editor_page_routes(Router& router, const WebContext& context) {
  const WebContext* ctx = &context;
  auto user_for = [ctx](Request& request, std::string& lang) {
    return signed_in_or_sign_in(*ctx, request, lang, ctx->editorial != nullptr);
  };

  router.add({"GET", "/{lang}/editor", "editor", [ctx, user_for](Request& request) {
    std::string lang;
    auto who = user_for(request, lang);
    if (auto* response = std::get_if<Response>(&who)) return std::move(*response);
    const auto& user = std::get<services::SessionUser>(who);
    QueryError error;
    auto query = parse_query(request.query, &error);
    if (!query) return error_response(*ctx, request, 400, error.message, error.field);
    TemplateData data;
    data.set("lang", lang);
    data.set("csrf", user.csrf_token);
    kainjow::mustache::list rows;
    for (const auto& d : ctx->editorial->list(acting(user, request))) {
      TemplateData row;
      row.set("href", "/" + lang + "/editor/drafts/" + std::to_string(d.id));
      row.set("type_label", label(*ctx, lang, "record-type", d.type));
      row.set("key", d.key);
      row.set("country", d.country);
      row.set("status_label", label(*ctx, lang, "draft-status", d.status));
      row.set("author", d.author);
      row.set("updated_at", d.updated_at);
      rows.push_back(row);
    }
    data.set("has_drafts", !rows.empty());
    data.set("drafts", rows);
    // "Start from the published record": the record's current JSON in the new draft's form.
    std::string type(query->get("type")), key(query->get("key"));
    data.set("type_" + (type.empty() ? std::string("decision") : type), true);
    put(data, "key", key);
    if (!type.empty() && !key.empty()) {
      store::DraftRecord probe;
      probe.type = type;
      probe.key = key;
      std::string doc = ctx->editorial->published_doc(probe);
      if (doc.empty()) return error_response(*ctx, request, 404, "no published record of that type and key", "key");
      data.set("doc", pretty_json(doc));
    }
    return render(*ctx, lang, "/editor", "editor", data);
  }});

  Route create{"POST", "/{lang}/editor/drafts", "editor.create", [ctx, user_for](Request& request) {
    std::string lang;
    auto who = user_for(request, lang);
    if (auto* response = std::get_if<Response>(&who)) return std::move(*response);
    const auto& user = std::get<services::SessionUser>(who);
    QueryError error;
    auto form = parse_query(request.body, &error);
    if (!form) return error_response(*ctx, request, 400, error.message, error.field);
    if (!services::same_token(std::string(form->get("csrf")), user.csrf_token)) return forbidden(*ctx, request, user, "draft.create (CSRF token)");
    auto result = ctx->editorial->create(std::string(form->get("type")), std::string(form->get("doc")), acting(user, request));
    if (auto* problem = std::get_if<services::ActionProblem>(&result)) {
      return error_response(*ctx, request, status_of(problem->kind), problem->error.message, problem->error.field);
    }
    return see_other("/" + lang + "/editor/drafts/" + std::to_string(std::get<store::DraftRecord>(result).id));
  }};
  create.body_limit = 256 * 1024;
  router.add(std::move(create));

  router.add({"GET", "/{lang}/editor/drafts/{id}", "editor.draft", [ctx, user_for](Request& request) {
    std::string lang;
    auto who = user_for(request, lang);
    if (auto* response = std::get_if<Response>(&who)) return std::move(*response);
    const auto& user = std::get<services::SessionUser>(who);
    auto id = whole(request.param("id"));
    if (!id) return error_response(*ctx, request, 404, "no such draft", "id");
    auto result = ctx->editorial->view(*id, acting(user, request));
    if (auto* problem = std::get_if<services::ActionProblem>(&result)) {
      return error_response(*ctx, request, status_of(problem->kind), problem->error.message, problem->error.field);
    }
    return render(*ctx, lang, "/editor/drafts/" + std::to_string(*id), "draft",
                  draft_data(*ctx, lang, std::get<store::DraftRecord>(result), user));
  }});

  for (std::string action : {"save", "submit", "return", "publish"}) {
    Route route{"POST", "/{lang}/editor/drafts/{id}/" + action, "editor." + action, [ctx, user_for, action](Request& request) {
      std::string lang;
      auto who = user_for(request, lang);
      if (auto* response = std::get_if<Response>(&who)) return std::move(*response);
      const auto& user = std::get<services::SessionUser>(who);
      auto id = whole(request.param("id"));
      if (!id) return error_response(*ctx, request, 404, "no such draft", "id");
      QueryError error;
      auto form = parse_query(request.body, &error);
      if (!form) return error_response(*ctx, request, 400, error.message, error.field);
      if (!services::same_token(std::string(form->get("csrf")), user.csrf_token)) {
        return forbidden(*ctx, request, user, "draft." + action + " " + std::to_string(*id) + " (CSRF token)");
      }
      auto version = whole(form->get("version"));
      if (!version) return error_response(*ctx, request, 422, "the form has no draft version; reload the page", "version");
      auto who_acts = acting(user, request);
      services::DraftResult result;
      if (action == "save") result = ctx->editorial->save(*id, *version, std::string(form->get("doc")), who_acts);
      else if (action == "submit") result = ctx->editorial->submit(*id, *version, who_acts);
      else if (action == "return") result = ctx->editorial->return_to_editor(*id, *version, std::string(form->get("comment")), who_acts);
      else result = ctx->editorial->publish(*id, *version, who_acts);
      if (auto* problem = std::get_if<services::ActionProblem>(&result)) {
        return error_response(*ctx, request, status_of(problem->kind), problem->error.message, problem->error.field);
      }
      return see_other("/" + lang + "/editor/drafts/" + std::to_string(*id));
    }};
    route.body_limit = 256 * 1024;
    router.add(std::move(route));
  }
}

}  // namespace lmo::web
