// Sampling services: request JSON → response JSON (oracles, chart points, markers, codes,
// never NaN), the bundled crop table, and the field named by every refusal.
#include "services/sampling_service.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cmath>

#include "services/data_file.hpp"
#include "test_support.hpp"

namespace lmo::services {
namespace {

namespace json = boost::json;

json::object answer(const ServiceResult& result) {
  if (const auto* error = domain::error_of(result)) {
    ADD_FAILURE() << error->field << ": " << error->message;
    return {};
  }
  return std::get<json::value>(result).as_object();
}

std::string refused_field(const ServiceResult& result) {
  const auto* error = domain::error_of(result);
  return error ? error->field : "(accepted)";
}

// Every number in a response is finite (a NaN or infinity would not even serialize as JSON).
void expect_all_finite(const json::value& value) {
  if (value.is_double()) {
    EXPECT_TRUE(std::isfinite(value.get_double()));
  }
  if (value.is_array()) {
    for (const auto& item : value.get_array()) expect_all_finite(item);
  }
  if (value.is_object()) {
    for (const auto& member : value.get_object()) expect_all_finite(member.value());
  }
}

double number(const json::value& value) { return value.to_number<double>(); }

const char* crops_json = R"({
  "id": "lab-crops", "version": "test-1",
  "crops": [
    {"id": "zea-mays", "scientific_name": "Zea mays", "common_names": {"en": "maize"},
     "thousand_kernel_weight_g": {"typical": 300, "min": 200, "max": 450},
     "source": ["https://example.org/maize"], "retrieved": "2026-11-27", "verified": true},
    {"id": "brassica-napus", "scientific_name": "Brassica napus", "common_names": {"en": "oilseed rape"},
     "thousand_kernel_weight_g": {"typical": 4.5, "min": 2.8, "max": 7.5},
     "source": "https://example.org/canola", "retrieved": "2026-11-27", "verified": false}
  ]})";

CropTable test_crops() { return CropTable(json::parse(crops_json)); }

// --- evaluate -----------------------------------------------------------------------------------

