// Screening-matrix service: request JSON → response JSON for interpretation (with the
// authorisation overlay), panel design and the matrix description, on a laboratory CSV
// matrix and on the registry's; every refused request names its field; no response holds a
// non-finite number.
#include "services/screening_matrix_service.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "services/registry_loader.hpp"
#include "test_support.hpp"

namespace json = boost::json;
using lmo::domain::AuthorisationStatus;
using lmo::domain::FieldError;
using lmo::domain::ScreeningMatrix;
using lmo::domain::Use;
using lmo::services::ApprovalLookup;
using lmo::services::describe_matrix;
using lmo::services::design_panel;
using lmo::services::interpret_screening;
using lmo::services::ServiceResult;

namespace {

const char* kLabMatrix =
    "method,cost,kind,MON810,NK603,GA21,Bt11,T25,GTS-40-3-2,MON89788,MS8\n"
    "P-35S,1,element,1,1,0,1,1,1,0,0\n"
    "T-nos,1,element,0,1,1,1,0,1,0,1\n"
    "P-FMV,1,element,0,0,0,0,0,0,1,0\n"
    "bar,1,element,0,0,0,0,0,0,0,1\n"
    "pat,1,element,0,0,0,1,1,0,0,0\n"
    "CP4-EPSPS,1,element,0,1,0,0,0,1,1,0\n"
    "cry1Ab,1,element,1,0,0,1,0,0,0,0\n"
    "MON810-event,3,event,1,0,0,0,0,0,0,0\n"
    "CaMV,2,virus_marker,0,0,0,0,0,0,0,0\n";

void expect_finite_numbers(const json::value& value) {
  if (value.is_double()) {
    EXPECT_TRUE(std::isfinite(value.get_double()));
  }
  if (value.is_object()) {
    for (const auto& member : value.get_object()) expect_finite_numbers(member.value());
  }
  if (value.is_array()) {
    for (const auto& item : value.get_array()) expect_finite_numbers(item);
  }
}

json::object ok(const ServiceResult& result) {
  if (const auto* error = lmo::domain::error_of(result)) {
    ADD_FAILURE() << error->field << ": " << error->message;
    return {};
  }
  const auto& value = std::get<json::value>(result);
  expect_finite_numbers(value);
  return value.as_object();
}

FieldError refused(const ServiceResult& result) {
  const auto* error = lmo::domain::error_of(result);
  if (!error) {
    ADD_FAILURE() << "accepted: " << json::serialize(std::get<json::value>(result));
    return {};
  }
  return *error;
}

json::value request(std::string_view text) {
  json::object object = json::parse(text).as_object();
  object["matrix_csv"] = kLabMatrix;
  return object;
}

std::vector<std::string> strings(const json::value& array) {
  std::vector<std::string> out;
  for (const auto& item : array.as_array()) out.emplace_back(item.as_string());
  return out;
}

using Names = std::vector<std::string>;

}  // namespace

