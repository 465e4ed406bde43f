#include "web/pages/registry_list_pages.hpp"

#include <map>

#include "web/error_responses.hpp"
#include "web/http/query_params.hpp"
#include "web/pages/labels.hpp"
#include "web/pages/layout.hpp"
#include "web/pages/page_support.hpp"

namespace lmo::web {

namespace {

std::string sub_nav(const WebContext& context, const std::string& lang, const std::string& section) {
  TemplateData data;
  data.set("lang", lang);
  data.set("at_" + section, true);
  return context.templates.render("registry_nav", lang, data);
}

Response page(const WebContext& context, const std::string& lang, const std::string& title,
              const std::string& page_path, const std::string& template_name, TemplateData& data,
              const std::string& section, bool print) {
  data.set("sub_nav", print ? std::string() : sub_nav(context, lang, section));
  LayoutOptions layout;
  layout.title = title;
  layout.body_html = context.templates.render(template_name, lang, data);
  layout.page_path = page_path;
  layout.current_slug = "registry";
  layout.print = print;
  return html_response(render_layout(context, lang, layout));
}

void set_text(TemplateData& data, const std::string& name, const domain::LocalizedText& text, const std::string& lang) {
  auto resolved = text.resolve(lang);
  if (!resolved) return;
  put(data, name, resolved->text);
  if (resolved->language != lang) data.set(name + "_lang", resolved->language);
}

Response countries_page(const WebContext& context, const std::string& lang, bool print) {
  auto ref = context.registry.reference();
  std::map<std::string, std::pair<std::size_t, std::size_t>> counts;  // code → decisions, authorities
  for (const auto& c : context.registry.decision_counts()) counts[c.value].first = c.count;
  for (const auto& a : ref->authorities) counts[a.country].second += 1;
  std::vector<std::pair<std::string, std::string>> named;  // name, code
  for (const auto& [code, count] : counts) named.emplace_back(context.countries.name(code, lang), code);
  std::sort(named.begin(), named.end());
  kainjow::mustache::list rows;
  for (const auto& [name, code] : named) {
    TemplateData row;
    row.set("name", name);
    put(row, "href", "/" + lang + "/countries/" + code);
    row.set("decisions", std::to_string(counts[code].first));
    row.set("authorities", std::to_string(counts[code].second));
    rows.push_back(row);
  }
  TemplateData data;
  data.set("countries", rows);
  return page(context, lang, label(context, lang, "page", "countries"), "/countries", "countries", data, "countries", print);
}

Response country_page(const WebContext& context, const Request& request, const std::string& lang,
                      const std::string& code, bool print) {
  if (!context.countries.contains(code)) return error_response(context, request, 404, "no such country");
  auto view = context.registry.country(code);
  TemplateData data;
  data.set("name", context.countries.name(code, lang));
  std::vector<std::string> names;
  for (const auto& j : view.jurisdictions) names.push_back(context.countries.name(j, lang));
  data.set("has_blocs", view.jurisdictions.size() > 1);
  data.set("jurisdictions", join_for_display(names));
  kainjow::mustache::list authorities;
  for (const auto& a : view.authorities) {
    TemplateData item;
    item.set("institution", a.institution);
    if (a.url) put(item, "url", *a.url);
    if (a.department) put(item, "department", *a.department);
    item.set("role_label", label(context, lang, "role", a.role));
    item.set("party", a.party_to_protocol);
    set_text(item, "responsibilities", a.responsibilities, lang);
    if (a.contact_page) put(item, "contact_page", *a.contact_page);
    item.set("verified", a.provenance.verified);
    put(item, "note", a.provenance.note);
    authorities.push_back(item);
  }
  data.set("authorities", authorities);
  kainjow::mustache::list decisions;
  for (const auto& d : view.decisions) {
    TemplateData row;
    kainjow::mustache::list lmos;
    for (const auto& key : d.lmos) {
      TemplateData link;
      put(link, "href", "/" + lang + "/registry/" + encode_segment(key));
      link.set("name", key);
      lmos.push_back(link);
    }
    row.set("lmos", lmos);
    row.set("jurisdiction", context.countries.name(d.country, lang));
    row.set("result", label(context, lang, "result", d.result));
    row.set("date", d.date);
    for (auto use : domain::kAllUses) row.set(std::string(domain::use_name(use)), d.scope.covers(use));
    row.set("reference", d.reference);
    decisions.push_back(row);
  }
  data.set("has_decisions", !decisions.empty());
  data.set("decisions", decisions);
  return page(context, lang, context.countries.name(code, lang), "/countries/" + code, "country", data, "countries", print);
}

Response laboratories_page(const WebContext& context, const std::string& lang, bool print) {
  auto ref = context.registry.reference();
  kainjow::mustache::list labs;
  for (const auto& l : ref->laboratories) {
    TemplateData item;
    item.set("name", l.name);
    put(item, "url", l.url);
    item.set("country", context.countries.name(l.country, lang));
    if (!l.services.empty()) put(item, "services", join_for_display(l.services));
    if (l.accreditation) put(item, "accreditation", *l.accreditation);
    put(item, "network", l.network);
    item.set("verified", l.provenance.verified);
    put(item, "note", l.provenance.note);
    labs.push_back(item);
  }
  TemplateData data;
  data.set("laboratories", labs);
  return page(context, lang, label(context, lang, "page", "laboratories"), "/laboratories", "laboratories", data,
              "laboratories", print);
}

Response methods_page(const WebContext& context, const Request& request, const std::string& lang, bool print) {
  QueryError error;
  auto params = parse_query(request.query, &error);
  if (!params) return error_response(context, request, 400, error.message, error.field);
  std::string scope(params->get("scope"));
  auto ref = context.registry.reference();
  kainjow::mustache::list scopes;
  for (std::string s : {"", "event", "construct", "element", "taxon"}) {
    TemplateData entry;
    entry.set("label", label(context, lang, "scope", s.empty() ? "all" : s));
    put(entry, "href", "/" + lang + "/methods" + (s.empty() ? "" : "?scope=" + s));
    entry.set("selected", s == scope);
    scopes.push_back(entry);
  }
  kainjow::mustache::list methods;
  for (const auto& m : ref->methods) {
    if (!scope.empty() && m.scope != scope) continue;
    TemplateData item;
    item.set("code", m.code);
    item.set("anchor", "method-" + encode_segment(m.code));
    item.set("name", m.name);
    item.set("scope", label(context, lang, "scope", m.scope));
    if (!m.targets.empty()) put(item, "targets", join_for_display(m.targets));
    kainjow::mustache::list detects;
    for (const auto& key : m.detects) {
      TemplateData link;
      link.set("name", key);
      if (key.find('-') != std::string::npos || key.rfind("event:", 0) == 0) {
        put(link, "href", "/" + lang + "/registry/" + encode_segment(key));
      }
      detects.push_back(link);
    }
    item.set("has_detects", !detects.empty());
    item.set("detects", detects);
    if (m.amplicon_bp) put(item, "amplicon_bp", std::to_string(*m.amplicon_bp));
    put(item, "forward", m.primers.forward);
    put(item, "reverse", m.primers.reverse);
    put(item, "probe", m.primers.probe);
    put(item, "validation", m.validation);
    if (m.reference_material) put(item, "reference_material", *m.reference_material);
    methods.push_back(item);
  }
  TemplateData data;
  data.set("scopes", scopes);
  data.set("methods", methods);
  return page(context, lang, label(context, lang, "page", "methods"), "/methods", "methods", data, "methods", print);
}

Response standards_page(const WebContext& context, const std::string& lang, bool print) {
  auto ref = context.registry.reference();
  kainjow::mustache::list standards;
  for (const auto& s : ref->standards) {
    TemplateData item;
    item.set("name", s.name);
    put(item, "url", s.url);
    put(item, "acronym", s.acronym);
    set_text(item, "sets", s.sets, lang);
    standards.push_back(item);
  }
  kainjow::mustache::list rules;
  for (const auto& r : ref->transport_rules) {
    TemplateData item;
    item.set("un_number", r.un_number);
    item.set("proper_shipping_name", r.proper_shipping_name);
    item.set("hazard_class", r.hazard_class);
    std::vector<std::string> instructions;
    for (const auto& [mode, instruction] : r.packing_instruction) {
      instructions.push_back(label(context, lang, "mode", mode) + ": " + instruction);
    }
    item.set("instructions", join_for_display(instructions));
    put(item, "packaging", r.packaging);
    put(item, "exemption", r.exemption);
    rules.push_back(item);
  }
  TemplateData data;
  data.set("standards", standards);
  data.set("rules", rules);
  return page(context, lang, label(context, lang, "page", "standards"), "/standards", "standards", data, "standards",
              print);
}

}  // namespace

void add_registry_list_page_routes(Router& router, const WebContext& context) {
  const WebContext* ctx = &context;
  // Each page at /{lang}/<name> and its print view at /{lang}/<name>/print.
  auto add = [&](const std::string& name, auto render) {
    for (bool print : {false, true}) {
      router.add({"GET", "/{lang}/" + name + (print ? "/print" : ""), "registry." + name + (print ? ".print" : ""),
                  [ctx, render, print](Request& request) {
                    std::string lang(request.param("lang"));
                    if (!ctx->catalogs.supports(lang)) return error_response(*ctx, request, 404, "no such language");
                    return render(*ctx, request, lang, print);
                  }});
    }
  };
  add("countries", [](const WebContext& c, const Request&, const std::string& lang, bool print) {
    return countries_page(c, lang, print);
  });
  add("laboratories", [](const WebContext& c, const Request&, const std::string& lang, bool print) {
    return laboratories_page(c, lang, print);
  });
  add("methods", [](const WebContext& c, const Request& r, const std::string& lang, bool print) {
    return methods_page(c, r, lang, print);
  });
  add("standards", [](const WebContext& c, const Request&, const std::string& lang, bool print) {
    return standards_page(c, lang, print);
  });
  for (bool print : {false, true}) {
    router.add({"GET", std::string("/{lang}/countries/{code}") + (print ? "/print" : ""),
                print ? "registry.country.print" : "registry.country", [ctx, print](Request& request) {
                  std::string lang(request.param("lang"));
                  if (!ctx->catalogs.supports(lang)) return error_response(*ctx, request, 404, "no such language");
                  return country_page(*ctx, request, lang, std::string(request.param("code")), print);
                }});
  }
}

}  // namespace lmo::web
