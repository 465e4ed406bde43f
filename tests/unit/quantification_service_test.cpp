// Quantification services: request JSON → response JSON (qPCR with the chart data, dPCR with the
// domain.md oracle, compliance decisions against the bundled thresholds), never a NaN or an
// infinity in a response, and every bad request naming its field. Also the threshold table:
// the bundled file loads, and malformed files are refused with a BundledDataError.
#include "services/quantification_service.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "services/data_file.hpp"
#include "test_support.hpp"

namespace lmo::services {
namespace {

namespace json = boost::json;

const double perfect_slope = -1.0 / std::log10(2.0);

json::value parse(std::string_view text) { return json::parse(text); }

// Every number in a response is finite.
void expect_finite(const json::value& value, const std::string& where = "") {
  if (value.is_double()) {
    EXPECT_TRUE(std::isfinite(value.get_double())) << where;
  }
  if (value.is_object()) {
    for (const auto& member : value.get_object())
      expect_finite(member.value(), where + "." + std::string(member.key()));
  }
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.get_array().size(); ++i) {
      expect_finite(value.get_array()[i], where + "[" + std::to_string(i) + "]");
    }
  }
}

json::value ok(const ServiceResult& result) {
  if (const auto* error = domain::error_of(result)) {
    ADD_FAILURE() << error->field << ": " << error->message;
    return nullptr;
  }
  const auto& value = std::get<json::value>(result);
  expect_finite(value);
  return value;
}

std::string field_of(const ServiceResult& result) {
  const auto* error = domain::error_of(result);
  return error ? error->field : "<no error>";
}

double number(const json::value& value) { return value.to_number<double>(); }

json::array perfect_curve(double intercept) {
  json::array points;
  for (double copies : {10.0, 100.0, 1000.0, 10000.0, 100000.0}) {
    points.push_back({{"copies", copies}, {"cq", intercept + perfect_slope * std::log10(copies)}});
  }
  return points;
}

double cq_for(double intercept, double copies) { return intercept + perfect_slope * std::log10(copies); }

ThresholdTable bundled() { return ThresholdTable(test::source_dir() / "data" / "lab" / "thresholds.json"); }

// ---- qPCR -------------------------------------------------------------------------------

TEST(QuantificationService, QpcrSharedCurveGivesExactGmPercent) {
  json::object request{{"curve", perfect_curve(38)},
                       {"event_cq", {cq_for(38, 120), cq_for(38, 80)}},
                       {"reference_cq", {cq_for(38, 10000), cq_for(38, 10000)}}};
  auto response = ok(quantify_qpcr(request));
  EXPECT_TRUE(response.at("shared_curve").as_bool());
  EXPECT_NEAR(number(response.at("gm_percent")), 1.0, 1e-9);  // mean(120, 80) / 10000
  const auto& event = response.at("event").as_object();
  EXPECT_NEAR(number(event.at("mean_copies")), 100.0, 1e-8);
  EXPECT_NEAR(number(event.at("replicates").at(0).at("copies")), 120.0, 1e-8);
  EXPECT_FALSE(event.at("extrapolated").as_bool());
  const auto& curve = event.at("curve").as_object();
  EXPECT_NEAR(number(curve.at("efficiency_percent")), 100.0, 1e-9);
  EXPECT_NEAR(number(curve.at("slope")), perfect_slope, 1e-12);
  EXPECT_EQ(curve.at("status").as_string(), "accepted");
  EXPECT_EQ(curve.at("calibrants").as_array().size(), 5u);
  EXPECT_NEAR(number(curve.at("calibrants").at(2).at("residual")), 0.0, 1e-9);
  EXPECT_NEAR(number(curve.at("line").at("log10_copies_max")), 5.0, 1e-12);
  EXPECT_NEAR(number(curve.at("line").at("cq_at_min")), cq_for(38, 10), 1e-9);
  EXPECT_TRUE(response.at("warnings").as_array().empty());
  EXPECT_NE(response.at("explanation").as_string().find("= 1 %"), json::string::npos);
  EXPECT_EQ(response.at("acceptance").at("min_r_squared").as_double(), 0.98);
}

