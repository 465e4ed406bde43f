// WebContext: what the route modules share — catalogs, templates, services, metrics — built
// once by the application at start and read-only afterwards.
#pragma once

#include <functional>
#include <set>
#include <string>

#include "services/portal_content_service.hpp"
#include "services/declaration_screening.hpp"
#include "services/check_rules.hpp"
#include "services/country_directory.hpp"
#include "services/account_service.hpp"
#include "services/api_token_service.hpp"
#include "services/case_service.hpp"
#include "services/editorial_service.hpp"
#include "services/lab_tools.hpp"
#include "services/session_service.hpp"
#include "services/registry_service.hpp"
#include "web/http/metrics.hpp"
#include "web/i18n/catalogs.hpp"
#include "web/templates/template_set.hpp"

namespace lmo::web {

struct WebContext {
  const Catalogs& catalogs;
  const TemplateSet& templates;
  const services::PortalContentService& content;
  const services::RegistryService& registry;
  const services::CountryDirectory& countries;
  Metrics& metrics;
  std::function<bool()> ready;  // readiness: the database answers
  std::string openapi_document;  // the OpenAPI 3.1 document, served as is
  std::string version;
  // Tools served under /{lang}/<slug> besides the content pages (e.g. "registry", "check");
  // page texts may link to them.
  std::set<std::string, std::less<>> tool_slugs;
  // Registry writes (imports over the API), and the token that allows them until accounts
  // exist; an empty token disables API imports.
  store::RegistryStore* registry_store = nullptr;
  std::string admin_token;
  const services::CheckRules* check_rules = nullptr;  // the border check's rule set
  // Declaration-line screeners (general, and per national tariff table), built from the
  // registry at start (restart to pick up new names).
  const services::ScreenerSet* screeners = nullptr;
  // The laboratory tools' data: crops, thresholds, the registry's screening matrix.
  const services::LabTools* lab = nullptr;
  // Accounts and sessions (sign-in); null disables the sign-in pages.
  services::AccountService* accounts = nullptr;
  services::SessionService* sessions = nullptr;
  services::ApiTokenService* api_tokens = nullptr;
  services::CaseService* cases = nullptr;  // inspection cases; null disables their pages
  services::EditorialService* editorial = nullptr;  // national record editing; null disables it
  long long session_seconds = 8 * 60 * 60;
};

}  // namespace lmo::web
