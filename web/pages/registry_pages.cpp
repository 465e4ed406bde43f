#include "web/pages/registry_pages.hpp"


#include "domain/unique_identifier.hpp"
#include "web/error_responses.hpp"
#include "web/http/query_params.hpp"
#include "web/detail_body_cache.hpp"
#include "web/pages/labels.hpp"
#include "web/pages/layout.hpp"
#include "web/pages/page_support.hpp"

namespace lmo::web {

namespace {

constexpr std::size_t kPerPage = 20;

std::string lmo_href(const std::string& lang, const std::string& key) { return "/" + lang + "/registry/" + encode_segment(key); }

// The query string of a search, with one parameter changed ("" removes it).
std::string search_href(const std::string& lang, const store::LmoSearch& search, std::size_t page,
                        std::string_view change = {}, std::string_view value = {}) {
  std::vector<std::pair<std::string, std::string>> params{{"q", search.text},
                                                         {"organism", search.organism},
                                                         {"trait", search.trait},
                                                         {"developer", search.developer},
                                                         {"approved_in", search.approved_in}};
  std::string out = "/" + lang + "/registry";
  char separator = '?';
  for (auto& [name, current] : params) {
    std::string v = name == change ? std::string(value) : current;
    if (v.empty()) continue;
    out += separator + name + "=" + encode_segment(v);
    separator = '&';
  }
  if (page > 1 && change.empty()) out += separator + std::string("page=") + std::to_string(page);
  return out;
}

Response search_page(const WebContext& context, const Request& request, const std::string& lang, bool print) {
  QueryError error;
  auto params = parse_query(request.query, &error);
  if (!params) return error_response(context, request, 400, error.message, error.field);
  store::LmoSearch search;
  search.text = std::string(params->get("q")).substr(0, 200);
  search.organism = std::string(params->get("organism"));
  search.trait = std::string(params->get("trait"));
  search.developer = std::string(params->get("developer"));
  search.approved_in = std::string(params->get("approved_in"));
  std::size_t page = 1;
  if (params->has("page")) {
    try {
      page = std::max<std::size_t>(1, std::min<std::size_t>(100000, std::stoul(std::string(params->get("page")))));
    } catch (const std::exception&) {
      return error_response(context, request, 400, "page must be a whole number", "page");
    }
  }
  search.offset = (page - 1) * kPerPage;
  search.limit = kPerPage;
  auto result = context.registry.search(search);
  auto ref = context.registry.reference();

  TemplateData data;
  data.set("lang", lang);
  if (!print) {
    TemplateData nav;
    nav.set("lang", lang);
    nav.set("at_lmos", true);
    data.set("sub_nav", context.templates.render("registry_nav", lang, nav));
  }
  data.set("q", search.text);
  put(data, "organism", search.organism);
  put(data, "trait", search.trait);
  put(data, "developer", search.developer);
  put(data, "approved_in", search.approved_in);
  bool filtered = !search.organism.empty() || !search.trait.empty() || !search.developer.empty() ||
                  !search.approved_in.empty();
  data.set("has_filters", filtered);
  data.set("clear_href", search_href(lang, store::LmoSearch{search.text, "", "", "", "", 0, 0}, 1));
  data.set("total", std::to_string(result.total));
  data.set("first", std::to_string(search.offset + 1));
  if (!result.lmos.empty()) {
    put(data, "range", std::to_string(search.offset + 1) + "–" + std::to_string(search.offset + result.lmos.size()));
  }
  kainjow::mustache::list items;
  for (const auto& lmo : result.lmos) {
    TemplateData item;
    put(item, "href", lmo_href(lang, lmo.key));
    item.set("event_name", lmo.event_name);
    if (lmo.uid) put(item, "uid", *lmo.uid);
    const auto* organism = ref->organism(lmo.organism);
    item.set("organism_name", organism ? organism->common_name.resolve_or_empty(lang).text : lmo.organism);
    if (const auto* developer = ref->developer(lmo.developer)) put(item, "developer_name", developer->name);
    item.set("is_stack", lmo.is_stack);
    std::vector<std::string> traits;
    for (const auto& id : lmo.traits) {
      const auto* trait = ref->trait(id);
      traits.push_back(trait ? trait->name.resolve_or_empty(lang).text : id);
    }
    if (!traits.empty()) put(item, "traits", join_for_display(traits));
    item.set("verified", lmo.provenance.verified);
    items.push_back(item);
  }
  data.set("items", items);

  auto group = [&](std::string title, const char* name, const std::string& selected,
                   const std::vector<store::FacetValue>& values, auto&& label_of) {
    TemplateData g;
    g.set("title", std::move(title));
    kainjow::mustache::list list;
    for (const auto& v : values) {
      TemplateData entry;
      bool is_selected = v.value == selected;
      entry.set("label", label_of(v.value));
      entry.set("count", std::to_string(v.count));
      entry.set("selected", is_selected);
      put(entry, "href", search_href(lang, search, 1, name, is_selected ? "" : v.value));
      list.push_back(entry);
    }
    g.set("values", list);
    return g;
  };
  kainjow::mustache::list groups;
  groups.push_back(group(label(context, lang, "facet", "organism"), "organism", search.organism, result.organisms,
                         [&](const std::string& id) {
                           const auto* o = ref->organism(id);
                           return o ? o->common_name.resolve_or_empty(lang).text : id;
                         }));
  groups.push_back(group(label(context, lang, "facet", "trait"), "trait", search.trait, result.traits,
                         [&](const std::string& id) {
                           const auto* t = ref->trait(id);
                           return t ? t->name.resolve_or_empty(lang).text : id;
                         }));
  groups.push_back(group(label(context, lang, "facet", "developer"), "developer", search.developer,
                         result.developers, [&](const std::string& id) {
                           const auto* d = ref->developer(id);
                           return d ? d->name : id;
                         }));
  groups.push_back(group(label(context, lang, "facet", "approved_in"), "approved_in", search.approved_in,
                         result.countries, [&](const std::string& code) { return context.countries.name(code, lang); }));
  data.set("facet_groups", groups);
  std::size_t pages = (result.total + kPerPage - 1) / kPerPage;
  if (pages > 1) {
    data.set("page", std::to_string(page));
    data.set("pages", std::to_string(pages));
  }
  if (page > 1) put(data, "previous_href", search_href(lang, search, page - 1));
  if (page < pages) put(data, "next_href", search_href(lang, search, page + 1));

  LayoutOptions layout;
  layout.title = label(context, lang, "page", "registry");
  layout.body_html = context.templates.render("registry_search", lang, data);
  layout.page_path = "/registry";
  layout.current_slug = "registry";
  layout.print = print;
  layout.indexable = search.text.empty() && !filtered;
  return html_response(render_layout(context, lang, layout));
}

// The LMO's page, the same for every reader.
std::string render_lmo_page(const WebContext& context, const services::LmoDetail& detail, const std::string& lang,
                            bool print) {
  const auto& l = detail.lmo;
  TemplateData data;
  data.set("event_name", l.event_name);
  if (l.uid) {
    put(data, "uid", *l.uid);
    auto check = domain::parse_stacked_identifier(*l.uid);
    bool mismatch = false;
    std::string expected;
    for (const auto& component : check.components) {
      if (component.has_issue("check_digit_mismatch")) {
        mismatch = true;
        if (component.expected_check_digit) {
          expected += (expected.empty() ? "" : ", ") + component.canonical.substr(0, component.canonical.size() - 1) +
                      std::to_string(*component.expected_check_digit);
        }
      }
    }
    data.set("uid_valid", !mismatch);
    data.set("uid_mismatch", mismatch);
    data.set("uid_expected", expected);
  }
  if (detail.organism) {
    data.set("organism_name", detail.organism->common_name.resolve_or_empty(lang).text);
    data.set("scientific_name", detail.organism->scientific_name);
  } else {
    data.set("organism_name", l.organism);
  }
  if (detail.developer) put(data, "developer_name", detail.developer->name);
  if (!l.aliases.empty()) put(data, "aliases", join_for_display(l.aliases));
  if (!l.trade_names.empty()) put(data, "trade_names", join_for_display(l.trade_names));
  if (l.bch_record) put(data, "bch_record", *l.bch_record);
  auto description = l.description.resolve(lang);
  if (description) {
    put(data, "description", description->text);
    if (description->language != lang) put(data, "description_lang", description->language);
  }
  data.set("verified", l.provenance.verified);
  put(data, "note", l.provenance.note);
  data.set("is_stack", l.is_stack);
  kainjow::mustache::list parents;
  for (const auto& key : l.parents) {
    TemplateData parent;
    put(parent, "href", lmo_href(lang, key));
    std::string name = key;
    for (const auto& p : detail.parents) {
      if (p.key == key) name = p.event_name + " (" + key + ")";
    }
    parent.set("name", name);
    parents.push_back(parent);
  }
  data.set("parents", parents);
  std::vector<std::string> traits;
  for (const auto* t : detail.traits) traits.push_back(t->name.resolve_or_empty(lang).text);
  if (!traits.empty()) put(data, "traits", join_for_display(traits));

  kainjow::mustache::list decisions;
  for (const auto& d : detail.decisions) {
    TemplateData row;
    row.set("country", context.countries.name(d.country, lang));
    row.set("result", label(context, lang, "result", d.result));
    row.set("date", d.date);
    if (d.expiry) put(row, "expiry", *d.expiry);
    for (auto use : domain::kAllUses) row.set(std::string(domain::use_name(use)), d.scope.covers(use));
    row.set("reference", d.reference);
    if (d.conditions) put(row, "conditions", *d.conditions);
    decisions.push_back(row);
  }
  data.set("has_decisions", !decisions.empty());
  data.set("decisions", decisions);
  kainjow::mustache::list elements;
  for (const auto* e : detail.elements) {
    TemplateData row;
    row.set("name", e->name);
    row.set("element_class", e->element_class);
    row.set("origin", e->origin);
    elements.push_back(row);
  }
  data.set("has_elements", !elements.empty());
  data.set("elements", elements);
  kainjow::mustache::list methods;
  for (const auto* m : detail.methods) {
    TemplateData row;
    row.set("code", m->code);
    row.set("name", m->name);
    row.set("scope", m->scope);
    put(row, "amplicon_bp", m->amplicon_bp ? std::to_string(*m->amplicon_bp) : std::string());
    put(row, "validation", m->validation);
    put(row, "reference_material", m->reference_material.value_or(""));
    methods.push_back(row);
  }
  data.set("has_methods", !methods.empty());
  data.set("methods", methods);
  kainjow::mustache::list labs;
  for (const auto* lab : detail.laboratories) {
    TemplateData row;
    row.set("name", lab->name);
    put(row, "url", lab->url);
    row.set("country", context.countries.name(lab->country, lang));
    labs.push_back(row);
  }
  data.set("has_laboratories", !labs.empty());
  data.set("laboratories", labs);
  kainjow::mustache::list identifying;
  for (const auto* lab : detail.identifying_laboratories) {
    TemplateData row;
    row.set("name", lab->name);
    put(row, "url", lab->url);
    row.set("country", context.countries.name(lab->country, lang));
    identifying.push_back(row);
  }
  data.set("has_identifying_laboratories", !identifying.empty());
  data.set("identifying_laboratories", identifying);
  kainjow::mustache::list sources;
  size_t start = 0;
  const auto& source = l.provenance.source;
  while (start <= source.size()) {
    size_t end = source.find('\n', start);
    if (end == std::string::npos) end = source.size();
    sources.push_back(TemplateData(source.substr(start, end - start)));
    start = end + 1;
  }
  data.set("sources", sources);
  data.set("retrieved", l.provenance.retrieved);
  data.set("history_href", "/" + lang + "/history/lmos/" + encode_segment(l.key));

  LayoutOptions layout;
  layout.title = l.event_name + (l.uid ? " (" + *l.uid + ")" : "");
  layout.nav_title = l.event_name;
  layout.body_html = context.templates.render("registry_lmo", lang, data);
  layout.page_path = "/registry/" + encode_segment(l.key);
  layout.current_slug = "registry";
  layout.breadcrumbs = {{"home", {label(context, lang, "page", "home"), lang, false}},
                        {"registry", {label(context, lang, "page", "registry"), lang, false}}};
  layout.print = print;
  return render_layout(context, lang, layout);
}

Response lmo_page(const WebContext& context, DetailBodyCache& pages, const Request& request, const std::string& lang,
                  const std::string& id, bool print) {
  auto detail = context.registry.lmo_detail(id);
  if (!detail) return error_response(context, request, 404, "no such LMO");
  if (detail->lmo.key != id) {  // another spelling: send readers to the canonical address
    Response response;
    response.status = 301;
    response.set_header("Location", lmo_href(lang, detail->lmo.key) + (print ? "/print" : ""));
    return response;
  }
  auto html = pages.get(detail, lang + (print ? "/print" : ""), [&] { return render_lmo_page(context, *detail, lang, print); });
  return html_response(*html);
}

}  // namespace

void add_registry_page_routes(Router& router, const WebContext& context) {
  const WebContext* ctx = &context;
  auto language = [ctx](const Request& request) -> std::optional<std::string> {
    std::string lang(request.param("lang"));
    if (!ctx->catalogs.supports(lang)) return std::nullopt;
    return lang;
  };
  router.add({"GET", "/{lang}/registry", "registry.search", [ctx, language](Request& request) {
    auto lang = language(request);
    if (!lang) return error_response(*ctx, request, 404, "no such language");
    return search_page(*ctx, request, *lang, false);
  }});
  auto pages = std::make_shared<DetailBodyCache>();  // LMO pages, kept with their detail
  router.add({"GET", "/{lang}/registry/{id}", "registry.lmo", [ctx, language, pages](Request& request) {
    auto lang = language(request);
    if (!lang) return error_response(*ctx, request, 404, "no such language");
    std::string id(request.param("id"));
    // The search page's print view shares this address shape.
    if (id == "print") return search_page(*ctx, request, *lang, true);
    return lmo_page(*ctx, *pages, request, *lang, id, false);
  }});
  router.add({"GET", "/{lang}/registry/{id}/print", "registry.lmo.print", [ctx, language, pages](Request& request) {
    auto lang = language(request);
    if (!lang) return error_response(*ctx, request, 404, "no such language");
    return lmo_page(*ctx, *pages, request, *lang, std::string(request.param("id")), true);
  }});
}

}  // namespace lmo::web