TEST(QuantificationService, QpcrTwoCurvesWithWarnings) {
  // Reference curve at about 80 % efficiency (slope −3.9); an event Cq beyond the calibrants.
  json::array reference_curve;
  for (double copies : {100.0, 1000.0, 10000.0, 100000.0}) {
    reference_curve.push_back({{"copies", copies}, {"cq", 40 - 3.9 * std::log10(copies)}});
  }
  json::object request{{"event_curve", perfect_curve(37)},
                       {"reference_curve", reference_curve},
                       {"event_cq", {cq_for(37, 5), cq_for(37, 15)}},
                       {"reference_cq", {40 - 3.9 * 4}}};
  auto response = ok(quantify_qpcr(request));
  EXPECT_FALSE(response.at("shared_curve").as_bool());
  EXPECT_NEAR(number(response.at("gm_percent")), 100.0 * 10 / 10000, 1e-9);
  EXPECT_EQ(response.at("reference").at("curve").at("status").as_string(), "outside_acceptance");
  EXPECT_TRUE(response.at("event").at("replicates").at(0).at("extrapolated").as_bool());
  EXPECT_FALSE(response.at("event").at("replicates").at(1).at("extrapolated").as_bool());
  const auto& warnings = response.at("warnings").as_array();
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].at("code").as_string(), "efficiency_below_range");
  EXPECT_EQ(warnings[0].at("target").as_string(), "reference");
  EXPECT_EQ(warnings[1].at("code").as_string(), "extrapolated");
  EXPECT_EQ(warnings[1].at("target").as_string(), "event");
  EXPECT_NE(response.at("explanation").as_string().find("below 90 %"), json::string::npos);

  // The laboratory's own criteria accept the same curve.
  request["acceptance"] = {{"min_efficiency_percent", 75}};
  auto relaxed = ok(quantify_qpcr(request));
  EXPECT_EQ(relaxed.at("reference").at("curve").at("status").as_string(), "accepted");
  EXPECT_EQ(number(relaxed.at("acceptance").at("min_efficiency_percent")), 75.0);
}

TEST(QuantificationService, QpcrMoreEventThanReferenceIsFlagged) {
  json::object request{
      {"curve", perfect_curve(38)}, {"event_cq", {cq_for(38, 2000)}}, {"reference_cq", {cq_for(38, 1000)}}};
  auto response = ok(quantify_qpcr(request));
  EXPECT_NEAR(number(response.at("gm_percent")), 200.0, 1e-8);
  EXPECT_EQ(response.at("warnings").at(0).at("code").as_string(), "gm_percent_above_100");
}

