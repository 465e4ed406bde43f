#include "web/api/registry_routes.hpp"

#include <algorithm>

#include <boost/json.hpp>
#include <charconv>
#include <chrono>
#include <ctime>
#include <regex>

#include "domain/registry_json.hpp"
#include "domain/search_text.hpp"
#include "services/clock.hpp"
#include "services/identifier_check.hpp"
#include "services/registry_csv.hpp"
#include "services/registry_import.hpp"
#include "web/api/api_support.hpp"
#include "web/detail_body_cache.hpp"
#include "web/error_responses.hpp"
#include "web/http/conditional.hpp"

namespace lmo::web {

namespace json = boost::json;
using services::RegistryReference;

namespace {

// Parses a positive whole number parameter; nullopt with an error response when malformed.
std::optional<std::size_t> number_param(const QueryParams& params, std::string_view name, std::size_t fallback,
                                        std::size_t low, std::size_t high, std::optional<Response>& error) {
  if (!params.has(name)) return fallback;
  std::string_view text = params.get(name);
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    error = json_error(400, "bad_request",
                       std::string(name) + " must be a whole number from " + std::to_string(low) + " to " +
                           std::to_string(high),
                       name);
    return std::nullopt;
  }
  return value;
}

// Known ISO 3166-1 alpha-2 codes and EU.
bool is_country_code(const WebContext& context, std::string_view code) {
  return context.countries.contains(code);
}

Response registry_json(const WebContext& context, const Request& request, const json::value& value) {
  Response response = json_response(value);
  apply_conditional_get(request, response, context.registry.reference()->last_change);
  return response;
}

json::object lmo_summary(const domain::Lmo& lmo, const RegistryReference& ref, const std::string& lang) {
  json::object out = domain::to_json(lmo);
  out["key"] = lmo.key;
  if (const auto* organism = ref.organism(lmo.organism)) {
    out["organism_name"] = localized(organism->common_name.resolve_or_empty(lang));
  }
  if (const auto* developer = ref.developer(lmo.developer)) out["developer_name"] = developer->name;
  out["links"] = json::object{{"self", "/api/v1/lmos/" + lmo.key}};
  return out;
}

// Everything known about one LMO, as GET /api/v1/lmos/{id} answers.
json::object lmo_record_json(const services::LmoDetail& detail, const std::string& lang) {
  auto out = lmo_summary(detail.lmo, *detail.reference, lang);
  json::array traits, elements, methods, labs, decisions, parents;
  for (const auto* t : detail.traits) traits.push_back(domain::to_json(*t));
  for (const auto* e : detail.elements) elements.push_back(domain::to_json(*e));
  for (const auto* m : detail.methods) methods.push_back(domain::to_json(*m));
  for (const auto* l : detail.laboratories) labs.push_back(domain::to_json(*l));
  for (const auto& d : detail.decisions) decisions.push_back(domain::to_json(d));
  for (const auto& p : detail.parents) parents.push_back(lmo_summary(p, *detail.reference, lang));
  out["organism_record"] = detail.organism ? json::value(domain::to_json(*detail.organism)) : json::value(nullptr);
  out["developer_record"] = detail.developer ? json::value(domain::to_json(*detail.developer)) : json::value(nullptr);
  out["trait_records"] = std::move(traits);
  out["element_records"] = std::move(elements);
  out["methods"] = std::move(methods);
  out["laboratories"] = std::move(labs);
  json::array identifying;
  for (const auto* l : detail.identifying_laboratories) identifying.push_back(domain::to_json(*l));
  out["laboratories_offering_identification"] = std::move(identifying);
  out["decisions"] = std::move(decisions);
  out["parent_events"] = std::move(parents);
  return out;
}


json::array facet(const std::vector<store::FacetValue>& values, const std::function<std::string(const std::string&)>& label) {
  json::array out;
  for (const auto& v : values) {
    out.push_back(json::object{{"value", v.value}, {"label", label(v.value)}, {"count", v.count}});
  }
  return out;
}

json::object approval_json(const services::ApprovalResult& result, const std::string& country,
                           domain::Use use, const std::string& date) {
  const auto& a = result.answer;
  json::array decisions;
  for (const auto& d : a.decisions) {
    decisions.push_back(json::object{{"decision_id", d.decision_id},
                                     {"jurisdiction", d.jurisdiction},
                                     {"lmo_key", d.lmo_key},
                                     {"result", d.result},
                                     {"date", d.date},
                                     {"expiry", d.expiry ? json::value(*d.expiry) : json::value(nullptr)},
                                     {"conditions", d.conditions ? json::value(*d.conditions) : json::value(nullptr)},
                                     {"current", d.current},
                                     {"covers_use", d.covers_use},
                                     {"decides", d.decides},
                                     {"links", json::object{{"self", "/api/v1/decisions/" + d.decision_id}}}});
  }
  return {{"country", country},
          {"jurisdictions", strings(result.jurisdictions)},
          {"lmo", result.lmo.key},
          {"use", domain::use_name(use)},
          {"date", date},
          {"status", domain::status_name(a.status)},
          {"reason", domain::reason_code(a.reason)},
          {"explanation", a.explanation},
          {"via_parent_events", a.via_parent_events},
          {"conditions", strings(a.conditions)},
          {"parents_lacking_approval", strings(a.parents_lacking_approval)},
          {"missing_parents", strings(a.missing_parents)},
          {"decisions", std::move(decisions)}};
}

// A list endpoint over one kind of reference record, with optional exact filters.
template <typename Records, typename Filter>
Response list_records(const WebContext& context, const Request& request, const Records& records,
                      std::string_view collection, Filter&& keep) {
  json::array items;
  for (const auto& record : records) {
    if (keep(record)) items.push_back(domain::to_json(record));
  }
  std::size_t count = items.size();
  return registry_json(context, request, json::object{{"count", count}, {std::string(collection), std::move(items)}});
}

}  // namespace