TEST(EvaluateSamplingPlan, IstaPlanWithChartMarkersAndRisks) {
  auto out = answer(evaluate_sampling_plan(
      json::parse(R"({"type": "pooled", "pools": 2, "pool_size": 150, "acceptance_number": 0, "aql": 0.001,
                      "lql": 0.01})")));
  EXPECT_EQ(out.at("seeds_total").as_int64(), 300);
  EXPECT_EQ(out.at("assays_max").as_int64(), 2);
  EXPECT_EQ(out.at("plan").at("type").as_string(), "pooled");
  const auto& lql = out.at("lql").as_object();
  EXPECT_NEAR(number(lql.at("consumer_risk")), std::pow(0.99, 300), 1e-15);
  EXPECT_LE(number(lql.at("consumer_risk")), 0.05);
  const auto& aql = out.at("aql").as_object();
  EXPECT_NEAR(number(aql.at("producer_risk")), 1.0 - std::pow(0.999, 300), 1e-12);
  const auto& curve = out.at("operating_characteristic").as_array();
  EXPECT_GE(curve.size(), 60u);
  EXPECT_EQ(number(curve.front().at("p")), 0.0);
  EXPECT_NEAR(number(curve.back().at("p")), 0.03, 1e-15);
  bool has_lql = false;
  for (const auto& point : curve) has_lql = has_lql || number(point.at("p")) == 0.01;
  EXPECT_TRUE(has_lql);
  EXPECT_NE(out.at("explanation").as_string().find("consumer risk"), json::string::npos);
  expect_all_finite(json::value(out));
}

TEST(EvaluateSamplingPlan, PublishedZeroAcceptanceTableThroughTheService) {
  for (auto [seeds, at_5_percent] : {std::pair{10, 0.600}, std::pair{20, 0.360}, std::pair{100, 0.006}}) {
    json::object request{{"type", "individual"}, {"seeds", seeds}, {"lql", 0.05}};
    auto out = answer(evaluate_sampling_plan(request));
    EXPECT_NEAR(number(out.at("lql").at("acceptance_probability")), at_5_percent, 0.005);
    EXPECT_TRUE(out.at("aql").is_null());
  }
}

TEST(EvaluateSamplingPlan, DoubleStageReportsExpectedAssays) {
  auto out = answer(evaluate_sampling_plan(json::parse(
      R"({"type": "double_stage", "pool_size": 100, "pools": 5, "acceptance_number": 0, "rejection_number": 2,
          "second_pools": 5, "second_acceptance_number": 1, "aql": 0.0005, "lql": 0.005,
          "false_positive_rate": 0.01, "false_negative_rate": 0.02, "points": 30})")));
  EXPECT_EQ(out.at("seeds_total").as_int64(), 1000);
  EXPECT_EQ(out.at("assays_max").as_int64(), 10);
  double expected = number(out.at("aql").at("expected_assays"));
  EXPECT_GT(expected, 5.0);
  EXPECT_LT(expected, 10.0);
  EXPECT_GE(out.at("operating_characteristic").as_array().size(), 30u);
  EXPECT_EQ(out.at("plan").at("second_acceptance_number").as_int64(), 1);
  expect_all_finite(json::value(out));
}

TEST(EvaluateSamplingPlan, WithoutAnLqlTheChartRunsToNegligibleAcceptance) {
  auto out = answer(evaluate_sampling_plan(json::parse(R"({"type": "individual", "seeds": 2995})")));
  const auto& curve = out.at("operating_characteristic").as_array();
  EXPECT_NEAR(number(curve.back().at("acceptance_probability")), 0.001, 1e-6);
}

TEST(EvaluateSamplingPlan, RefusalsNameTheField) {
  auto refused = [](const char* text) { return refused_field(evaluate_sampling_plan(json::parse(text))); };
  EXPECT_EQ(refused(R"([])"), "body");
  EXPECT_EQ(refused(R"({})"), "type");
  EXPECT_EQ(refused(R"({"type": "triple"})"), "type");
  EXPECT_EQ(refused(R"({"type": "pooled", "pools": 0, "pool_size": 10})"), "pools");
  EXPECT_EQ(refused(R"({"type": "pooled", "pools": 3, "pool_size": 10, "acceptance_number": 4})"), "acceptance_number");
  EXPECT_EQ(refused(R"({"type": "pooled", "pools": 3, "pool_size": 500, "max_pool_size": 400})"), "pool_size");
  EXPECT_EQ(refused(R"({"type": "pooled", "pools": 3, "pool_size": 500, "lod": 0.0025})"), "pool_size");
  EXPECT_EQ(refused(R"({"type": "pooled", "pools": 3, "pool_size": 10, "lod": 0.01, "max_pool_size": 5})"), "lod");
  EXPECT_EQ(refused(R"({"type": "pooled", "pools": 3, "pool_size": 10, "seeds": 4})"), "seeds");
  EXPECT_EQ(refused(R"({"type": "individual", "seeds": 10, "lql": 0})"), "lql");
  EXPECT_EQ(refused(R"({"type": "individual", "seeds": 10, "lql": 1.5})"), "lql");
  EXPECT_EQ(refused(R"({"type": "individual", "seeds": 10, "aql": 0.02, "lql": 0.01})"), "aql");
  EXPECT_EQ(refused(R"({"type": "individual", "seeds": 10, "false_positive_rate": 1})"), "false_positive_rate");
  EXPECT_EQ(refused(R"({"type": "individual", "seeds": 10, "false_positive_rate": 0.5,
                        "false_negative_rate": 0.5})"),
            "false_negative_rate");
  EXPECT_EQ(refused(R"({"type": "individual", "seeds": 2.5})"), "seeds");
  EXPECT_EQ(refused(R"({"type": "individual", "seeds": "ten"})"), "seeds");
  EXPECT_EQ(refused(R"({"type": "individual", "seeds": 10, "points": 5})"), "points");
  EXPECT_EQ(refused(R"({"type": "double_stage", "pool_size": 10, "pools": 3, "acceptance_number": 1,
                        "rejection_number": 1, "second_pools": 2, "second_acceptance_number": 2})"),
            "rejection_number");
  EXPECT_EQ(refused(R"({"type": "double_stage", "pool_size": 10, "pools": 3, "rejection_number": 2,
                        "second_pools": 2})"),
            "second_acceptance_number");
}