TEST(ScreeningMatrixService, InterpretsALabMatrix) {
  auto out = ok(interpret_screening(
      request(R"({"results": {"P-35S": "positive", "T-nos": "positive", "bar": "negative", "cry1Ab": "positive",
                               "pat": "negative", "CP4-EPSPS": "negative", "MON810-event": "untested"}})"),
      nullptr));
  EXPECT_EQ(out["matrix"], json::parse(R"({"source": "request", "events": 8, "methods": 9})"));
  EXPECT_EQ(strings(out["positives"]), (Names{"P-35S", "T-nos", "cry1Ab"}));
  EXPECT_EQ(strings(out["negatives"]), (Names{"bar", "pat", "CP4-EPSPS"}));
  EXPECT_EQ(out["excluded"].as_array().size(), 6u);
  EXPECT_EQ(out["excluded"].as_array()[0], json::parse(R"({"event": "NK603", "label": "NK603", "by": ["CP4-EPSPS"]})"));
  EXPECT_EQ(out["candidates"], json::parse(R"([
      {"event": "MON810", "label": "MON810", "explains": ["P-35S", "cry1Ab"], "in_every_explanation": true},
      {"event": "GA21", "label": "GA21", "explains": ["T-nos"], "in_every_explanation": true}])"));
  EXPECT_EQ(out["unexplained_positives"], json::array());
  EXPECT_EQ(out["possible_unauthorised_gmo"], false);
  auto ex = out["minimum_explanations"].as_object();
  EXPECT_EQ(ex["status"], "complete");
  EXPECT_EQ(ex["size"], 2);
  EXPECT_EQ(ex["count"], 1);
  EXPECT_EQ(ex["listed"], json::parse(R"([["MON810", "GA21"]])"));
  EXPECT_EQ(ex["listed_all"], true);
  EXPECT_EQ(ex["in_every"], json::parse(R"(["MON810", "GA21"])"));
  // MON810-event was "untested" explicitly: still a next test.
  auto next = out["next_tests"].as_object();
  EXPECT_EQ(next["basis"], "candidates");
  ASSERT_EQ(next["tests"].as_array().size(), 1u);
  auto test = next["tests"].as_array()[0].as_object();
  EXPECT_EQ(test["method"], "MON810-event");
  EXPECT_EQ(test["kind"], "event");
  EXPECT_EQ(test["cost"], 3.0);
  EXPECT_EQ(test["information_bits"], 1.0);
  EXPECT_EQ(test["detected_candidates"], 1);
  EXPECT_EQ(out["authorisation"], nullptr);
  EXPECT_EQ(out["explanation"],
            "3 positive results and 3 negatives: 6 of 8 events excluded, 2 candidates remaining. The smallest "
            "explanation of the positives has 2 events; there is one such explanation. Every smallest explanation "
            "contains MON810 and GA21. Next test: MON810-event (1.00 bits, cost 3).");
}

TEST(ScreeningMatrixService, UnexplainedPositiveAsksForTheVirusMarker) {
  auto out = ok(interpret_screening(
      request(R"({"results": [{"method": "P-35S", "result": "positive"}, {"method": "cry1Ab", "result": "negative"},
                              {"method": "pat", "result": "negative"}, {"method": "CP4-EPSPS", "result": "negative"},
                              {"method": "T-nos", "result": "negative"}]})"),
      nullptr));
  EXPECT_EQ(out["possible_unauthorised_gmo"], true);
  ASSERT_EQ(out["unexplained_positives"].as_array().size(), 1u);
  auto u = out["unexplained_positives"].as_array()[0].as_object();
  EXPECT_EQ(u["method"], "P-35S");
  EXPECT_EQ(u["assessment"], "check_plant_virus");
  EXPECT_EQ(u["virus"], "Cauliflower mosaic virus");
  EXPECT_EQ(u["virus_markers"], json::parse(R"([{"method": "CaMV", "result": "untested"}])"));
  EXPECT_EQ(u["explanation"],
            "P-35S is positive, but every event it detects is excluded by a negative result: possibly an unauthorised "
            "GMO, or Cauliflower mosaic virus, which carries the same sequence — run the virus marker CaMV.");
  EXPECT_EQ(out["minimum_explanations"].as_object()["status"], "nothing_to_explain");
  EXPECT_EQ(out["minimum_explanations"].as_object()["size"], 0);

  out = ok(interpret_screening(request(R"({"results": {"P-35S": "positive", "cry1Ab": "negative", "pat": "negative",
                                                       "CP4-EPSPS": "negative", "T-nos": "negative", "CaMV": "positive"}})"),
                               nullptr));
  u = out["unexplained_positives"].as_array()[0].as_object();
  EXPECT_EQ(u["assessment"], "plant_virus_marker_positive");
  EXPECT_EQ(u["virus_markers"], json::parse(R"([{"method": "CaMV", "result": "positive"}])"));
}

