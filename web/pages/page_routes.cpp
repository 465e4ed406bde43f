#include "web/pages/page_routes.hpp"

#include "web/error_responses.hpp"
#include "web/i18n/request_language.hpp"
#include "web/pages/internal_links.hpp"
#include "web/pages/labels.hpp"
#include "web/pages/layout.hpp"
#include "web/pages/page_support.hpp"
#include "web/pages/rendered_page_cache.hpp"

namespace lmo::web {

namespace {

Response redirect(int status, std::string location, bool varies_by_language) {
  Response response;
  response.status = status;
  response.set_header("Location", std::move(location));
  response.set_header("Content-Type", "text/plain; charset=utf-8");
  if (varies_by_language) response.set_header("Vary", "Accept-Language");
  response.body = "Moved";
  return response;
}

// Language codes as the reader's language names them where the catalogs know them.
std::string language_names(const WebContext& context, const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& code : codes) {
    if (!out.empty()) out += ", ";
    const LanguageInfo* known = context.catalogs.find(code);
    out += known ? known->native_name : code;
  }
  return out;
}

// Sets "<name>_lang" when the text is in another language than the page.
void set_text(TemplateData& data, const std::string& name, const domain::ResolvedText& text,
              std::string_view lang) {
  put(data, name, text.text);
  if (text.language != lang) data.set(name + "_lang", text.language);
}

kainjow::mustache::list resource_list(const WebContext& context, const std::string& lang) {
  kainjow::mustache::list items;
  auto resources = context.content.resources(lang);
  for (const auto& view : resources.items) {
    const auto& r = *view.record;
    TemplateData item;
    set_text(item, "title", view.title, lang);
    set_text(item, "description", view.description, lang);
    put(item, "url", r.url);
    item.set("kind_label", label(context, lang, "kind", r.kind));
    item.set("publisher", r.publisher);
    if (r.year) put(item, "year", std::to_string(*r.year));
    if (!r.languages.empty()) put(item, "languages", language_names(context, r.languages));
    item.set("title_is_translation", view.title_is_translation);
    item.set("verified", r.provenance.verified);
    put(item, "note", r.provenance.note);
    item.set("source", r.provenance.source);
    item.set("retrieved", r.provenance.retrieved);
    items.push_back(item);
  }
  return items;
}

kainjow::mustache::list activity_list(const WebContext& context, const std::string& lang) {
  kainjow::mustache::list items;
  auto activities = context.content.activities(lang);
  for (const auto& view : activities.items) {
    const auto& a = *view.record;
    TemplateData item;
    set_text(item, "title", view.title, lang);
    set_text(item, "audience", view.audience, lang);
    item.set("start", a.start);
    item.set("end", a.end);
    item.set("has_end", a.end != a.start);
    item.set("online", a.online);
    std::string place = a.city.value_or("");
    if (a.country) place += (place.empty() ? "" : " (") + *a.country + (place.empty() ? "" : ")");
    item.set("place", place);
    item.set("region_label", label(context, lang, "region", a.region));
    if (!a.languages.empty()) put(item, "languages", language_names(context, a.languages));
    if (!a.organisers.empty()) put(item, "organisers", join_for_display(a.organisers));
    kainjow::mustache::list materials;
    for (const auto& material : view.materials) {
      TemplateData entry;
      set_text(entry, "title", material.title, lang);
      put(entry, "url", material.url);
      materials.push_back(entry);
    }
    item.set("has_materials", !materials.empty());
    item.set("materials", materials);
    item.set("verified", a.provenance.verified);
    put(item, "note", a.provenance.note);
    item.set("source", a.provenance.source);
    item.set("retrieved", a.provenance.retrieved);
    items.push_back(item);
  }
  return items;
}

// The page's HTML, or nullptr when the page does not exist.
std::shared_ptr<const std::string> render_content_page(const WebContext& context,
                                                       const std::string& lang,
                                                       const std::string& slug, bool print) {
  auto page = context.content.page(slug, lang);
  if (!page) return nullptr;

  TemplateData data;
  data.set("slug", page->slug);
  data.set("title", page->title.text);
  put(data, "summary", page->summary.text);
  data.set("body", resolve_internal_links(page->body_html.text, lang, [&](std::string_view target) {
              return context.content.page_exists(target) || context.tool_slugs.count(target) > 0;
            }));
  if (page->body_html.language != lang) put(data, "content_lang", page->body_html.language);
  data.set("verified", page->provenance.verified);
  for (const auto& list : page->lists) {
    if (list == "resources") {
      auto items = resource_list(context, lang);
      data.set("has_resources", !items.empty());
      data.set("resources", items);
    } else if (list == "activities") {
      auto items = activity_list(context, lang);
      data.set("has_activities", !items.empty());
      data.set("activities", items);
    }
  }

  LayoutOptions layout;
  layout.title = page->title.text;
  layout.nav_title = page->nav_title.text;
  layout.description = page->summary.text;
  layout.body_html = context.templates.render("page", lang, data);
  layout.page_path = slug == "home" ? "/" : "/" + slug;
  layout.current_slug = slug;
  layout.breadcrumbs = page->breadcrumbs;
  layout.content_language = page->body_html.language;
  layout.print = print;
  layout.updated = page->updated;
  return std::make_shared<const std::string>(render_layout(context, lang, layout));
}

Response content_page(const WebContext& context, RenderedPageCache& cache, const Request& request,
                      const std::string& lang, const std::string& slug, bool print) {
  if (!context.catalogs.supports(lang)) {
    return error_response(context, request, 404, "no such language");
  }
  std::string key = lang + '/' + slug + (print ? "/print" : "");
  auto page = cache.get(context.content.generation(), key,
                        [&] { return render_content_page(context, lang, slug, print); });
  if (!page) return error_response(context, request, 404, "no such page");
  return html_response(*page);
}

}  // namespace

void add_page_routes(Router& router, const WebContext& context) {
  const WebContext* ctx = &context;
  auto cache = std::make_shared<RenderedPageCache>();
  router.add({"GET", "/", "page.root", [ctx](Request& request) {
                return redirect(302, "/" + negotiated_language(request, ctx->catalogs) + "/", true);
              }});
  // "/es" → "/es/"; "/customs-portal" → "/<negotiated>/customs-portal".
  router.add({"GET", "/{first}", "page.unprefixed", [ctx](Request& request) {
                std::string first(request.param("first"));
                if (ctx->catalogs.supports(first)) return redirect(301, "/" + first + "/", false);
                if (ctx->content.page_exists(first)) {
                  std::string lang = negotiated_language(request, ctx->catalogs);
                  return redirect(302, "/" + lang + (first == "home" ? "/" : "/" + first), true);
                }
                return error_response(*ctx, request, 404, "no such page");
              }});
  router.add({"GET", "/{lang}/", "page.home", [ctx, cache](Request& request) {
                return content_page(*ctx, *cache, request, std::string(request.param("lang")), "home",
                                    false);
              }});
  router.add({"GET", "/{lang}/{slug}", "page", [ctx, cache](Request& request) {
                std::string lang(request.param("lang"));
                std::string slug(request.param("slug"));
                if (slug == "home" && ctx->catalogs.supports(lang)) {
                  return redirect(301, "/" + lang + "/", false);
                }
                return content_page(*ctx, *cache, request, lang, slug, false);
              }});
  router.add({"GET", "/{lang}/{slug}/print", "page.print", [ctx, cache](Request& request) {
                return content_page(*ctx, *cache, request, std::string(request.param("lang")),
                                    std::string(request.param("slug")), true);
              }});
}

}  // namespace lmo::web
