#include "app/serve_command.hpp"

#include "app/database_choice.hpp"

#include <sys/resource.h>

#include <boost/json.hpp>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>

#include "services/bundled_content_loader.hpp"
#include "services/data_file.hpp"
#include "services/portal_content_service.hpp"
#include "services/check_rules.hpp"
#include "services/published_rule_sets.hpp"
#include "services/declaration_screening.hpp"
#include "services/country_directory.hpp"
#include "services/registry_loader.hpp"
#include "services/registry_service.hpp"
#include "store/store_error.hpp"
#include "web/http/json_log.hpp"
#include "web/portal_app.hpp"

namespace lmo::app {

namespace fs = std::filesystem;
using web::JsonLog;

namespace {

// Lets the process hold as many sockets as the hard limit allows (idle keep-alive clients).
void raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// The OpenAPI document, checked to be JSON, served as written.
std::string openapi_document(const fs::path& path) {
  std::string text = services::read_data_file(path);
  services::parse_json_text(path, text);
  return text;
}

double milliseconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int run_serve(const ServeSettings& settings) {
  auto started = std::chrono::steady_clock::now();
  JsonLog::start(settings.access_log);
  try {
    raise_descriptor_limit();
    auto database = DatabaseChoice{settings.data_dir, settings.database}.open();
    auto& content_store = database->content();
    auto outcome = services::load_bundled_content(settings.share_dir / "data", content_store);
    JsonLog::event("info", outcome == services::LoadOutcome::loaded ? "bundled data loaded"
                                                                    : "bundled data unchanged",
                   {{"database", database->description()},
                    {"backend", database->backend()},
                    {"schema_version", database->schema_version()}});

    services::PortalContentService content(content_store);
    auto& registry_store = database->registry();
    auto registry_outcome =
        services::load_bundled_registry(settings.share_dir / "data" / "registry", registry_store);
    JsonLog::event("info", registry_outcome == services::LoadOutcome::loaded ? "bundled registry loaded"
                                                                             : "bundled registry unchanged");
    services::CheckRules check_rules(settings.share_dir / "data" / "rules");
    services::CountryDirectory countries(settings.share_dir / "data" / "countries.json");
    services::RegistryService registry(registry_store,
                                       services::read_regional_blocs(settings.share_dir / "data"));
    services::ScreenerSet screeners(registry_store.load_types({domain::RecordType::lmo}), check_rules,
                                    settings.share_dir / "data" / "rules" / "screening.json",
                                    [&registry](std::string_view country) { return registry.jurisdictions_of(country); });
    auto lab_tools = services::LabTools::load(settings.share_dir, registry);
    services::AccountService accounts(database->accounts());
    services::SessionService sessions(accounts, database->sessions());
    services::ApiTokenService api_tokens(accounts, database->api_tokens());
    services::CaseService cases(database->cases(), accounts, check_rules, registry, &lab_tools);
    auto& rule_set_store = database->rule_sets();
    services::PublishedRuleSets published_rule_sets(check_rules, rule_set_store);
    auto refresh_rule_sets = [&published_rule_sets] {
      try {
        for (const auto& problem : published_rule_sets.refresh()) {
          JsonLog::event("warning", "published rule set not applied", {{"problem", problem}});
        }
      } catch (const store::StoreError& error) {
        JsonLog::event("warning", "published rule sets not read", {{"error", error.what()}});
      }
    };
    refresh_rule_sets();
    // Rule sets published by other instances sharing the database come into force here.
    std::jthread rule_set_watch([&refresh_rule_sets](std::stop_token stop) {
      std::mutex mutex;
      std::condition_variable_any wake;
      std::unique_lock lock(mutex);
      while (!stop.stop_requested()) {
        wake.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; });
        if (!stop.stop_requested()) refresh_rule_sets();
      }
    });
    services::EditorialService editorial(database->drafts(), registry_store, rule_set_store, check_rules, accounts);
    web::Catalogs catalogs(settings.locale_dir);
    web::TemplateSet templates(settings.share_dir / "templates", catalogs);
    web::Metrics metrics;
    web::WebContext context{catalogs,
                            templates,
                            content,
                            registry,
                            countries,
                            metrics,
                            [&database] { return database->ping(); },
                            openapi_document(settings.share_dir / "web" / "api" / "openapi.json"),
                            LMO_VERSION,
                            {"registry", "countries", "laboratories", "methods", "standards", "check", "lab"},
                            &registry_store,
                            settings.admin_token,
                            &check_rules,
                            &screeners,
                            &lab_tools,
                            &accounts,
                            &sessions,
                            &api_tokens,
                            &cases,
                            &editorial};
    web::PortalApp app(context, settings.share_dir / "static", {settings.body_limit}, settings.trusted_proxies);

    web::ServerLimits limits;
    limits.header_limit = settings.header_limit;
    limits.read_timeout = settings.read_timeout;
    limits.idle_timeout = settings.idle_timeout;
    limits.shutdown_grace = settings.shutdown_grace;
    limits.max_connections = settings.max_connections;
    web::HttpServer server(app, limits);
    unsigned short port = server.listen(settings.host, settings.port);
    boost::json::array languages;
    for (const auto& language : catalogs.languages()) languages.emplace_back(language.code);
    JsonLog::event("info", "listening",
                   {{"host", settings.host}, {"port", port}, {"threads", settings.threads},
                    {"languages", languages}, {"startup_ms", milliseconds_since(started)}});
    server.run(settings.threads, /*handle_signals=*/true);
    JsonLog::event("info", "stopped", {{"uptime_ms", milliseconds_since(started)}});
  } catch (const std::exception& error) {
    JsonLog::event("error", "cannot serve", {{"error", error.what()}});
    JsonLog::stop();
    std::cerr << "lmo-portal serve: " << error.what() << "\n";
    return 1;
  }
  JsonLog::stop();
  return 0;
}

}  // namespace lmo::app
