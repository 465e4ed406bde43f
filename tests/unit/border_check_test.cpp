// The border check's pieces: declaration parsing, the rule data, HS hints, and the engine on
// the bundled registry (release, missing statement, approval for the wrong use, may contain).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/declaration.hpp"
#include "services/check_rules.hpp"
#include "services/data_file.hpp"
#include "services/registry_loader.hpp"
#include "services/shipment_check.hpp"
#include "store/sqlite/sqlite_registry_store.hpp"
#include "test_support.hpp"

using lmo::domain::Declaration;
using lmo::domain::DeclarationProblem;
using lmo::domain::parse_declaration;
using lmo::services::CheckOutcome;

namespace {

std::vector<DeclarationProblem> problems_of(const char* json) {
  auto result = parse_declaration(boost::json::parse(json));
  auto* problems = std::get_if<std::vector<DeclarationProblem>>(&result);
  return problems ? *problems : std::vector<DeclarationProblem>{};
}

Declaration declaration(const char* json) { return std::get<Declaration>(parse_declaration(boost::json::parse(json))); }

}  // namespace

TEST(Declaration, ParsesEveryField) {
  auto d = declaration(R"({"importing_country":"DE","exporting_country":"US","transit_countries":["NL"],"hs_code":"1201.90",
    "declared_use":"food_feed_processing","transport_mode":"sea","quantity":{"value":50000,"unit":"t"},
    "statements":{"may_contain_lmo":true},"lmos":["MON-00810-6",{"name":"GTS 40-3-2"}],
    "parties":{"contact_point":{"name":"Desk","address":"Port"}},"check_date":"2024-05-01"})");
  EXPECT_EQ(d.importing_country, "DE");
  EXPECT_EQ(d.transit_countries, std::vector<std::string>{"NL"});
  EXPECT_EQ(d.declared_use, lmo::domain::DeclaredUse::food_feed_processing);
  EXPECT_EQ(d.quantity, 50000.0);
  EXPECT_EQ(d.statements.may_contain_lmo, true);
  ASSERT_EQ(d.lmos.size(), 2u);
  EXPECT_EQ(d.lmos[0].identifier, "MON-00810-6");
  EXPECT_EQ(d.lmos[1].name, "GTS 40-3-2");
  EXPECT_EQ(d.contact_point.name, "Desk");
}

TEST(Declaration, ProblemsNameTheField) {
  auto first = [](const char* json) {
    auto p = problems_of(json);
    return p.empty() ? std::string("(none)") : p.front().field;
  };
  EXPECT_EQ(first(R"({"declared_use":"unknown"})"), "importing_country");
  EXPECT_EQ(first(R"({"importing_country":"de","declared_use":"unknown"})"), "importing_country");
  EXPECT_EQ(first(R"({"importing_country":"DE"})"), "declared_use");
  EXPECT_EQ(first(R"({"importing_country":"DE","declared_use":"unknown","colour":"red"})"), "colour");
  EXPECT_EQ(first(R"({"importing_country":"DE","declared_use":"unknown","lmos":[{}]})"), "lmos[0]");
  EXPECT_EQ(first(R"({"importing_country":"DE","declared_use":"unknown","statements":{"contains_lmo":"yes"}})"), "statements.contains_lmo");
  EXPECT_EQ(first(R"({"importing_country":"DE","declared_use":"unknown","parties":{"importer":{"name":3}}})"), "parties.importer.name");
  EXPECT_EQ(first(R"({"importing_country":"DE","declared_use":"unknown","check_date":"2024-02-30x"})"), "check_date");
  EXPECT_EQ(first("[1,2]"), "");
  EXPECT_EQ(problems_of(R"({"declared_use":"x","importing_country":"dee"})").size(), 2u);
}

class BorderCheckTest : public ::testing::Test {
 protected:
  lmo::test::TempDir dir;
  lmo::store::sqlite::SqliteDatabase database{(dir.path() / "portal.db").string()};
  lmo::store::sqlite::SqliteRegistryStore store{database};
  lmo::services::CheckRules rules{lmo::test::source_dir() / "data" / "rules"};
  std::unique_ptr<lmo::services::RegistryService> registry;
  void SetUp() override {
    lmo::services::load_bundled_registry(lmo::test::source_dir() / "data" / "registry", store);
    registry = std::make_unique<lmo::services::RegistryService>(
        store, lmo::services::read_regional_blocs(lmo::test::source_dir() / "data"));
  }
  lmo::services::CheckReport check(const char* json) {
    return lmo::services::ShipmentCheck(rules, *registry).run(declaration(json));
  }
  static bool has(const lmo::services::CheckReport& report, std::string_view rule) {
    return std::any_of(report.findings.begin(), report.findings.end(), [&](const auto& f) { return f.rule == rule; });
  }
};