TEST(QuantificationService, QpcrBadRequestsNameTheirField) {
  auto base = [] { return json::object{{"curve", perfect_curve(38)}, {"event_cq", {25.0}}, {"reference_cq", {20.0}}}; };
  auto with = [&](auto change) {
    auto request = base();
    change(request);
    return field_of(quantify_qpcr(request));
  };
  EXPECT_EQ(field_of(quantify_qpcr(parse("[1, 2]"))), "body");
  EXPECT_EQ(with([](json::object& r) { r["colour"] = "blue"; }), "colour");
  EXPECT_EQ(with([](json::object& r) { r["event_curve"] = perfect_curve(38); }), "curve");
  EXPECT_EQ(with([](json::object& r) { r.erase("curve"); }), "curve");
  EXPECT_EQ(with([](json::object& r) {
              r["event_curve"] = r.at("curve");
              r.erase("curve");
            }),
            "reference_curve");
  EXPECT_EQ(with([](json::object& r) { r["curve"].as_array()[1].as_object()["copies"] = 0; }), "curve[1].copies");
  EXPECT_EQ(with([](json::object& r) { r["curve"].as_array()[2].as_object()["cq"] = 60; }), "curve[2].cq");
  EXPECT_EQ(with([](json::object& r) { r["curve"].as_array()[0] = 5; }), "curve[0]");
  EXPECT_EQ(with([](json::object& r) { r["curve"].as_array()[0].as_object()["well"] = "A1"; }), "curve[0].well");
  EXPECT_EQ(with([](json::object& r) {
              r["curve"] = json::array{{{"copies", 10}, {"cq", 30}}, {{"copies", 100}, {"cq", 27}}};
            }),
            "curve");
  EXPECT_EQ(with([](json::object& r) {
              r["curve"] = json::array{
                  {{"copies", 10}, {"cq", 30}}, {{"copies", 100}, {"cq", 30}}, {{"copies", 1000}, {"cq", 30}}};
            }),
            "curve");
  EXPECT_EQ(with([](json::object& r) {
              r.erase("curve");
              r["event_curve"] = perfect_curve(38);
              r["reference_curve"] = json::array{
                  {{"copies", 10}, {"cq", 20}}, {{"copies", 100}, {"cq", 23}}, {{"copies", 1000}, {"cq", 26}}};
            }),
            "reference_curve");
  EXPECT_EQ(with([](json::object& r) { r["event_cq"] = json::array(); }), "event_cq");
  EXPECT_EQ(with([](json::object& r) { r["event_cq"] = {25.0, 61.0}; }), "event_cq[1]");
  EXPECT_EQ(with([](json::object& r) { r["event_cq"] = json::array{"25"}; }), "event_cq[0]");
  EXPECT_EQ(with([](json::object& r) { r.erase("reference_cq"); }), "reference_cq");
  EXPECT_EQ(with([](json::object& r) { r["acceptance"] = {{"min_r_squared", 2}}; }), "acceptance.min_r_squared");
  EXPECT_EQ(with([](json::object& r) {
              r["acceptance"] = {{"min_efficiency_percent", 95}, {"max_efficiency_percent", 90}};
            }),
            "acceptance.max_efficiency_percent");
  EXPECT_EQ(with([](json::object& r) { r["acceptance"] = {{"min_slope", -3}}; }), "acceptance.min_slope");
}

// ---- digital PCR ------------------------------------------------------------------------

TEST(QuantificationService, DpcrOracleThroughTheService) {
  auto response = ok(quantify_dpcr(parse(
      R"({"target": {"positive": 8000, "partitions": 20000, "partition_volume_nl": 1, "reaction_volume_ul": 20}})")));
  const auto& target = response.at("target").as_object();
  EXPECT_EQ(target.at("status").as_string(), "quantified");
  EXPECT_NEAR(number(target.at("copies_per_partition").at("estimate")), 0.51, 0.005);
  EXPECT_NEAR(number(target.at("copies_per_ul").at("estimate")), 510.0, 5.0);
  EXPECT_NEAR(number(target.at("copies_in_reaction").at("estimate")), 10216.5, 1.0);
  EXPECT_LT(number(target.at("copies_per_ul").at("lower")), 510.8);
  EXPECT_GT(number(target.at("copies_per_ul").at("upper")), 510.9);
  EXPECT_EQ(response.at("interval_method").as_string(), "clopper_pearson");
  EXPECT_FALSE(response.as_object().contains("gm_percent"));
  EXPECT_NE(response.at("explanation").as_string().find("510.8 copies/µL"), json::string::npos);
}

