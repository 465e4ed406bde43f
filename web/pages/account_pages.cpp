#include "web/pages/account_pages.hpp"

#include "services/secret_token.hpp"
#include "services/session_service.hpp"
#include "web/error_responses.hpp"
#include "web/http/cookies.hpp"
#include "web/http/query_params.hpp"
#include "web/pages/labels.hpp"
#include "web/pages/layout.hpp"
#include "web/pages/page_support.hpp"
#include "web/pages/session_support.hpp"

namespace lmo::web {

namespace {

bool over_https(const Request& request) { return request.header("x-forwarded-proto") == "https"; }

Response page(const WebContext& ctx, const std::string& lang, const std::string& slug, const std::string& body, int status) {
  LayoutOptions layout;
  layout.title = label(ctx, lang, "page", slug);
  layout.body_html = body;
  layout.page_path = "/" + slug;
  layout.printable = false;
  layout.indexable = false;
  Response response = html_response(render_layout(ctx, lang, layout));
  response.status = status;
  response.set_header("Cache-Control", "no-store");
  return response;
}

// The login form with a fresh double-submit CSRF token (in a cookie and in the form).
Response login_form(const WebContext& ctx, const Request& request, const std::string& lang, int status,
                    const std::string& problem, const std::string& username) {
  std::string token = services::random_token();
  TemplateData data;
  data.set("lang", lang);
  data.set("csrf", token);
  put(data, "username", username);
  data.set("wrong_credentials", problem == "wrong");
  data.set("throttled", problem == "throttled");
  data.set("forged", problem == "forged");
  Response response = page(ctx, lang, "login", ctx.templates.render("login", lang, data), status);
  response.set_header("Set-Cookie", set_cookie(kLoginCsrfCookie, token, {over_https(request), "Strict", std::nullopt}));
  return response;
}

}  // namespace

void add_account_page_routes(Router& router, const WebContext& context) {
  const WebContext* ctx = &context;
  auto language = [ctx](const Request& request, std::string& lang) {
    lang = std::string(request.param("lang"));
    return ctx->catalogs.supports(lang) && ctx->sessions != nullptr;
  };

  router.add({"GET", "/{lang}/login", "login.form", [ctx, language](Request& request) {
    std::string lang;
    if (!language(request, lang)) return error_response(*ctx, request, 404, "no such page");
    return login_form(*ctx, request, lang, 200, "", "");
  }});

  Route login{"POST", "/{lang}/login", "login", [ctx, language](Request& request) {
    std::string lang;
    if (!language(request, lang)) return error_response(*ctx, request, 404, "no such page");
    QueryError error;
    auto form = parse_query(request.body, &error);
    if (!form) return error_response(*ctx, request, 400, error.message, error.field);
    std::string username(form->get("username"));
    if (!services::same_token(std::string(form->get("csrf")), request_cookie(request, kLoginCsrfCookie))) {
      ctx->accounts->record({0, {}, "anonymous", "csrf.rejected", "/login", "denied", request.remote_address, request.request_id, {}});
      return login_form(*ctx, request, lang, 403, "forged", username);
    }
    // A session presented at login is ended: the login always opens a new one (no fixation).
    if (auto old = request_cookie(request, kSessionCookie); !old.empty()) ctx->sessions->logout(old, actor_of(request));
    auto result = ctx->sessions->login(username, std::string(form->get("password")), actor_of(request));
    if (result.status == services::LoginResult::Status::throttled) {
      auto response = login_form(*ctx, request, lang, 429, "throttled", username);
      response.set_header("Retry-After", std::to_string(result.retry_after_seconds));
      return response;
    }
    if (result.status != services::LoginResult::Status::ok) return login_form(*ctx, request, lang, 401, "wrong", username);
    auto response = see_other("/" + lang + "/account");
    response.set_header("Set-Cookie", set_cookie(kSessionCookie, result.session->token,
                                                 {over_https(request), "Lax", ctx->session_seconds}));
    response.headers.emplace_back("Set-Cookie", set_cookie(kLoginCsrfCookie, "", {over_https(request), "Strict", 0}));
    return response;
  }};
  login.body_limit = 16 * 1024;
  router.add(std::move(login));

  router.add({"GET", "/{lang}/account", "account", [ctx, language](Request& request) {
    std::string lang;
    if (!language(request, lang)) return error_response(*ctx, request, 404, "no such page");
    auto user = ctx->sessions->authenticate(request_cookie(request, kSessionCookie));
    if (!user) return see_other("/" + lang + "/login");
    TemplateData data;
    data.set("lang", lang);
    data.set("username", user->username);
    data.set("csrf", user->csrf_token);
    kainjow::mustache::list roles;
    for (const auto& grant : user->grants) {
      TemplateData item;
      item.set("role", label(*ctx, lang, "role", domain::role_name(grant.role)));
      put(item, "country", grant.country.empty() ? std::string() : ctx->countries.name(grant.country, lang));
      roles.push_back(item);
    }
    data.set("roles", roles);
    data.set("admin", holds(*user, domain::Role::admin));
    return page(*ctx, lang, "account", ctx->templates.render("account", lang, data), 200);
  }});

  Route logout{"POST", "/{lang}/logout", "logout", [ctx, language](Request& request) {
    std::string lang;
    if (!language(request, lang)) return error_response(*ctx, request, 404, "no such page");
    QueryError error;
    auto form = parse_query(request.body, &error);
    if (!form) return error_response(*ctx, request, 400, error.message, error.field);
    std::string token = request_cookie(request, kSessionCookie);
    auto user = ctx->sessions->authenticate(token);
    if (!user) return see_other("/" + lang + "/login");
    if (!services::same_token(std::string(form->get("csrf")), user->csrf_token)) {
      ctx->accounts->record({0, {}, user->username, "csrf.rejected", "/logout", "denied", request.remote_address, request.request_id, {}});
      return error_response(*ctx, request, 403, "the form's security token is missing or wrong; reload the page and try again", "csrf");
    }
    ctx->sessions->logout(token, actor_of(request, user->username));
    auto response = see_other("/" + lang + "/login");
    response.set_header("Set-Cookie", set_cookie(kSessionCookie, "", {over_https(request), "Lax", 0}));
    return response;
  }};
  logout.body_limit = 16 * 1024;
  router.add(std::move(logout));
}

}  // namespace lmo::web