TEST_F(BorderCheckTest, RulesAndHintsAreData) {
  EXPECT_GE(rules.rules().size(), 30u);
  for (const auto& rule : rules.rules()) {
    EXPECT_FALSE(rule.legal_basis.empty()) << rule.id;
    EXPECT_FALSE(rule.requirement.resolve_or_empty("es").text.empty()) << rule.id;
  }
  ASSERT_TRUE(rules.hs_hint("1005.10"));
  EXPECT_EQ(rules.hs_hint("10051000")->indicates, "seed_for_sowing");
  EXPECT_EQ(rules.hs_hint("1005.90.00")->indicates, "grain_or_oilseed");
  EXPECT_FALSE(rules.hs_hint("8703.23"));
}

TEST_F(BorderCheckTest, CompleteMayContainDocumentsRelease) {
  auto report = check(R"({"importing_country":"DE","hs_code":"1201.90","declared_use":"food_feed_processing",
    "document_text":"May contain living modified organisms intended for direct use as food or feed, or for processing, not intended for intentional introduction into the environment.",
    "may_contain":[{"identifier":"MON-04032-6"}],"parties":{"contact_point":{"name":"Desk","address":"Port"}},"check_date":"2024-05-01"})");
  EXPECT_EQ(report.outcome, CheckOutcome::release);
  EXPECT_FALSE(has(report, "a.contains_or_may_contain"));
  ASSERT_EQ(report.lmos.size(), 1u);
  EXPECT_EQ(report.lmos[0].registry_key, "MON-Ø4Ø32-6");
}

TEST_F(BorderCheckTest, MissingStatementRequestsDocuments) {
  auto report = check(R"({"importing_country":"DE","declared_use":"food_feed_processing","document_text":"Soya beans, bulk",
    "parties":{"contact_point":{"name":"Desk","address":"Port"}},"check_date":"2024-05-01"})");
  EXPECT_EQ(report.outcome, CheckOutcome::request_documents);
  EXPECT_TRUE(has(report, "a.contains_or_may_contain"));
  EXPECT_TRUE(has(report, "a.not_for_introduction"));
}

TEST_F(BorderCheckTest, ApprovalForAnotherUseHolds) {
  auto report = check(R"({"importing_country":"DE","declared_use":"environment","lmos":[{"identifier":"MON-04032-6"}],
    "statements":{"identified_as_lmo":true,"traits_described":true,"conformity_declaration":true,"handling_requirements":"dry"},
    "parties":{"contact_point":{"name":"Desk","address":"Port"},"importer":{"name":"I"},"exporter":{"name":"E"}},"check_date":"2024-05-01"})");
  EXPECT_EQ(report.outcome, CheckOutcome::hold);
  EXPECT_TRUE(has(report, "lmo.other_uses_only") || has(report, "lmo.not_approved") || has(report, "lmo.no_decision"));
}

TEST_F(BorderCheckTest, SeedCodeDeclaredAsGrainIsSampled) {
  auto report = check(R"({"importing_country":"DE","hs_code":"1005.10","declared_use":"food_feed_processing",
    "document_text":"May contain living modified organisms; not intended for intentional introduction into the environment.",
    "parties":{"contact_point":{"name":"Desk","address":"Port"}},"check_date":"2024-05-01"})");
  EXPECT_EQ(report.outcome, CheckOutcome::sample_and_test);
  EXPECT_TRUE(has(report, "regime.seed_declared_as_grain"));
}

TEST_F(BorderCheckTest, JurisdictionOverridesAndAdditionsApplyOnlyThere) {
  lmo::test::TempDir rules_dir;
  std::filesystem::copy(lmo::test::source_dir() / "data" / "rules", rules_dir.path(),
                        std::filesystem::copy_options::recursive);
  lmo::test::write_file(rules_dir.path() / "countries" / "MX.json", R"json({
    "jurisdiction": "MX", "version": "test.1",
    "overrides": [{"rule": "a.identity_names", "severity": "mandatory", "legal_basis_addition": "national rule (test)"}],
    "additions": [{"id": "mx.permit_number", "regimes": ["food_feed_processing"], "severity": "mandatory",
                   "legal_basis": "national rule (test)", "requirement": {"en": "The permit number is stated."},
                   "recognised_phrases": {"en": ["permit number"], "es": ["número de permiso"]}}]})json");
  lmo::services::CheckRules local(rules_dir.path());
  const char* json = R"({"importing_country":"%s","declared_use":"food_feed_processing",
    "document_text":"May contain living modified organisms; not intended for intentional introduction into the environment.",
    "parties":{"contact_point":{"name":"Desk","address":"Port"}},"check_date":"2024-05-01"})";
  auto run = [&](const char* country) {
    char text[1024];
    std::snprintf(text, sizeof text, json, country);
    return lmo::services::ShipmentCheck(local, *registry).run(declaration(text));
  };
  auto mexico = run("MX");
  EXPECT_TRUE(has(mexico, "mx.permit_number"));
  EXPECT_EQ(mexico.outcome, CheckOutcome::request_documents);
  auto names = std::find_if(mexico.findings.begin(), mexico.findings.end(), [](const auto& f) { return f.rule == "a.identity_names"; });
  ASSERT_NE(names, mexico.findings.end());
  EXPECT_EQ(names->severity, "mandatory");
  EXPECT_NE(local.rule_in("a.identity_names", {"MX"})->legal_basis.find("national rule (test)"), std::string::npos);
  auto chile = run("CL");
  EXPECT_FALSE(has(chile, "mx.permit_number"));
  EXPECT_EQ(chile.outcome, CheckOutcome::release);
  auto with_permit = lmo::services::ShipmentCheck(local, *registry).run(declaration(R"({"importing_country":"MX","declared_use":"food_feed_processing",
    "document_text":"Puede contener organismos vivos modificados; no están destinados a ser introducidos intencionalmente en el medio ambiente. Número de permiso 123.",
    "lmos":[{"name":"MON87427"}],"parties":{"contact_point":{"name":"Desk","address":"Port"}},"check_date":"2024-05-01"})"));
  EXPECT_FALSE(has(with_permit, "mx.permit_number"));
}