TEST(QuantificationService, DpcrSaturatedRunHasNoEstimate) {
  auto response =
      ok(quantify_dpcr(parse(R"({"target": {"positive": 500, "partitions": 500, "partition_volume_nl": 0.85}})")));
  const auto& target = response.at("target").as_object();
  EXPECT_EQ(target.at("status").as_string(), "saturated");
  EXPECT_TRUE(target.at("copies_per_ul").at("estimate").is_null());
  EXPECT_TRUE(target.at("copies_per_ul").at("upper").is_null());
  EXPECT_GT(number(target.at("copies_per_ul").at("lower")), 0.0);
  EXPECT_NE(response.at("explanation").as_string().find("above the measurable range"), json::string::npos);
}

TEST(QuantificationService, DpcrGmPercentFromTwoTargets) {
  auto response = ok(quantify_dpcr(parse(R"({
      "target": {"positive": 90, "partitions": 18000, "partition_volume_nl": 0.85},
      "reference": {"positive": 9000, "partitions": 18000, "partition_volume_nl": 0.85},
      "confidence": 0.9})")));
  const auto& gm = response.at("gm_percent").as_object();
  EXPECT_EQ(gm.at("status").as_string(), "quantified");
  EXPECT_NEAR(number(gm.at("estimate")), 100 * std::log1p(-90.0 / 18000) / std::log1p(-0.5), 1e-9);
  EXPECT_LT(number(gm.at("lower")), number(gm.at("estimate")));
  EXPECT_GT(number(gm.at("upper")), number(gm.at("estimate")));
  EXPECT_NEAR(number(gm.at("per_target_confidence")), 0.95, 1e-15);
  EXPECT_EQ(gm.at("interval_method").as_string(), "bonferroni_clopper_pearson_ratio");

  auto absent = ok(quantify_dpcr(parse(R"({
      "target": {"positive": 90, "partitions": 18000, "partition_volume_nl": 0.85},
      "reference": {"positive": 0, "partitions": 18000, "partition_volume_nl": 0.85}})")));
  EXPECT_EQ(absent.at("gm_percent").at("status").as_string(), "reference_not_detected");
  EXPECT_TRUE(absent.at("gm_percent").at("estimate").is_null());
  EXPECT_TRUE(absent.at("gm_percent").at("upper").is_null());
}

TEST(QuantificationService, DpcrBadRequestsNameTheirField) {
  auto field = [](std::string_view text) { return field_of(quantify_dpcr(parse(text))); };
  EXPECT_EQ(field("{}"), "target");
  EXPECT_EQ(field(R"({"target": 5})"), "target");
  EXPECT_EQ(field(R"({"target": {"positive": 1, "partitions": 10, "partition_volume_nl": 1}, "dye": "FAM"})"), "dye");
  EXPECT_EQ(field(R"({"target": {"partitions": 10, "partition_volume_nl": 1}})"), "target.positive");
  EXPECT_EQ(field(R"({"target": {"positive": 11, "partitions": 10, "partition_volume_nl": 1}})"), "target.positive");
  EXPECT_EQ(field(R"({"target": {"positive": 1.5, "partitions": 10, "partition_volume_nl": 1}})"), "target.positive");
  EXPECT_EQ(field(R"({"target": {"positive": 1, "partitions": 0, "partition_volume_nl": 1}})"), "target.partitions");
  EXPECT_EQ(field(R"({"target": {"positive": 1, "partitions": 10, "partition_volume_nl": 0}})"),
            "target.partition_volume_nl");
  EXPECT_EQ(
      field(R"({"target": {"positive": 1, "partitions": 10, "partition_volume_nl": 1, "reaction_volume_ul": 0.001}})"),
      "target.reaction_volume_ul");
  EXPECT_EQ(field(R"({"target": {"positive": 1, "partitions": 10, "partition_volume_nl": 1, "dilution_factor": 0}})"),
            "target.dilution_factor");
  EXPECT_EQ(field(R"({"target": {"positive": 1, "partitions": 10, "partition_volume_nl": 1, "well": "A1"}})"),
            "target.well");
  EXPECT_EQ(field(R"({"target": {"positive": 1, "partitions": 10, "partition_volume_nl": 1},
                      "reference": {"positive": 1, "partitions": 0, "partition_volume_nl": 1}})"),
            "reference.partitions");
  EXPECT_EQ(field(R"({"target": {"positive": 1, "partitions": 10, "partition_volume_nl": 1}, "confidence": 1})"),
            "confidence");
}

// ---- compliance -------------------------------------------------------------------------

TEST(QuantificationService, DecideAgainstTheEuLabellingThreshold) {
  auto thresholds = bundled();
  auto inconclusive = ok(decide_compliance(
      parse(R"({"value": 1.1, "rsd_precision": 10, "rsd_bias": 5, "threshold": "eu-labelling"})"), thresholds));
  EXPECT_EQ(inconclusive.at("decision").as_string(), "inconclusive");
  EXPECT_EQ(inconclusive.at("rule").as_string(), "interval_includes_threshold");
  EXPECT_EQ(inconclusive.at("inequality").as_string(), "x − U = 0.854 ≤ T = 0.9 < x + U = 1.346");
  EXPECT_NEAR(number(inconclusive.at("uncertainty").at("expanded")), 2 * std::hypot(0.11, 0.055), 1e-12);
  EXPECT_NEAR(number(inconclusive.at("interval").at("lower")), 1.1 - 2 * std::hypot(0.11, 0.055), 1e-12);
  const auto& threshold = inconclusive.at("threshold").as_object();
  EXPECT_EQ(threshold.at("id").as_string(), "eu-labelling");
  EXPECT_EQ(threshold.at("kind").as_string(), "percent");
  EXPECT_EQ(number(threshold.at("percent")), 0.9);
  EXPECT_EQ(threshold.at("jurisdiction").as_string(), "EU");
  EXPECT_FALSE(threshold.at("source").as_array().empty());
  EXPECT_NE(inconclusive.at("explanation").as_string().find("eu-labelling"), json::string::npos);

  auto above = ok(decide_compliance(
      parse(R"({"value": 1.5, "rsd_precision": 10, "rsd_bias": 5, "threshold": "eu-labelling"})"), thresholds));
  EXPECT_EQ(above.at("decision").as_string(), "non_compliant");
  EXPECT_EQ(above.at("inequality").as_string(), "x − U = 1.165 > T = 0.9");

  auto below = ok(decide_compliance(
      parse(
          R"({"value": 0.05, "u_precision": 0.01, "u_bias": 0.005, "coverage_factor": 3, "threshold": "eu-feed-technical-zero"})"),
      thresholds));
  EXPECT_EQ(below.at("decision").as_string(), "compliant");
  EXPECT_NEAR(number(below.at("uncertainty").at("expanded")), 3 * std::hypot(0.01, 0.005), 1e-15);
}

TEST(QuantificationService, DecideShowsEnoughDigitsAtTheBoundary) {
  // x − U = 0.90002 > 0.9: four digits would print "0.9 > 0.9".
  auto response = ok(decide_compliance(
      parse(R"({"value": 1.00002, "u_precision": 0.05, "u_bias": 0, "threshold_percent": 0.9})"), ThresholdTable()));
  EXPECT_EQ(response.at("decision").as_string(), "non_compliant");
  EXPECT_EQ(response.at("inequality").as_string(), "x − U = 0.90002 > T = 0.9");
  EXPECT_TRUE(response.at("threshold").at("id").is_null());
  // Exactly on the boundary: x − U = T is not beyond reasonable doubt.
  auto boundary = ok(decide_compliance(
      parse(R"({"value": 1.5, "u_precision": 0.25, "u_bias": 0, "threshold_percent": 1})"), ThresholdTable()));
  EXPECT_EQ(boundary.at("decision").as_string(), "inconclusive");
}

TEST(QuantificationService, DecideZeroToleranceAndNotDetected) {
  auto thresholds = bundled();
  auto identified = ok(decide_compliance(
      parse(R"({"result": "identified", "threshold": "eu-unauthorised-zero-tolerance"})"), thresholds));
  EXPECT_EQ(identified.at("decision").as_string(), "non_compliant");
  EXPECT_EQ(identified.at("rule").as_string(), "presence_confirmed");
  EXPECT_TRUE(identified.at("inequality").is_null());
  EXPECT_TRUE(identified.at("threshold").at("percent").is_null());
  EXPECT_TRUE(identified.at("uncertainty").is_null());

  auto not_detected = ok(decide_compliance(
      parse(R"({"result": "not_detected", "threshold": "eu-unauthorised-zero-tolerance"})"), thresholds));
  EXPECT_EQ(not_detected.at("decision").as_string(), "not_detected");

  auto below_lod = ok(decide_compliance(
      parse(R"({"value": 0.01, "lod": 0.04, "rsd_precision": 20, "rsd_bias": 10, "threshold": "eu-labelling"})"),
      thresholds));
  EXPECT_EQ(below_lod.at("decision").as_string(), "not_detected");
  EXPECT_EQ(below_lod.at("inequality").as_string(), "x = 0.01 < LOD = 0.04");

  auto china = ok(decide_compliance(parse(R"({"value": 0.3, "threshold": "cn-labelling"})"), thresholds));
  EXPECT_EQ(china.at("decision").as_string(), "non_compliant");
}

TEST(QuantificationService, DecideBadRequestsNameTheirField) {
  auto thresholds = bundled();
  auto field = [&](std::string_view text) { return field_of(decide_compliance(parse(text), thresholds)); };
  EXPECT_EQ(field(R"({"value": 1, "rsd_precision": 10, "rsd_bias": 5, "threshold": "mars-labelling"})"), "threshold");
  EXPECT_EQ(field(R"({"value": 1, "rsd_precision": 10, "rsd_bias": 5})"), "threshold");
  EXPECT_EQ(
      field(R"({"value": 1, "rsd_precision": 10, "rsd_bias": 5, "threshold": "eu-labelling", "threshold_percent": 1})"),
      "threshold_percent");
  EXPECT_EQ(field(R"({"value": 1, "rsd_precision": 10, "rsd_bias": 5, "threshold_percent": 150})"),
            "threshold_percent");
  EXPECT_EQ(
      field(R"({"value": 1, "rsd_precision": 10, "u_precision": 0.1, "rsd_bias": 5, "threshold": "eu-labelling"})"),
      "u_precision");
  EXPECT_EQ(field(R"({"value": 1, "rsd_precision": 10, "threshold": "eu-labelling"})"), "rsd_bias");
  EXPECT_EQ(field(R"({"value": 1, "u_bias": 0.1, "threshold": "eu-labelling"})"), "rsd_precision");
  EXPECT_EQ(field(R"({"value": 1, "threshold": "eu-labelling"})"), "rsd_precision");
  EXPECT_EQ(field(R"({"rsd_precision": 10, "rsd_bias": 5, "threshold": "eu-labelling"})"), "value");
  EXPECT_EQ(field(R"({"value": -1, "rsd_precision": 10, "rsd_bias": 5, "threshold": "eu-labelling"})"), "value");
  EXPECT_EQ(field(R"({"result": "identified", "threshold": "eu-labelling"})"), "value");
  EXPECT_EQ(field(R"({"result": "not_detected", "value": 0.5, "threshold": "eu-labelling"})"), "value");
  EXPECT_EQ(field(R"({"result": "maybe", "threshold": "eu-labelling"})"), "result");
  EXPECT_EQ(field(R"({"value": 1, "rsd_precision": -1, "rsd_bias": 5, "threshold": "eu-labelling"})"), "rsd_precision");
  EXPECT_EQ(
      field(R"({"value": 1, "rsd_precision": 10, "rsd_bias": 5, "coverage_factor": 0, "threshold": "eu-labelling"})"),
      "coverage_factor");
  EXPECT_EQ(field(R"({"value": 1, "rsd_precision": 10, "rsd_bias": 5, "lod": -1, "threshold": "eu-labelling"})"),
            "lod");
  EXPECT_EQ(field(R"({"value": 1, "rsd_precision": 10, "rsd_bias": 5, "threshold": "eu-labelling", "k": 2})"), "k");
}

// ---- thresholds -------------------------------------------------------------------------

TEST(QuantificationService, BundledThresholdsLoadAndList) {
  auto thresholds = bundled();
  ASSERT_NE(thresholds.find("eu-labelling"), nullptr);
  EXPECT_EQ(thresholds.find("eu-labelling")->threshold.percent, 0.9);
  EXPECT_EQ(thresholds.find("eu-feed-technical-zero")->threshold.percent, 0.1);
  EXPECT_EQ(thresholds.find("eu-unauthorised-zero-tolerance")->threshold.kind, domain::ThresholdKind::presence);
  EXPECT_EQ(thresholds.find("nowhere"), nullptr);
  auto listed = ok(list_thresholds(thresholds));
  EXPECT_EQ(listed.at("thresholds").as_array().size(), thresholds.all().size());
  EXPECT_EQ(listed.at("version").as_string(), thresholds.version());
  for (const auto& record : listed.at("thresholds").as_array()) {
    EXPECT_TRUE(record.as_object().contains("source"));
    EXPECT_TRUE(record.at("verified").is_bool());
  }
}

TEST(QuantificationService, MalformedThresholdFilesAreRefused) {
  const char* good = R"({"id": "eu-labelling", "jurisdiction": "EU", "name": {"en": "EU labelling"}, "kind": "percent",
      "threshold_percent": 0.9, "applies_to": ["food"], "scope": "s", "legal_basis": "b", "source": ["u"],
      "retrieved": "2026-11-27", "verified": true})";
  auto load = [](const std::string& records) {
    ThresholdTable(json::parse(R"({"version": "1", "thresholds": [)" + records + "]}"), "test.json");
  };
  EXPECT_NO_THROW(load(good));
  auto changed = [&](const std::string& from, const std::string& to) {
    std::string record = good;
    record.replace(record.find(from), from.size(), to);
    return record;
  };
  EXPECT_THROW(load(std::string(good) + "," + good), BundledDataError);  // duplicate id
  EXPECT_THROW(load(changed("\"percent\"", "\"maximum\"")), BundledDataError);
  EXPECT_THROW(load(changed("0.9", "120")), BundledDataError);
  EXPECT_THROW(load(changed("0.9", "null")), BundledDataError);
  EXPECT_THROW(load(changed("\"kind\": \"percent\"", "\"kind\": \"presence\"")), BundledDataError);  // percent not null
  EXPECT_THROW(load(changed("[\"u\"]", "[]")), BundledDataError);
  EXPECT_THROW(load(changed("[\"food\"]", "[\"seeds\"]")), BundledDataError);
  EXPECT_THROW(load(changed("2026-11-27", "27/11/2026")), BundledDataError);
  EXPECT_THROW(load(changed("true", "\"yes\"")), BundledDataError);
  EXPECT_THROW(load(changed("\"scope\"", "\"scop\"")), BundledDataError);                             // unknown field
  EXPECT_THROW(ThresholdTable(json::parse(R"({"thresholds": []})"), "test.json"), BundledDataError);  // no version
  EXPECT_THROW(ThresholdTable(json::parse("[]"), "test.json"), BundledDataError);
  test::TempDir dir;
  EXPECT_THROW(ThresholdTable(dir.path() / "missing.json"), BundledDataError);
  test::write_file(dir.path() / "broken.json", "{ not json");
  EXPECT_THROW(ThresholdTable(dir.path() / "broken.json"), BundledDataError);
}

}  // namespace
}  // namespace lmo::services