TEST(ScreeningMatrixService, AuthorisationOverlay) {
  std::vector<std::tuple<std::string, std::string, Use>> asked;
  ApprovalLookup lookup = [&](const std::string& event, const std::string& country, Use use) {
    asked.emplace_back(event, country, use);
    if (event == "MON810") return AuthorisationStatus::approved;
    if (event == "GA21") return AuthorisationStatus::not_approved;
    return AuthorisationStatus::unknown;
  };
  auto body = request(R"({"results": {"P-35S": "positive", "T-nos": "positive", "bar": "negative", "cry1Ab": "positive",
                                      "pat": "negative", "CP4-EPSPS": "negative"}, "country": "DE", "use": "feed"})");
  auto out = ok(interpret_screening(body, nullptr, lookup));
  ASSERT_EQ(asked.size(), 2u);
  EXPECT_EQ(std::get<1>(asked[0]), "DE");
  EXPECT_EQ(std::get<2>(asked[0]), Use::feed);
  EXPECT_EQ(out["candidates"].as_array()[0].as_object()["authorisation"], "approved");
  EXPECT_EQ(out["candidates"].as_array()[1].as_object()["authorisation"], "not_approved");
  auto a = out["authorisation"].as_object();
  EXPECT_EQ(a["status"], "applied");
  EXPECT_EQ(a["country"], "DE");
  EXPECT_EQ(a["use"], "feed");
  EXPECT_EQ(a["conclusion"], "not_approved_event_needed");
  EXPECT_EQ(a["positives_with_not_approved_events_only"], json::parse(R"(["T-nos"])"));
  EXPECT_EQ(a["not_approved_in_every_explanation"], json::parse(R"(["GA21"])"));
  EXPECT_EQ(a["explanation"],
            "Only events not approved in DE for feed explain T-nos. Every smallest explanation contains GA21, not approved.");

  // Country without use: food. No lookup wired: unavailable.
  body.as_object().erase("use");
  out = ok(interpret_screening(body, nullptr, lookup));
  EXPECT_EQ(std::get<2>(asked.back()), Use::food);
  out = ok(interpret_screening(body, nullptr));
  EXPECT_EQ(out["authorisation"].as_object()["status"], "unavailable");
  EXPECT_FALSE(out["candidates"].as_array()[0].as_object().contains("authorisation"));
}

TEST(ScreeningMatrixService, RefusedInterpretationRequests) {
  struct Case {
    std::string body;
    std::string field;
    std::string message;
  };
  const Case cases[] = {
      {R"({"results": [{"method": "P-35S", "result": "positive"}, {"method": "P-35S", "result": "negative"}]})",
       "results.P-35S", "is given as both positive and negative"},
      {R"({"results": {"XYZ": "positive"}})", "results.XYZ", "is not a method of the matrix"},
      {R"({"results": {"P-35S": "pos"}})", "results.P-35S", "must be one of: positive, negative, untested"},
      {R"({"results": {"P-35S": 1}})", "results.P-35S", "must be a string"},
      {R"({"results": "P-35S"})", "results", "must be an object or an array"},
      {R"({"results": [{"result": "positive"}]})", "results[0].method", "is required"},
      {R"({"results": [{"method": "P-35S", "result": "positive", "note": 1}]})", "results[0].note", "is not a known field"},
      {R"({"results": [7]})", "results[0]", "must be a JSON object"},
      {R"({"colour": "red"})", "colour", "is not a known field"},
      {R"({"country": "de"})", "country", "must be an ISO 3166-1 alpha-2 code such as DE, or EU"},
      {R"({"country": "DEU"})", "country", "must be at most 2 characters"},
      {R"({"use": "food"})", "country", "is required when use is given"},
      {R"({"country": "DE", "use": "eating"})", "use",
       "must be one of: food, feed, processing, release, field_trial, contained_use, transit, other"},
      {R"({"max_explanations": -1})", "max_explanations", "must be between 0 and 1000"},
      {R"({"max_next_tests": 1.5})", "max_next_tests", "must be a whole number"},
  };
  for (const auto& c : cases) {
    FieldError error = refused(interpret_screening(request(c.body), nullptr));
    EXPECT_EQ(error.field, c.field) << c.body;
    EXPECT_EQ(error.message, c.message) << c.body;
  }
  // The CSV itself.
  FieldError error = refused(interpret_screening(json::parse(R"({"matrix_csv": "method,E1\nP-35S,x\n"})"), nullptr));
  EXPECT_EQ(error.field, "matrix_csv");
  EXPECT_EQ(error.message, "row 2 (method P-35S), column E1: must be 0 or 1");
  error = refused(interpret_screening(json::parse(R"({"matrix_csv": ""})"), nullptr));
  EXPECT_EQ(error.field, "matrix_csv");
  error = refused(interpret_screening(json::parse(R"({"results": {}})"), nullptr));
  EXPECT_EQ(error.field, "matrix_csv");
  EXPECT_EQ(error.message, "is required (no registry matrix is available)");
  EXPECT_EQ(refused(interpret_screening(json::parse("[]"), nullptr)).field, "body");
}