// --- search -------------------------------------------------------------------------------------

TEST(SearchSamplingPlans, IstaOracleAndTheEchoedCriteria) {
  auto out = answer(search_sampling_plans(json::parse(
      R"({"lql": 0.01, "max_consumer_risk": 0.05, "max_pool_size": 150, "cost_per_assay": 100,
          "cost_per_seed": 0.01, "limit": 3})")));
  EXPECT_EQ(out.at("status").as_string(), "found");
  const auto& plans = out.at("plans").as_array();
  ASSERT_EQ(plans.size(), 3u);
  const auto& best = plans[0].as_object();
  EXPECT_EQ(best.at("rank").as_uint64(), 1u);
  EXPECT_EQ(best.at("plan").at("pools").as_int64(), 2);
  EXPECT_EQ(best.at("plan").at("pool_size").as_int64(), 150);
  EXPECT_EQ(best.at("plan").at("acceptance_number").as_int64(), 0);
  EXPECT_DOUBLE_EQ(number(best.at("cost")), 203.0);
  EXPECT_TRUE(best.at("producer_risk").is_null());
  EXPECT_TRUE(out.at("criteria").at("aql").is_null());
  EXPECT_EQ(out.at("criteria").at("max_pool_size").as_int64(), 150);
  expect_all_finite(json::value(out));
}

TEST(SearchSamplingPlans, DetectionLimitAsLod) {
  auto out = answer(search_sampling_plans(
      json::parse(R"({"lql": 0.01, "lod": 0.0066666666666666671, "cost_per_assay": 100, "cost_per_seed": 0.01})")));
  EXPECT_EQ(out.at("criteria").at("max_pool_size").as_int64(), 150);
  EXPECT_EQ(out.at("plans").at(0).at("plan").at("pool_size").as_int64(), 150);
}

TEST(SearchSamplingPlans, RealisticSettingWithDoubleStagePlans) {
  auto out = answer(search_sampling_plans(json::parse(
      R"({"aql": 0.001, "lql": 0.01, "max_producer_risk": 0.05, "max_consumer_risk": 0.05, "max_pool_size": 400,
          "cost_per_assay": 100, "cost_per_seed": 0.01, "include_double_stage": true})")));
  const auto& plans = out.at("plans").as_array();
  ASSERT_EQ(plans.size(), 10u);
  for (const auto& plan : plans) {
    EXPECT_LE(number(plan.at("consumer_risk")), 0.05);
    EXPECT_LE(number(plan.at("producer_risk")), 0.05);
  }
  EXPECT_EQ(plans[0].at("plan").at("type").as_string(), "double_stage");
  expect_all_finite(json::value(out));
}

TEST(SearchSamplingPlans, NoneFoundIsAnAnswer) {
  auto out = answer(
      search_sampling_plans(json::parse(R"({"aql": 0.001, "lql": 0.01, "max_pool_size": 400, "max_pools": 3})")));
  EXPECT_EQ(out.at("status").as_string(), "none_found");
  EXPECT_TRUE(out.at("plans").as_array().empty());
}

TEST(SearchSamplingPlans, RefusalsNameTheField) {
  auto refused = [](const char* text) { return refused_field(search_sampling_plans(json::parse(text))); };
  EXPECT_EQ(refused(R"({"max_pool_size": 100})"), "lql");
  EXPECT_EQ(refused(R"({"lql": 0.01})"), "max_pool_size");
  EXPECT_EQ(refused(R"({"lql": 0.01, "max_pool_size": 0})"), "max_pool_size");
  EXPECT_EQ(refused(R"({"lql": 0.01, "lod": 0})"), "lod");
  EXPECT_EQ(refused(R"({"lql": 0.01, "lod": 0.01, "max_pool_size": 100})"), "lod");
  EXPECT_EQ(refused(R"({"lql": 0.01, "aql": 0.01, "max_pool_size": 100})"), "aql");
  EXPECT_EQ(refused(R"({"lql": 0.01, "max_pool_size": 100, "cost_per_assay": 0})"), "cost_per_assay");
  EXPECT_EQ(refused(R"({"lql": 0.01, "max_pool_size": 100, "cost_per_seed": -1})"), "cost_per_seed");
  EXPECT_EQ(refused(R"({"lql": 0.01, "max_pool_size": 100, "max_consumer_risk": 1})"), "max_consumer_risk");
  EXPECT_EQ(refused(R"({"lql": 0.01, "max_pool_size": 100, "limit": 0})"), "limit");
  EXPECT_EQ(refused(R"({"lql": 0.01, "max_pool_size": 100, "include_double_stage": "yes"})"), "include_double_stage");
  EXPECT_EQ(refused(R"({"lql": 0.01, "max_pool_size": 100, "colour": "blue"})"), "colour");
}

// --- seeds --------------------------------------------------------------------------------------

TEST(SeedsForDetection, OracleAndMassFromTheCrop) {
  auto out = answer(seeds_for_detection(json::parse(R"({"proportion": 0.001, "confidence": 0.95, "crop": "zea-mays"})"),
                                        test_crops()));
  EXPECT_EQ(out.at("seeds").as_int64(), 2995);
  EXPECT_EQ(out.at("plan").at("type").as_string(), "individual");
  const auto& mass = out.at("mass").as_object();
  EXPECT_DOUBLE_EQ(number(mass.at("grams")), 2995 * 0.3);
  EXPECT_DOUBLE_EQ(number(mass.at("grams_min")), 2995 * 0.2);
  EXPECT_DOUBLE_EQ(number(mass.at("grams_max")), 2995 * 0.45);
  EXPECT_EQ(mass.at("basis").as_string(), "crop_typical");
  EXPECT_EQ(mass.at("crop").at("id").as_string(), "zea-mays");
  EXPECT_TRUE(out.at("sample").is_null());
}

TEST(SeedsForDetection, PooledWithTheLotsOwnWeightAndASampleMass) {
  auto out = answer(seeds_for_detection(
      json::parse(R"({"proportion": 0.001, "pool_size": 400, "thousand_kernel_weight_g": 5, "sample_mass_g": 10})"),
      test_crops()));
  EXPECT_EQ(out.at("pools").as_int64(), 8);  // ⌈ln 0.05 / (400·ln 0.999)⌉
  EXPECT_EQ(out.at("seeds").as_int64(), 3200);
  EXPECT_EQ(out.at("mass").at("basis").as_string(), "given");
  EXPECT_DOUBLE_EQ(number(out.at("mass").at("grams")), 16.0);
  EXPECT_TRUE(out.at("mass").at("grams_min").is_null());
  EXPECT_EQ(out.at("sample").at("seeds").as_int64(), 2000);
  EXPECT_FALSE(out.at("sample").at("sufficient").as_bool());
}

TEST(SeedsForDetection, RefusalsNameTheField) {
  auto crops = test_crops();
  auto refused = [&](const char* text) { return refused_field(seeds_for_detection(json::parse(text), crops)); };
  EXPECT_EQ(refused(R"({})"), "proportion");
  EXPECT_EQ(refused(R"({"proportion": 0})"), "proportion");
  EXPECT_EQ(refused(R"({"proportion": 0.01, "confidence": 1})"), "confidence");
  EXPECT_EQ(refused(R"({"proportion": 0.01, "pool_size": 0})"), "pool_size");
  EXPECT_EQ(refused(R"({"proportion": 0.01, "crop": "zea-mais"})"), "crop");
  EXPECT_EQ(refused(R"({"proportion": 0.01, "thousand_kernel_weight_g": 0})"), "thousand_kernel_weight_g");
  EXPECT_EQ(refused(R"({"proportion": 0.01, "sample_mass_g": 100})"), "sample_mass_g");
  EXPECT_EQ(refused(R"({"proportion": 0.01, "false_negative_rate": 1})"), "false_negative_rate");
  EXPECT_EQ(refused(R"({"proportion": 0.01, "seeds": 3})"), "seeds");
}

// --- crops --------------------------------------------------------------------------------------

TEST(Crops, ListAndFind) {
  auto crops = test_crops();
  auto all = answer(list_crops(json::object{}, crops));
  EXPECT_EQ(all.at("crops").as_array().size(), 2u);
  EXPECT_EQ(all.at("version").as_string(), "test-1");
  auto one = answer(list_crops(json::parse(R"({"id": "brassica-napus"})"), crops));
  ASSERT_EQ(one.at("crops").as_array().size(), 1u);
  EXPECT_FALSE(one.at("crops").at(0).at("verified").as_bool());
  EXPECT_EQ(refused_field(list_crops(json::parse(R"({"id": "oryza"})"), crops)), "id");
  EXPECT_EQ(refused_field(list_crops(json::parse(R"({"name": "x"})"), crops)), "name");
}

TEST(Crops, MalformedTablesAreBundledDataErrors) {
  auto broken = [](const char* text) { EXPECT_THROW(CropTable(json::parse(text)), BundledDataError) << text; };
  broken(R"({})");
  broken(R"({"crops": [{"id": "a"}]})");
  broken(R"({"crops": [{"id": "a", "scientific_name": "A a", "common_names": {"en": "a"},
             "thousand_kernel_weight_g": {"typical": 5, "min": 6, "max": 7},
             "source": "s", "retrieved": "2026-11-27", "verified": true}]})");
  broken(R"({"crops": [{"id": "a", "scientific_name": "A a", "common_names": {"en": "a"},
             "thousand_kernel_weight_g": {"typical": 5, "min": 4, "max": 7},
             "source": [], "retrieved": "2026-11-27", "verified": true}]})");
  std::string twice = R"({"crops": [)";
  for (int i = 0; i < 2; ++i) {
    twice += std::string(i ? "," : "") + R"({"id": "a", "scientific_name": "A a", "common_names": {"en": "a"},
             "thousand_kernel_weight_g": {"typical": 5, "min": 4, "max": 7},
             "source": "s", "retrieved": "2026-11-27", "verified": true})";
  }
  broken((twice + "]}").c_str());
}

TEST(Crops, BundledTableLoadsAndUsesRegistryOrganismIds) {
  auto crops = CropTable::load(test::source_dir() / "data" / "lab" / "crops.json");
  EXPECT_GE(crops.crops().size(), 10u);
  auto organisms = read_json_file(test::source_dir() / "data" / "registry" / "organisms.json");
  for (const char* id : {"zea-mays", "glycine-max", "brassica-napus", "gossypium-hirsutum", "oryza-sativa",
                         "triticum-aestivum", "beta-vulgaris", "medicago-sativa"}) {
    ASSERT_NE(crops.find(id), nullptr) << id;
    bool in_registry = false;
    for (const auto& organism : organisms.as_array()) in_registry = in_registry || organism.at("id").as_string() == id;
    EXPECT_TRUE(in_registry) << id;
  }
  auto out = answer(seeds_for_detection(json::parse(R"({"proportion": 0.001, "crop": "glycine-max"})"), crops));
  EXPECT_GT(number(out.at("mass").at("grams")), 400.0);  // 2995 soybeans weigh about half a kilogram
  EXPECT_LT(number(out.at("mass").at("grams")), 600.0);
}

}  // namespace
}  // namespace lmo::services