TEST_F(BorderCheckTest, NationalTariffTablesRefineTheHarmonizedSystemOnlyInTheirJurisdiction) {
  lmo::test::TempDir rules_dir;
  std::filesystem::copy(lmo::test::source_dir() / "data" / "rules", rules_dir.path(),
                        std::filesystem::copy_options::recursive);
  std::filesystem::remove_all(rules_dir.path() / "hs_national");
  std::filesystem::create_directories(rules_dir.path() / "hs_national");
  // A made-up national split of 1005.90 (maize, not seed): one 8-digit code says "seed".
  lmo::test::write_file(rules_dir.path() / "hs_national" / "MX.json", R"json({"jurisdiction": "MX", "entries": [
    {"code": "1005.90.99", "description": {"en": "test seed code"}, "organism": "zea-mays", "indicates": "seed_for_sowing",
     "expected_uses": ["environment"]}]})json");
  lmo::services::CheckRules local(rules_dir.path());
  EXPECT_EQ(local.national_tables(), std::vector<std::string>{"MX"});
  EXPECT_EQ(local.hs_hint("1005.90.99")->indicates, "grain_or_oilseed");  // without the jurisdiction: HS only
  EXPECT_EQ(local.hs_hint("1005.90.99", {"MX"})->indicates, "seed_for_sowing");
  EXPECT_EQ(local.hs_hint("1005.90.11", {"MX"})->indicates, "grain_or_oilseed");  // not the national code
  const char* json = R"({"importing_country":"%s","declared_use":"food_feed_processing","hs_code":"1005.90.99",
    "document_text":"May contain living modified organisms; not intended for intentional introduction into the environment.",
    "parties":{"contact_point":{"name":"Desk","address":"Port"}},"check_date":"2024-05-01"})";
  auto run = [&](const char* country) {
    char text[1024];
    std::snprintf(text, sizeof text, json, country);
    return lmo::services::ShipmentCheck(local, *registry).run(declaration(text));
  };
  EXPECT_TRUE(has(run("MX"), "regime.seed_declared_as_grain"));
  EXPECT_FALSE(has(run("CL"), "regime.seed_declared_as_grain"));

  // Malformed national tables are refused, naming the file.
  lmo::test::write_file(rules_dir.path() / "hs_national" / "MX.json", R"json({"jurisdiction": "MX", "entries": [
    {"code": "1005.90", "organism": "zea-mays", "indicates": "seed_for_sowing"}]})json");
  try {
    lmo::services::CheckRules broken(rules_dir.path());
    FAIL() << "a 6-digit national code was accepted";
  } catch (const lmo::services::BundledDataError& error) {
    EXPECT_NE(std::string(error.what()).find("MX.json"), std::string::npos);
  }
  lmo::test::write_file(rules_dir.path() / "hs_national" / "MX.json", R"json({"jurisdiction": "US", "entries": []})json");
  EXPECT_THROW(lmo::services::CheckRules{rules_dir.path()}, lmo::services::BundledDataError);
}

TEST_F(BorderCheckTest, TransportRulesByModeAndInfectiousMicroOrganisms) {
  const char* base = R"({"importing_country":"DE","declared_use":"contained_use","organism_kind":"micro-organism","transport_mode":"%s",
    "document_text":"%s","statements":{"identified_as_lmo":true,"handling_requirements":"cold"},
    "parties":{"consignee":{"name":"Lab","address":"Street 1"}},"check_date":"2024-05-01"})";
  auto run = [&](const char* mode, const char* text) {
    char json[2048];
    std::snprintf(json, sizeof json, base, mode, text);
    return check(json);
  };
  auto detail = [](const lmo::services::CheckReport& r, std::string_view rule) {
    for (const auto& f : r.findings) {
      if (f.rule == rule) return f.detail;
    }
    return std::string("(absent)");
  };
  EXPECT_NE(detail(run("air", "GM E. coli strain for research"), "transport.un3245").find("PI 959"), std::string::npos);
  EXPECT_NE(detail(run("road", "GM E. coli strain for research"), "transport.un3245").find("P904"), std::string::npos);
  auto infectious = run("air", "Infectious substance, affecting humans (UN 2814), genetically modified strain");
  EXPECT_TRUE(has(infectious, "transport.division_6_2"));
  EXPECT_FALSE(has(infectious, "transport.un3245"));
}
