#include "web/pages/layout.hpp"
#include "web/pages/page_support.hpp"

namespace lmo::web {

namespace {

std::string join_path(const std::string& lang, const std::string& page_path) {
  return "/" + lang + (page_path.empty() ? "/" : page_path);
}

}  // namespace

std::string render_layout(const WebContext& context, const std::string& lang,
                          const LayoutOptions& options) {
  const LanguageInfo* language = context.catalogs.find(lang);
  TemplateData data;
  data.set("lang", lang);
  data.set("dir", language ? language->direction : "ltr");
  data.set("title", options.title);
  data.set("nav_title", options.nav_title.empty() ? options.title : options.nav_title);
  put(data, "description", options.description);
  data.set("content", options.body_html);
  data.set("home_href", "/" + lang + "/");
  data.set("print", options.print);
  data.set("screen", !options.print);
  data.set("noindex", !options.indexable || options.print);
  put(data, "updated", options.updated);
  if (!options.content_language.empty() && options.content_language != lang) {
    const LanguageInfo* content_language = context.catalogs.find(options.content_language);
    data.set("fallback", true);
    put(data, "content_lang", options.content_language);
    data.set("content_language_name",
             content_language ? content_language->native_name : options.content_language);
  }

  // Print views live at <page>/print; the home page's at /<lang>/home/print.
  auto print_path = [](const std::string& page_path) {
    return page_path == "/" ? std::string("/home/print") : page_path + "/print";
  };
  data.set("canonical_href", join_path(lang, options.page_path));
  if (options.printable) put(data, "print_href", "/" + lang + print_path(options.page_path));

  // The switcher links to this same page (or print view) in every language.
  std::string switch_path = options.print ? print_path(options.page_path) : options.page_path;
  kainjow::mustache::list languages;
  for (const auto& other : context.catalogs.languages()) {
    TemplateData entry;
    entry.set("code", other.code);
    entry.set("name", other.native_name);
    entry.set("dir", other.direction);
    put(entry, "href", join_path(other.code, switch_path));
    entry.set("current", other.code == lang);
    languages.push_back(entry);
  }
  data.set("languages", languages);

  kainjow::mustache::list navigation;
  for (const auto& link : context.content.navigation(lang)) {
    TemplateData entry;
    put(entry, "href", link.slug == "home" ? "/" + lang + "/" : "/" + lang + "/" + link.slug);
    entry.set("title", link.title.text);
    entry.set("current", link.slug == options.current_slug);
    navigation.push_back(entry);
  }
  data.set("navigation", navigation);
  data.set("registry_current", options.current_slug == "registry");
  data.set("check_current", options.current_slug == "check");
  data.set("lab_current", options.current_slug == "lab");

  kainjow::mustache::list breadcrumbs;
  for (const auto& crumb : options.breadcrumbs) {
    TemplateData entry;
    put(entry, "href", crumb.slug == "home" ? "/" + lang + "/" : "/" + lang + "/" + crumb.slug);
    entry.set("title", crumb.title.text);
    breadcrumbs.push_back(entry);
  }
  data.set("breadcrumbs", breadcrumbs);
  data.set("has_breadcrumbs", !options.breadcrumbs.empty());
  return context.templates.render("layout", lang, data);
}

}  // namespace lmo::web
