#include "web/api/api_routes.hpp"

#include <boost/json.hpp>

#include "web/api/api_support.hpp"
#include "web/error_responses.hpp"

namespace lmo::web {

namespace json = boost::json;

namespace {

json::object page_json(const services::PageView& page, const std::string& lang) {
  json::array breadcrumbs;
  for (const auto& crumb : page.breadcrumbs) {
    breadcrumbs.push_back(json::object{{"slug", crumb.slug}, {"title", crumb.title.text}});
  }
  std::string html_path = "/" + lang + (page.slug == "home" ? "/" : "/" + page.slug);
  return {{"slug", page.slug},
          {"lang", lang},
          {"title", localized(page.title)},
          {"nav_title", localized(page.nav_title)},
          {"summary", localized(page.summary)},
          {"body_html", localized(page.body_html)},
          {"updated", page.updated},
          {"languages", strings(page.languages)},
          {"breadcrumbs", std::move(breadcrumbs)},
          {"lists", strings(page.lists)},
          {"provenance", provenance(page.provenance)},
          {"links", json::object{{"html", html_path},
                                 {"print", page.slug == "home" ? "/" + lang + "/home/print"
                                                               : html_path + "/print"}}}};
}

}  // namespace

void add_api_routes(Router& router, const WebContext& context) {
  const WebContext* ctx = &context;

  router.add({"GET", "/api/v1/openapi.json", "api.openapi", [ctx](Request&) {
                Response response;
                response.body = ctx->openapi_document;
                response.set_header("Content-Type", "application/json");
                response.set_header("Cache-Control", "public, max-age=300");
                return response;
              }});

  router.add({"GET", "/api/v1/languages", "api.languages", [ctx](Request& request) {
                QueryParams params;
                std::string lang;
                if (auto error = read_query(*ctx, request, {}, params, lang)) return *error;
                json::array languages;
                for (const auto& l : ctx->catalogs.languages()) {
                  languages.push_back(json::object{
                      {"code", l.code}, {"native_name", l.native_name}, {"direction", l.direction}});
                }
                return json_response(json::object{{"languages", std::move(languages)}});
              }});

  router.add({"GET", "/api/v1/pages", "api.pages", [ctx](Request& request) {
                QueryParams params;
                std::string lang;
                if (auto error = read_query(*ctx, request, {"lang"}, params, lang)) return *error;
                json::array pages;
                for (const auto& link : ctx->content.navigation(lang)) {
                  auto page = ctx->content.page(link.slug, lang);
                  if (!page) continue;
                  auto full = page_json(*page, lang);
                  full.erase("body_html");
                  pages.push_back(std::move(full));
                }
                return json_response(json::object{{"lang", lang}, {"pages", std::move(pages)}});
              }});

  router.add({"GET", "/api/v1/pages/{slug}", "api.page", [ctx](Request& request) {
                QueryParams params;
                std::string lang;
                if (auto error = read_query(*ctx, request, {"lang"}, params, lang)) return *error;
                std::string slug(request.param("slug"));
                auto page = ctx->content.page(slug, lang);
                if (!page) return json_error(404, "not_found", "no page '" + slug + "'", "slug");
                return json_response(page_json(*page, lang));
              }});

  router.add({"GET", "/api/v1/resources", "api.resources", [ctx](Request& request) {
                QueryParams params;
                std::string lang;
                if (auto error = read_query(*ctx, request, {"lang", "kind"}, params, lang)) {
                  return *error;
                }
                auto resources = ctx->content.resources(lang, {std::string(params.get("kind"))});
                json::array items;
                for (const auto& view : resources.items) {
                  const auto& r = *view.record;
                  items.push_back(json::object{
                      {"id", r.id},
                      {"kind", r.kind},
                      {"title", localized(view.title)},
                      {"title_is_translation", view.title_is_translation},
                      {"description", localized(view.description)},
                      {"publisher", r.publisher},
                      {"year", r.year ? json::value(*r.year) : json::value(nullptr)},
                      {"url", r.url},
                      {"languages", strings(r.languages)},
                      {"provenance", provenance(r.provenance)}});
                }
                return json_response(json::object{{"lang", lang}, {"count", items.size()},
                                                  {"resources", std::move(items)}});
              }});

  router.add({"GET", "/api/v1/activities", "api.activities", [ctx](Request& request) {
                QueryParams params;
                std::string lang;
                if (auto error = read_query(*ctx, request, {"lang", "region", "year"}, params, lang)) {
                  return *error;
                }
                std::string year(params.get("year"));
                if (!year.empty() && (year.size() != 4 || !std::all_of(year.begin(), year.end(), ::isdigit))) {
                  return json_error(400, "bad_request", "year must have four digits", "year");
                }
                auto activities =
                    ctx->content.activities(lang, {std::string(params.get("region")), year});
                json::array items;
                for (const auto& view : activities.items) {
                  const auto& a = *view.record;
                  json::array materials;
                  for (const auto& m : view.materials) {
                    materials.push_back(json::object{{"title", localized(m.title)}, {"url", m.url}});
                  }
                  items.push_back(json::object{
                      {"id", a.id},
                      {"title", localized(view.title)},
                      {"audience", localized(view.audience)},
                      {"start", a.start},
                      {"end", a.end},
                      {"city", a.city ? json::value(*a.city) : json::value(nullptr)},
                      {"country", a.country ? json::value(*a.country) : json::value(nullptr)},
                      {"online", a.online},
                      {"region", a.region},
                      {"languages", strings(a.languages)},
                      {"organisers", strings(a.organisers)},
                      {"materials", std::move(materials)},
                      {"provenance", provenance(a.provenance)}});
                }
                return json_response(json::object{{"lang", lang}, {"count", items.size()},
                                                  {"activities", std::move(items)}});
              }});
}

}  // namespace lmo::web