void add_registry_api_routes(Router& router, const WebContext& context) {
  const WebContext* ctx = &context;

  router.add({"GET", "/api/v1/lmos", "api.lmos", [ctx](Request& request) {
    QueryParams params;
    std::string lang;
    if (auto error = read_query(*ctx, request,
                                {"lang", "q", "organism", "trait", "developer", "approved_in", "page", "per_page"},
                                params, lang)) {
      return *error;
    }
    std::optional<Response> error;
    auto page = number_param(params, "page", 1, 1, 100000, error);
    if (!page) return *error;
    auto per_page = number_param(params, "per_page", 20, 1, 100, error);
    if (!per_page) return *error;
    if (params.get("q").size() > 200) return json_error(400, "bad_request", "q is longer than 200 characters", "q");
    std::string approved_in(params.get("approved_in"));
    if (!approved_in.empty() && !is_country_code(*ctx, approved_in)) {
      return json_error(400, "bad_country", "approved_in must be a known ISO 3166-1 alpha-2 code in capitals, such as DE, or EU", "approved_in");
    }
    store::LmoSearch search;
    search.text = std::string(params.get("q"));
    search.organism = std::string(params.get("organism"));
    search.trait = std::string(params.get("trait"));
    search.developer = std::string(params.get("developer"));
    search.approved_in = approved_in;
    search.offset = (*page - 1) * *per_page;
    search.limit = *per_page;
    auto result = ctx->registry.search(search);
    auto ref = ctx->registry.reference();
    json::array items;
    for (const auto& lmo : result.lmos) items.push_back(lmo_summary(lmo, *ref, lang));
    json::object facets{
        {"organism", facet(result.organisms, [&](const std::string& id) {
           const auto* o = ref->organism(id);
           return o ? o->common_name.resolve_or_empty(lang).text : id;
         })},
        {"trait", facet(result.traits, [&](const std::string& id) {
           const auto* t = ref->trait(id);
           return t ? t->name.resolve_or_empty(lang).text : id;
         })},
        {"developer", facet(result.developers, [&](const std::string& id) {
           const auto* d = ref->developer(id);
           return d ? d->name : id;
         })},
        {"approved_in", facet(result.countries, [&](const std::string& code) { return ctx->countries.name(code, lang); })}};
    return registry_json(*ctx, request,
                         json::object{{"lang", lang}, {"q", search.text}, {"total", result.total},
                                      {"page", *page}, {"per_page", *per_page}, {"items", std::move(items)},
                                      {"facets", std::move(facets)}});
  }});

  // The record's JSON, kept with the detail it was made from (same for every reader).
  auto bodies = std::make_shared<DetailBodyCache>();
  router.add({"GET", "/api/v1/lmos/{id}", "api.lmo", [ctx, bodies](Request& request) {
    QueryParams params;
    std::string lang;
    if (auto error = read_query(*ctx, request, {"lang"}, params, lang)) return *error;
    auto detail = ctx->registry.lmo_detail(request.param("id"));
    if (!detail) {
      return json_error(404, "not_found", "no LMO is known by '" + std::string(request.param("id")) + "'", "id");
    }
    auto body = bodies->get(detail, lang, [&] { return json::serialize(lmo_record_json(*detail, lang)); });
    Response response = json_body_response(*body);
    apply_conditional_get(request, response, detail->reference->last_change);
    return response;
  }});

  router.add({"GET", "/api/v1/approvals", "api.approvals", [ctx](Request& request) {
    QueryParams params;
    std::string lang;
    if (auto error = read_query(*ctx, request, {"lang", "country", "lmo", "use", "date"}, params, lang)) {
      return *error;
    }
    std::string country(params.get("country"));
    if (!is_country_code(*ctx, country)) {
      return json_error(400, "bad_country", "country must be a known ISO 3166-1 alpha-2 code in capitals, e.g. DE", "country");
    }
    auto use = domain::parse_use(params.get("use"));
    if (!use) {
      return json_error(400, "bad_use",
                        "use must be one of food, feed, processing, release, field_trial, contained, transit", "use");
    }
    std::string date = params.has("date") ? std::string(params.get("date")) : services::today_utc();
    static const std::regex iso_date(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
    if (!std::regex_match(date, iso_date)) return json_error(400, "bad_date", "date must be YYYY-MM-DD", "date");
    if (params.get("lmo").empty()) return json_error(400, "bad_request", "lmo is required", "lmo");
    auto lmo = ctx->registry.find_lmo(params.get("lmo"));
    if (!lmo) {
      return json_error(404, "unknown_lmo",
                        "no LMO in the registry is known by '" + std::string(params.get("lmo")) +
                            "'; check the identifier with /api/v1/uids/validate",
                        "lmo");
    }
    auto result = ctx->registry.approval(*lmo, country, *use, date);
    return json_response(approval_json(result, country, *use, date));
  }});

  router.add({"GET", "/api/v1/decisions", "api.decisions", [ctx](Request& request) {
    QueryParams params;
    std::string lang;
    if (auto error = read_query(*ctx, request, {"lang", "lmo"}, params, lang)) return *error;
    if (params.get("lmo").empty()) {
      return json_error(400, "bad_request", "lmo is required (decisions are listed per LMO; see /api/v1/export/decisions for all)", "lmo");
    }
    auto lmo = ctx->registry.find_lmo(params.get("lmo"));
    if (!lmo) return json_error(404, "unknown_lmo", "no LMO is known by '" + std::string(params.get("lmo")) + "'", "lmo");
    auto detail = ctx->registry.lmo_detail(lmo->key);
    json::array items;
    for (const auto& d : detail->decisions) items.push_back(domain::to_json(d));
    std::size_t count = items.size();
    return registry_json(*ctx, request, json::object{{"lmo", lmo->key}, {"count", count}, {"decisions", std::move(items)}});
  }});

  // One reference record by its key (store::record_key), e.g. /api/v1/methods/{code}.
  auto record_route = [ctx, &router](std::string path, std::string name, auto member, std::string param,
                                     std::string missing) {
    router.add({"GET", path, name, [ctx, member, param, missing](Request& request) {
      auto ref = ctx->registry.reference();
      for (const auto& record : (*ref).*member) {
        if (store::record_key(record) == request.param(param)) return registry_json(*ctx, request, domain::to_json(record));
      }
      return json_error(404, "not_found", missing + " '" + std::string(request.param(param)) + "'", param);
    }});
  };

  // Reference records: a list (optionally narrowed by q, matched case-insensitively against
  // the record's text) and one record by id.
  auto reference_list = [ctx, &router, record_route](std::string path, std::string name, std::string collection,
                                                     auto member) {
    router.add({"GET", path, name, [ctx, collection, member](Request& request) {
      QueryParams params;
      std::string lang;
      if (auto error = read_query(*ctx, request, {"lang", "q"}, params, lang)) return *error;
      if (params.get("q").size() > 200) return json_error(400, "bad_request", "q is longer than 200 characters", "q");
      std::string q = domain::lower_ascii(params.get("q"));
      auto ref = ctx->registry.reference();
      return list_records(*ctx, request, (*ref).*member, collection, [&](const auto& record) {
        return q.empty() || domain::lower_ascii(json::serialize(domain::to_json(record))).find(q) != std::string::npos;
      });
    }});
    record_route(path + "/{id}", name + ".one", member, "id", "no record");
  };
  reference_list("/api/v1/organisms", "api.organisms", "organisms", &RegistryReference::organisms);
  reference_list("/api/v1/developers", "api.developers", "developers", &RegistryReference::developers);
  reference_list("/api/v1/elements", "api.elements", "elements", &RegistryReference::elements);
  reference_list("/api/v1/traits", "api.traits", "traits", &RegistryReference::traits);
  reference_list("/api/v1/standards", "api.standards", "standards", &RegistryReference::standards);
  reference_list("/api/v1/transport-rules", "api.transport_rules", "transport_rules", &RegistryReference::transport_rules);

  router.add({"GET", "/api/v1/decisions/{id}", "api.decision", [ctx](Request& request) {
    auto decision = ctx->registry.find_decision(request.param("id"));
    if (!decision) return json_error(404, "not_found", "no decision '" + std::string(request.param("id")) + "'", "id");
    return registry_json(*ctx, request, domain::to_json(*decision));
  }});

  record_route("/api/v1/authorities/{id}", "api.authority", &RegistryReference::authorities, "id", "no authority");

  router.add({"GET", "/api/v1/methods", "api.methods", [ctx](Request& request) {
    QueryParams params;
    std::string lang;
    if (auto error = read_query(*ctx, request, {"lang", "scope", "detects", "target"}, params, lang)) return *error;
    std::string scope(params.get("scope"));
    if (!scope.empty() && scope != "element" && scope != "construct" && scope != "event" && scope != "taxon") {
      return json_error(400, "bad_request", "scope must be element, construct, event or taxon", "scope");
    }
    std::string detects;
    if (params.has("detects")) {
      auto lmo = ctx->registry.find_lmo(params.get("detects"));
      detects = lmo ? lmo->key : std::string(params.get("detects"));
    }
    std::string target(params.get("target"));
    auto ref = ctx->registry.reference();
    return list_records(*ctx, request, ref->methods, "methods", [&](const domain::DetectionMethod& m) {
      if (!scope.empty() && m.scope != scope) return false;
      if (!detects.empty() && std::find(m.detects.begin(), m.detects.end(), detects) == m.detects.end()) return false;
      if (!target.empty() && std::find(m.targets.begin(), m.targets.end(), target) == m.targets.end()) return false;
      return true;
    });
  }});

  record_route("/api/v1/methods/{code}", "api.method", &RegistryReference::methods, "code", "no method with code");

  router.add({"GET", "/api/v1/laboratories", "api.laboratories", [ctx](Request& request) {
    QueryParams params;
    std::string lang;
    if (auto error = read_query(*ctx, request, {"lang", "country"}, params, lang)) return *error;
    std::string country(params.get("country"));
    if (!country.empty() && !is_country_code(*ctx, country)) {
      return json_error(400, "bad_country", "country must be a known ISO 3166-1 alpha-2 code in capitals", "country");
    }
    auto ref = ctx->registry.reference();
    return list_records(*ctx, request, ref->laboratories, "laboratories",
                        [&](const domain::Laboratory& l) { return country.empty() || l.country == country; });
  }});

  record_route("/api/v1/laboratories/{id}", "api.laboratory", &RegistryReference::laboratories, "id",
               "no laboratory");

  router.add({"GET", "/api/v1/uids/validate", "api.uid_validate", [ctx](Request& request) {
    QueryParams params;
    std::string lang;
    if (auto error = read_query(*ctx, request, {"lang", "uid"}, params, lang)) return *error;
    if (!params.has("uid")) return json_error(400, "bad_request", "uid is required", "uid");
    if (params.get("uid").size() > 1000) return json_error(400, "bad_request", "uid is longer than 1000 bytes", "uid");
    auto ref = ctx->registry.reference();
    std::vector<std::string> prefixes;
    for (const auto& developer : ref->developers) {
      prefixes.insert(prefixes.end(), developer.uid_prefixes.begin(), developer.uid_prefixes.end());
    }
    auto check = services::check_identifier(params.get("uid"), prefixes, &ctx->registry);
    auto out = services::to_json(check);
    if (check.registry_key) {
      out["registry"].as_object()["links"] = json::object{{"self", "/api/v1/lmos/" + *check.registry_key}};
    }
    return json_response(out);
  }});

  router.add({"GET", "/api/v1/authorities", "api.authorities", [ctx](Request& request) {
    QueryParams params;
    std::string lang;
    if (auto error = read_query(*ctx, request, {"lang", "country", "role"}, params, lang)) return *error;
    std::string country(params.get("country"));
    if (!country.empty() && !is_country_code(*ctx, country)) {
      return json_error(400, "bad_country", "country must be a known ISO 3166-1 alpha-2 code in capitals", "country");
    }
    std::string role(params.get("role"));
    auto ref = ctx->registry.reference();
    return list_records(*ctx, request, ref->authorities, "authorities", [&](const domain::Authority& a) {
      return (country.empty() || a.country == country) && (role.empty() || a.role == role);
    });
  }});

  router.add({"GET", "/api/v1/countries/{code}", "api.country", [ctx](Request& request) {
    QueryParams params;
    std::string lang;
    if (auto error = read_query(*ctx, request, {"lang"}, params, lang)) return *error;
    std::string code(request.param("code"));
    if (!is_country_code(*ctx, code)) {
      return json_error(404, "unknown_country", "'" + code + "' is not a known ISO 3166-1 alpha-2 code", "code");
    }
    auto view = ctx->registry.country(code);
    json::array authorities, decisions;
    for (const auto& a : view.authorities) authorities.push_back(domain::to_json(a));
    for (const auto& d : view.decisions) decisions.push_back(domain::to_json(d));
    return registry_json(*ctx, request,
                         json::object{{"code", code},
                                      {"name", ctx->countries.name(code, lang)},
                                      {"jurisdictions", strings(view.jurisdictions)},
                                      {"authorities", std::move(authorities)},
                                      {"decisions", std::move(decisions)}});
  }});

  router.add({"GET", "/api/v1/history/{type}/{key}", "api.history", [ctx](Request& request) {
    std::optional<domain::RecordType> type;
    for (auto t : domain::kAllRecordTypes) {
      if (domain::record_type_file(t) == request.param("type")) type = t;
    }
    if (!type) return json_error(404, "not_found", "no record type '" + std::string(request.param("type")) + "'", "type");
    std::string key(request.param("key"));
    if (*type == domain::RecordType::lmo) {
      if (auto lmo = ctx->registry.find_lmo(key)) key = lmo->key;
    }
    auto revisions = ctx->registry.history(*type, key);
    if (revisions.empty()) return json_error(404, "not_found", "no record '" + key + "'", "key");
    json::array items;
    for (const auto& r : revisions) {
      items.push_back(json::object{{"revision", r.revision},
                                   {"origin", r.origin},
                                   {"recorded_at", r.recorded_at},
                                   {"record", json::parse(r.doc)}});
    }
    return registry_json(*ctx, request, json::object{{"type", request.param("type")}, {"key", key},
                                                     {"revisions", std::move(items)}});
  }});

  Route import_route{"POST", "/api/v1/admin/imports", "api.admin.imports", [ctx](Request& request) {
    // Either an API token with the "import" scope of an administrator, or the server's
    // admin-token (a setting, for servers without accounts).
    std::string_view authorization = request.header("authorization");
    std::string actor = "admin-token";
    bool allowed = false;
    if (ctx->api_tokens && authorization.rfind("Bearer lmo_", 0) == 0) {
      auto user = ctx->api_tokens->authenticate(authorization, "import", {"anonymous", request.remote_address, request.request_id});
      bool admin = user && std::any_of(user->grants.begin(), user->grants.end(),
                                       [](const domain::RoleGrant& g) { return g.role == domain::Role::admin; });
      if (user && !admin) {
        ctx->accounts->record({0, {}, user->username, "permission.denied", "/api/v1/admin/imports", "denied",
                               request.remote_address, request.request_id, "imports need the admin role"});
        return json_error(403, "forbidden", "imports need an administrator's token");
      }
      allowed = admin;
      if (user) actor = user->username;
    } else if (!ctx->admin_token.empty()) {
      std::string expected = "Bearer " + ctx->admin_token;
      // Constant-time comparison: the time taken does not reveal how much of the token matched.
      unsigned char difference = authorization.size() == expected.size() ? 0 : 1;
      for (size_t i = 0; i < expected.size(); ++i) {
        difference |= static_cast<unsigned char>(expected[i] ^ (i < authorization.size() ? authorization[i] : 0));
      }
      allowed = difference == 0;
    } else if (!ctx->api_tokens) {
      return json_error(403, "forbidden", "imports over the API are disabled on this server (no admin-token set)");
    }
    if (!ctx->registry_store) return json_error(403, "forbidden", "imports over the API are disabled on this server");
    if (!allowed) {
      Response denied = json_error(401, "unauthorized", "a valid token is required (Authorization: Bearer ...)");
      denied.set_header("WWW-Authenticate", "Bearer realm=\"lmo-portal\"");
      return denied;
    }
    QueryParams params;
    std::string lang;
    if (auto error = read_query(*ctx, request, {"file", "partial", "dry_run"}, params, lang)) return *error;
    std::string file(params.get("file"));
    if (file.empty()) {
      return json_error(400, "bad_request", "file names the upload, e.g. lmos.csv, decisions.json or bch.json", "file");
    }
    if (request.body.empty()) return json_error(400, "bad_request", "the request body is empty", "body");
    services::ImportOptions options;
    options.allow_partial = params.get("partial") == "true";
    options.dry_run = params.get("dry_run") == "true";
    options.retrieved_date = services::today_utc();
    auto report = services::import_registry({{file, request.body}}, *ctx->registry_store, "api:" + request.request_id,
                                            options);
    json::array rejections;
    for (const auto& r : report.rejections) {
      rejections.push_back(json::object{{"file", r.file}, {"record", r.record}, {"field", r.field}, {"reason", r.reason}});
    }
    json::object out{{"records", report.records},
                     {"added", report.written.added},
                     {"updated", report.written.updated},
                     {"unchanged", report.written.unchanged},
                     {"rejected", report.rejections.size()},
                     {"applied", report.applied},
                     {"rejections", std::move(rejections)}};
    if (ctx->accounts) {
      ctx->accounts->record({0, {}, actor, "import", file, report.applied ? "ok" : "failed", request.remote_address,
                             request.request_id,
                             "added " + std::to_string(report.written.added) + ", updated " + std::to_string(report.written.updated) +
                                 ", rejected " + std::to_string(report.rejections.size()) + (options.dry_run ? " (dry run)" : "")});
    }
    Response response = json_response(out);
    if (report.malformed) {
      response = json_error(400, "invalid_import", report.rejections.front().reason, "body");
      auto body = json::parse(response.body).as_object();
      body["report"] = std::move(out);
      response.body = json::serialize(body);
    } else if (!report.rejections.empty() && !options.allow_partial) {
      response.status = 422;
    }
    return response;
  }};
  import_route.body_limit = 64 * 1024 * 1024;
  router.add(std::move(import_route));

  router.add({"GET", "/api/v1/export/{type}", "api.export", [ctx](Request& request) {
    QueryParams params;
    std::string lang;
    if (auto error = read_query(*ctx, request, {"format"}, params, lang)) return *error;
    std::string format = params.has("format") ? std::string(params.get("format")) : "json";
    if (format != "json" && format != "csv") return json_error(400, "bad_request", "format must be json or csv", "format");
    std::optional<domain::RecordType> type;
    for (auto t : domain::kAllRecordTypes) {
      if (domain::record_type_file(t) == request.param("type")) type = t;
    }
    if (!type) {
      return json_error(404, "not_found", "no record type '" + std::string(request.param("type")) +
                                              "' (use lmos, decisions, methods, laboratories, organisms, developers, "
                                              "genetic_elements, traits, standards, transport_rules)", "type");
    }
    auto records = domain::encode_records(*type, ctx->registry.export_type(*type));
    Response response;
    if (format == "csv") {
      response.body = services::records_to_csv(*type, records);
      response.set_header("Content-Type", "text/csv; charset=utf-8");
    } else {
      response.body = json::serialize(records);
      response.set_header("Content-Type", "application/json");
    }
    response.set_header("Content-Disposition", "attachment; filename=\"" + std::string(request.param("type")) + "." + format + "\"");
    apply_conditional_get(request, response, ctx->registry.reference()->last_change);
    return response;
  }});
}

}  // namespace lmo::web