TEST(ScreeningMatrixService, DesignsAPanel) {
  auto out = ok(design_panel(request("{}"), nullptr));
  EXPECT_EQ(out["status"], "optimal");
  EXPECT_EQ(out["targets"], 8);
  EXPECT_EQ(out["required"], 7);
  EXPECT_EQ(out["coverage_goal_percent"], 80.0);
  EXPECT_EQ(out["max_methods"], 5);
  auto panel = out["panel"].as_object();
  EXPECT_EQ(panel["cost"], 2.0);
  EXPECT_EQ(panel["covered"], 7);
  EXPECT_EQ(panel["coverage_percent"], 87.5);
  EXPECT_EQ(panel["methods"], json::parse(R"([
      {"method": "P-35S", "label": "P-35S", "kind": "element", "cost": 1.0, "detected_targets": 5},
      {"method": "T-nos", "label": "T-nos", "kind": "element", "cost": 1.0, "detected_targets": 5}])"));
  EXPECT_EQ(out["uncovered_targets"], json::parse(R"(["MON89788"])"));
  EXPECT_EQ(out["undetectable_targets"], json::array());
  ASSERT_EQ(out["coverage_curve"].as_array().size(), 5u);
  EXPECT_EQ(out["coverage_curve"].as_array()[1], json::parse(R"({"max_methods": 2, "covered": 7, "coverage_percent": 87.5,
      "cost": 2.0, "methods": ["P-35S", "T-nos"], "exact": true})"));
  EXPECT_EQ(out["explanation"],
            "The cheapest panel detecting at least 80 % of 8 target events (7 of them) with at most 5 methods costs 2: "
            "P-35S and T-nos; it detects 7 of 8.");

  // Targets, candidate methods and costs from the request.
  out = ok(design_panel(request(R"({"targets": ["NK603", "GTS-40-3-2", "MON89788"], "coverage": 100,
                                    "costs": {"CP4-EPSPS": 5}, "max_methods": 2})"),
                        nullptr));
  EXPECT_EQ(out["panel"].as_object()["cost"], 2.0);
  EXPECT_EQ(out["panel"].as_object()["methods"].as_array()[1].as_object()["method"], "P-FMV");
  out = ok(design_panel(request(R"({"methods": ["P-FMV", "bar"], "coverage": 100})"), nullptr));
  EXPECT_EQ(out["status"], "infeasible");
  EXPECT_EQ(out["panel"], nullptr);
  EXPECT_EQ(out["undetectable_targets"].as_array().size(), 6u);
  EXPECT_EQ(out["explanation"],
            "No panel detects at least 100 % of 8 target events (8 of them) with at most 5 methods: the most any 5 "
            "methods detect is 2. 6 target events no candidate method detects.");
}

TEST(ScreeningMatrixService, RefusedPanelRequests) {
  struct Case {
    std::string body;
    std::string field;
    std::string message;
  };
  const Case cases[] = {
      {R"({"targets": ["MON810", "ZZZ"]})", "targets[1]", "is not an event of the matrix"},
      {R"({"targets": ["MON810", "MON810"]})", "targets[1]", "is listed twice"},
      {R"({"targets": "MON810"})", "targets", "must be an array"},
      {R"({"methods": ["P-35S", "Q"]})", "methods[1]", "is not a method of the matrix"},
      {R"({"costs": {"Q": 1}})", "costs.Q", "is not a method of the matrix"},
      {R"({"costs": {"P-35S": 0}})", "costs.P-35S", "must be above 0"},
      {R"({"costs": {"P-35S": -2}})", "costs.P-35S", "must be between 0 and 1000000000"},
      {R"({"costs": {"P-35S": "cheap"}})", "costs.P-35S", "must be a number"},
      {R"({"costs": [1]})", "costs", "must be an object"},
      {R"({"coverage": 0})", "coverage", "must be above 0 and at most 100"},
      {R"({"coverage": 100.5})", "coverage", "must be between 0 and 100"},
      {R"({"max_methods": 0})", "max_methods", "must be between 1 and 20"},
      {R"({"max_methods": 21})", "max_methods", "must be between 1 and 20"},
      {R"({"results": {}})", "results", "is not a known field"},
  };
  for (const auto& c : cases) {
    FieldError error = refused(design_panel(request(c.body), nullptr));
    EXPECT_EQ(error.field, c.field) << c.body;
    EXPECT_EQ(error.message, c.message) << c.body;
  }
  EXPECT_EQ(refused(design_panel(json::parse("{}"), nullptr)).field, "matrix_csv");
}

namespace {

const ScreeningMatrix& registry_matrix() {
  static const auto registry = lmo::services::read_bundled_registry(lmo::test::source_dir() / "data" / "registry");
  static const auto matrix =
      std::get<ScreeningMatrix>(lmo::domain::build_matrix_from_registry(registry.methods, registry.lmos, registry.elements));
  return matrix;
}

}  // namespace

TEST(ScreeningMatrixService, RegistryMatrix) {
  const auto& matrix = registry_matrix();
  auto out = ok(interpret_screening(json::parse(R"({"results": {"QT-ELE-00-004": "positive", "QT-ELE-00-003": "positive",
                                                                  "QT-EVE-ZM-020": "positive", "QT-ELE-00-002": "negative"}})"),
                                    &matrix));
  EXPECT_EQ(out["matrix"], json::parse(R"({"source": "registry", "events": 108, "methods": 89})"));
  EXPECT_EQ(out["minimum_explanations"].as_object()["size"], 1);
  bool has_mon810 = false;
  for (const auto& c : out["candidates"].as_array()) {
    if (c.as_object().at("event") == "MON-ØØ81Ø-6") {
      has_mon810 = true;
      EXPECT_EQ(c.as_object().at("label"), "MON810");
      EXPECT_EQ(c.as_object().at("explains"), json::parse(R"(["QT-EVE-ZM-020", "QT-ELE-00-004", "QT-ELE-00-003"])"));
    }
  }
  EXPECT_TRUE(has_mon810);
  // A lab CSV in the request replaces the registry's matrix.
  auto lab = ok(interpret_screening(request("{}"), &matrix));
  EXPECT_EQ(lab["matrix"].as_object()["source"], "request");

  // Targets by event name (label) or key; GMOtrack defaults.
  out = ok(design_panel(json::parse(R"({"targets": ["MON810", "NK603", "GA21", "MON-ØØ863-5"], "coverage": 100})"), &matrix));
  EXPECT_EQ(out["status"], "optimal");
  EXPECT_EQ(out["panel"].as_object()["covered"], 4);

  auto description = ok(describe_matrix(matrix));
  EXPECT_EQ(description["event_count"], 108);
  EXPECT_EQ(description["method_count"], 89);
  EXPECT_EQ(description["events"].as_array()[0], json::parse(R"({"name": "MON-ØØ81Ø-6", "label": "MON810"})"));
  bool saw_marker = false;
  for (const auto& method : description["methods"].as_array()) {
    const auto& m = method.as_object();
    if (m.at("name") == "QL-TAX-CaMVF/CaMVR") {
      saw_marker = true;
      EXPECT_EQ(m.at("kind"), "virus_marker");
      EXPECT_EQ(m.at("virus"), "Cauliflower mosaic virus");
      EXPECT_EQ(m.at("detects"), json::array());
    }
    if (m.at("name") == "QT-EVE-ZM-020") {
      EXPECT_EQ(m.at("virus"), nullptr);
      EXPECT_EQ(m.at("detects").as_array()[0], "MON-ØØ81Ø-6");
    }
  }
  EXPECT_TRUE(saw_marker);
}
