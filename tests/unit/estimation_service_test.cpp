// Estimation service: JSON requests for pooled and stacked estimates → JSON answers (values,
// statuses, nulls where nothing can be estimated, never a NaN) and field errors naming the field.
#include "services/estimation_service.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cmath>

using lmo::domain::error_of;
using lmo::services::estimate_pooled;
using lmo::services::estimate_stacked;
using lmo::services::ServiceResult;

namespace json = boost::json;

namespace {

json::object answer(const ServiceResult& result) {
  if (const auto* error = error_of(result)) {
    ADD_FAILURE() << error->field << ": " << error->message;
    return {};
  }
  return std::get<json::value>(result).as_object();
}

std::string field_of(const ServiceResult& result) {
  const auto* error = error_of(result);
  return error ? error->field : "(no error)";
}

double number(const json::value& value) { return value.to_number<double>(); }

// Every number in the document is finite.
void expect_finite(const json::value& value, const std::string& path = "") {
  if (value.is_double()) {
    EXPECT_TRUE(std::isfinite(value.get_double())) << path;
  } else if (value.is_object()) {
    for (const auto& member : value.get_object()) expect_finite(member.value(), path + "." + std::string(member.key()));
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.get_array().size(); ++i) {
      expect_finite(value.get_array()[i], path + "[" + std::to_string(i) + "]");
    }
  }
}

}  // namespace

// ---- pooled --------------------------------------------------------------------------------

// 2 of 10 pools of 100 seeds: p̂ = 1 − 0.8^(1/100) = 0.0022289477 (0.223 %); 95 % exact interval
// 0.025531 % to 0.80886 % (see pooled_estimate_test for the working).
TEST(EstimationServicePooled, OnePoolSize) {
  auto response = answer(estimate_pooled(json::parse(R"({"pool_size": 100, "pools": 10, "positive_pools": 2})")));
  EXPECT_EQ(response.at("method"), "exact_clopper_pearson");
  EXPECT_EQ(response.at("status"), "estimated");
  EXPECT_NEAR(number(response.at("estimate").at("fraction")), 0.0022289477, 1e-10);
  EXPECT_NEAR(number(response.at("estimate").at("percent")), 0.22289477, 1e-8);
  const auto& interval = response.at("interval").as_object();
  EXPECT_EQ(interval.at("kind"), "two_sided");
  EXPECT_EQ(number(interval.at("confidence")), 0.95);
  EXPECT_NEAR(number(interval.at("lower").at("percent")), 0.025531, 1e-6);
  EXPECT_NEAR(number(interval.at("upper").at("percent")), 0.80886, 1e-5);
  EXPECT_TRUE(response.at("lower_bound").is_null());
  EXPECT_EQ(response.at("pools"), 10);
  EXPECT_EQ(response.at("positive_pools"), 2);
  EXPECT_EQ(number(response.at("seeds")), 1000.0);
  EXPECT_TRUE(response.at("log_likelihood").is_null());
  std::string explanation(response.at("explanation").as_string());
  EXPECT_NE(explanation.find("2 of 10 pools of 100 seeds"), std::string::npos) << explanation;
  EXPECT_NE(explanation.find("0.223 %"), std::string::npos) << explanation;
  EXPECT_NE(explanation.find("Clopper–Pearson"), std::string::npos) << explanation;
}

TEST(EstimationServicePooled, UpperBoundAndErrorRates) {
  auto response = answer(estimate_pooled(json::parse(
      R"({"pool_size": 100, "pools": 10, "positive_pools": 0, "interval": "upper", "confidence": 0.95})")));
  EXPECT_EQ(response.at("interval").at("kind"), "upper");
  EXPECT_EQ(number(response.at("interval").at("lower").at("fraction")), 0.0);
  // 1 − 0.05^(1/1000) = 0.0029912495
  EXPECT_NEAR(number(response.at("interval").at("upper").at("fraction")), 0.0029912495, 1e-10);
  EXPECT_EQ(number(response.at("estimate").at("fraction")), 0.0);

  auto corrected = answer(estimate_pooled(
      json::parse(R"({"pool_size": 100, "pools": 10, "positive_pools": 2, "fpr": 0.01, "fnr": 0.05})")));
  // q = (0.2 − 0.01)/0.94 = 0.20212766; p̂ = 1 − 0.79787234^(1/100) = 0.0022555192
  EXPECT_NEAR(number(corrected.at("estimate").at("fraction")), 0.0022555192, 1e-10);
  EXPECT_EQ(number(corrected.at("assay").at("fpr")), 0.01);
  EXPECT_EQ(number(corrected.at("assay").at("fnr")), 0.05);
  EXPECT_NE(std::string(corrected.at("explanation").as_string()).find("false negative 5 %"), std::string::npos);
}

TEST(EstimationServicePooled, AllPoolsPositiveHasNoEstimate) {
  auto response = answer(estimate_pooled(json::parse(R"({"pool_size": 100, "pools": 10, "positive_pools": 10})")));
  EXPECT_EQ(response.at("status"), "above_measurable_range");
  EXPECT_TRUE(response.at("estimate").is_null());
  EXPECT_NEAR(number(response.at("lower_bound").at("fraction")), 0.0134236, 1e-7);
  EXPECT_EQ(number(response.at("interval").at("upper").at("fraction")), 1.0);
  EXPECT_NE(std::string(response.at("explanation").as_string()).find("above the range"), std::string::npos);
}

TEST(EstimationServicePooled, GroupsOfSeveralSizesUseTheLikelihood) {
  auto response = answer(estimate_pooled(json::parse(R"({"groups": [
      {"pool_size": 100, "pools": 10, "positive_pools": 3},
      {"pool_size": 50, "pools": 20, "positive_pools": 2}]})")));
  EXPECT_EQ(response.at("method"), "likelihood_ratio");
  EXPECT_EQ(response.at("status"), "estimated");
  EXPECT_EQ(response.at("pools"), 30);
  EXPECT_EQ(response.at("positive_pools"), 5);
  EXPECT_EQ(number(response.at("seeds")), 2000.0);
  EXPECT_GT(response.at("iterations").as_int64(), 0);
  EXPECT_TRUE(response.at("log_likelihood").is_double());
  double p = number(response.at("estimate").at("fraction"));
  EXPECT_GT(p, number(response.at("interval").at("lower").at("fraction")));
  EXPECT_LT(p, number(response.at("interval").at("upper").at("fraction")));
  EXPECT_NE(std::string(response.at("explanation").as_string()).find("Hepworth"), std::string::npos);

  // Groups of one size are merged and answered exactly.
  auto same = answer(estimate_pooled(json::parse(R"({"groups": [
      {"pool_size": 100, "pools": 4, "positive_pools": 1},
      {"pool_size": 100, "pools": 6, "positive_pools": 1}]})")));
  EXPECT_EQ(same.at("method"), "exact_clopper_pearson");
  EXPECT_NEAR(number(same.at("estimate").at("fraction")), 0.0022289477, 1e-10);
}

TEST(EstimationServicePooled, NonConvergenceHasNoNumbers) {
  auto response = answer(estimate_pooled(json::parse(R"({"groups": [
      {"pool_size": 100, "pools": 10, "positive_pools": 3},
      {"pool_size": 50, "pools": 20, "positive_pools": 2}], "max_iterations": 1})")));
  EXPECT_EQ(response.at("status"), "not_converged");
  EXPECT_TRUE(response.at("estimate").is_null());
  EXPECT_TRUE(response.at("interval").is_null());
  EXPECT_TRUE(response.at("log_likelihood").is_null());
  EXPECT_NE(std::string(response.at("explanation").as_string()).find("did not converge"), std::string::npos);
}

TEST(EstimationServicePooled, NeverANumberThatIsNotFinite) {
  for (long long n : {1, 100, 1'000'000}) {
    for (long long m : {1, 10, 1000}) {
      for (long long x : {0LL, 1LL, m / 2, m - 1, m}) {
        if (x < 0) continue;
        for (const char* errors : {"", R"(, "fpr": 0.05, "fnr": 0.1)"}) {
          std::string equal = R"({"pool_size": )" + std::to_string(n) + R"(, "pools": )" + std::to_string(m) +
                              R"(, "positive_pools": )" + std::to_string(x) + errors + "}";
          expect_finite(std::get<json::value>(estimate_pooled(json::parse(equal))), equal);
          std::string groups = R"({"groups": [{"pool_size": )" + std::to_string(n) + R"(, "pools": )" +
                               std::to_string(m) + R"(, "positive_pools": )" + std::to_string(x) +
                               R"(}, {"pool_size": 7, "pools": 3, "positive_pools": 3}])" + errors + "}";
          auto result = estimate_pooled(json::parse(groups));
          ASSERT_FALSE(error_of(result)) << groups;
          expect_finite(std::get<json::value>(result), groups);
        }
      }
    }
  }
}

TEST(EstimationServicePooled, BadInputNamesTheField) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {R"({"pool_size": 100, "pools": 0, "positive_pools": 0})", "pools"},
      {R"({"pool_size": 100, "pools": 10, "positive_pools": 11})", "positive_pools"},
      {R"({"pool_size": 100, "pools": 10, "positive_pools": -1})", "positive_pools"},
      {R"({"pool_size": 0, "pools": 10, "positive_pools": 1})", "pool_size"},
      {R"({"pool_size": 2.5, "pools": 10, "positive_pools": 1})", "pool_size"},
      {R"({"pools": 10, "positive_pools": 1})", "pool_size"},
      {R"({"pool_size": 100, "pools": 10, "positive_pools": 1, "confidence": 1})", "confidence"},
      {R"({"pool_size": 100, "pools": 10, "positive_pools": 1, "confidence": 0})", "confidence"},
      {R"({"pool_size": 100, "pools": 10, "positive_pools": 1, "confidence": "high"})", "confidence"},
      {R"({"pool_size": 100, "pools": 10, "positive_pools": 1, "interval": "lower"})", "interval"},
      {R"({"pool_size": 100, "pools": 10, "positive_pools": 1, "fpr": 0.5, "fnr": 0.5})", "fnr"},
      {R"({"pool_size": 100, "pools": 10, "positive_pools": 1, "fpr": 1})", "fpr"},
      {R"({"pool_size": 100, "pools": 10, "positive_pools": 1, "fnr": -0.1})", "fnr"},
      {R"({"pool_size": 100, "pools": 10, "positive_pools": 1, "seeds": 3})", "seeds"},
      {R"({"groups": []})", "groups"},
      {R"({"groups": {}})", "groups"},
      {R"({"groups": [{"pool_size": 10, "pools": 3, "positive_pools": 1}], "pools": 3})", "groups"},
      {R"({"groups": [{"pool_size": 10, "pools": 3, "positive_pools": 1}, 7]})", "groups[1]"},
      {R"({"groups": [{"pool_size": 10, "pools": 3, "positive_pools": 1}, {"pool_size": 0, "pools": 3, "positive_pools": 1}]})",
       "groups[1].pool_size"},
      {R"({"groups": [{"pool_size": 10, "pools": 0, "positive_pools": 0}, {"pool_size": 5, "pools": 3, "positive_pools": 1}]})",
       "groups[0].pools"},
      {R"({"groups": [{"pool_size": 10, "pools": 3, "positive_pools": 4}, {"pool_size": 5, "pools": 3, "positive_pools": 1}]})",
       "groups[0].positive_pools"},
      {R"({"groups": [{"pool_size": 10, "pools": 3, "positive": 1}]})", "groups[0].positive"},
      {R"({"groups": [{"pool_size": 10, "pools": 3, "positive_pools": 1}], "max_iterations": 0})", "max_iterations"},
      {R"([1, 2])", "body"},
  };
  for (const auto& [request, field] : cases) {
    EXPECT_EQ(field_of(estimate_pooled(json::parse(request))), field) << request;
  }
}

// ---- stacked -------------------------------------------------------------------------------

TEST(EstimationServiceStacked, TwoEvents) {
  auto response = answer(estimate_stacked(json::parse(R"({"pool_size": 20, "events": ["MON89034", "NK603"],
      "class_counts": {"none": 170, "MON89034": 90, "NK603+MON89034": 193, "NK603": 47}, "pools": 500})")));
  EXPECT_EQ(response.at("method"), "multinomial_em");
  EXPECT_EQ(response.at("status"), "converged");
  EXPECT_EQ(response.at("pools"), 500);
  const auto& types = response.at("seed_types").as_array();
  ASSERT_EQ(types.size(), 4u);
  EXPECT_EQ(types[0].at("type"), "non_gm");
  EXPECT_EQ(types[3].at("type"), "MON89034+NK603");
  EXPECT_EQ(types[3].at("events").as_array().size(), 2u);
  // Closed form (see stacked_estimate_test): p0 = 0.34^(1/20), p0 + pA = 0.52^(1/20).
  const double p0 = std::pow(0.34, 0.05);
  EXPECT_NEAR(number(types[0].at("estimate").at("fraction")), p0, 1e-9);
  EXPECT_NEAR(number(types[1].at("estimate").at("fraction")), std::pow(0.52, 0.05) - p0, 1e-9);
  double carriers_a = number(types[1].at("estimate").at("fraction")) + number(types[3].at("estimate").at("fraction"));
  EXPECT_EQ(response.at("event_carriers").at(0).at("event"), "MON89034");
  EXPECT_NEAR(number(response.at("event_carriers").at(0).at("estimate").at("fraction")), carriers_a, 1e-12);
  EXPECT_NEAR(number(response.at("gm_seeds").at("fraction")), 1.0 - p0, 1e-9);
  EXPECT_NEAR(number(response.at("gm_seeds").at("percent")), 100.0 * (1.0 - p0), 1e-7);
  const auto& classes = response.at("classes").as_array();
  ASSERT_EQ(classes.size(), 4u);
  EXPECT_EQ(classes[3].at("class"), "MON89034+NK603");
  EXPECT_EQ(classes[3].at("observed"), 193);
  EXPECT_NEAR(number(classes[3].at("expected")), 193.0, 1e-6);
  EXPECT_TRUE(response.at("log_likelihood").is_double());
  EXPECT_NE(std::string(response.at("explanation").as_string()).find("GM seeds in all"), std::string::npos);
}

TEST(EstimationServiceStacked, ErrorRatesForAllAssaysOrPerEvent) {
  auto shared = answer(estimate_stacked(json::parse(
      R"({"pool_size": 20, "events": ["A", "B"], "class_counts": {"none": 69, "A": 59, "B": 46, "A+B": 26}, "fpr": 0.01, "fnr": 0.05})")));
  auto listed = answer(estimate_stacked(json::parse(
      R"({"pool_size": 20, "events": ["A", "B"], "class_counts": {"none": 69, "A": 59, "B": 46, "A+B": 26}, "fpr": [0.01, 0.01], "fnr": [0.05, 0.05]})")));
  EXPECT_EQ(shared.at("assay"), listed.at("assay"));
  EXPECT_EQ(shared.at("seed_types"), listed.at("seed_types"));
  EXPECT_EQ(number(shared.at("assay").at(1).at("fnr")), 0.05);
}

TEST(EstimationServiceStacked, SeedTypesRestrictTheModel) {
  auto response = answer(estimate_stacked(json::parse(R"({"pool_size": 10, "events": ["A", "B", "C"],
      "class_counts": {"none": 300, "A": 40, "B": 30, "A+B": 20, "C": 25, "A+C": 3, "B+C": 2, "A+B+C": 1},
      "seed_types": ["A", "B", "C", "B+A"]})")));
  const auto& types = response.at("seed_types").as_array();
  ASSERT_EQ(types.size(), 5u);
  EXPECT_EQ(types[3].at("type"), "A+B");
  EXPECT_EQ(response.at("classes").as_array().size(), 8u);
}

TEST(EstimationServiceStacked, StatusesWithoutNumbers) {
  auto saturated = answer(estimate_stacked(json::parse(
      R"({"pool_size": 20, "events": ["A", "B"], "class_counts": {"A": 5, "A+B": 7}})")));
  EXPECT_EQ(saturated.at("status"), "all_pools_positive");
  EXPECT_EQ(saturated.at("saturated_events"), json::array{"A"});
  EXPECT_TRUE(saturated.at("gm_seeds").is_null());
  EXPECT_TRUE(saturated.at("seed_types").at(1).at("estimate").is_null());
  EXPECT_TRUE(saturated.at("classes").at(1).at("expected").is_null());
  EXPECT_TRUE(saturated.at("log_likelihood").is_null());

  auto capped = answer(estimate_stacked(json::parse(
      R"({"pool_size": 20, "events": ["A", "B"], "class_counts": {"none": 69, "A": 59, "B": 46, "A+B": 26}, "fpr": 0.01, "max_iterations": 1})")));
  EXPECT_EQ(capped.at("status"), "not_converged");
  EXPECT_TRUE(capped.at("gm_seeds").is_null());
  EXPECT_TRUE(capped.at("event_carriers").at(0).at("estimate").is_null());
  EXPECT_NE(std::string(capped.at("explanation").as_string()).find("did not converge"), std::string::npos);

  auto boundary = answer(estimate_stacked(json::parse(
      R"({"pool_size": 20, "events": ["A", "B"], "class_counts": {"none": 69, "A": 59, "B": 46, "A+B": 26}})")));
  EXPECT_EQ(boundary.at("status"), "boundary");
  EXPECT_EQ(number(boundary.at("seed_types").at(3).at("estimate").at("fraction")), 0.0);
  EXPECT_NE(std::string(boundary.at("explanation").as_string()).find("A+B is estimated at 0"), std::string::npos);
  for (const auto* response : {&saturated, &capped, &boundary}) expect_finite(*response);
}

TEST(EstimationServiceStacked, BadInputNamesTheField) {
  const std::string two = R"("pool_size": 20, "events": ["A", "B"])";
  const std::vector<std::pair<std::string, std::string>> cases{
      {R"({"pool_size": 20, "class_counts": {"none": 3}})", "events"},
      {R"({"pool_size": 20, "events": [], "class_counts": {"none": 3}})", "events"},
      {R"({"pool_size": 20, "events": ["A", "B", "C", "D"], "class_counts": {"none": 3}})", "events"},
      {R"({"pool_size": 20, "events": ["A", "A"], "class_counts": {"none": 3}})", "events[1]"},
      {R"({"pool_size": 20, "events": ["A", "B+C"], "class_counts": {"none": 3}})", "events[1]"},
      {R"({"pool_size": 20, "events": ["A", 3], "class_counts": {"none": 3}})", "events[1]"},
      {R"({"pool_size": 0, "events": ["A"], "class_counts": {"none": 3}})", "pool_size"},
      {"{" + two + "}", "class_counts"},
      {"{" + two + R"(, "class_counts": [3, 4]})", "class_counts"},
      {"{" + two + R"(, "class_counts": {"none": 0}})", "class_counts"},
      {"{" + two + R"(, "class_counts": {"none": -1, "A": 3}})", "class_counts.none"},
      {"{" + two + R"(, "class_counts": {"none": 1.5}})", "class_counts.none"},
      {"{" + two + R"(, "class_counts": {"none": 3, "C": 1}})", "class_counts.C"},
      {"{" + two + R"(, "class_counts": {"none": 3, "A+B": 1, "B+A": 2}})", "class_counts.B+A"},
      {"{" + two + R"(, "class_counts": {"none": 3, "A": 1}, "pools": 5})", "class_counts"},
      {"{" + two + R"(, "class_counts": {"none": 3, "A": 1}, "fpr": 0.5, "fnr": 0.5})", "fnr"},
      {"{" + two + R"(, "class_counts": {"none": 3, "A": 1}, "fpr": [0.1, 0.5], "fnr": [0.1, 0.6]})", "fnr[1]"},
      {"{" + two + R"(, "class_counts": {"none": 3, "A": 1}, "fpr": [0.1]})", "fpr"},
      {"{" + two + R"(, "class_counts": {"none": 3, "A": 1}, "fpr": 1})", "fpr"},
      {"{" + two + R"(, "class_counts": {"none": 3, "A": 1}, "seed_types": ["non_gm"]})", "seed_types[0]"},
      {"{" + two + R"(, "class_counts": {"none": 3, "A": 1}, "seed_types": ["A", "C"]})", "seed_types[1]"},
      {"{" + two + R"(, "class_counts": {"none": 3, "A": 1}, "seed_types": ["A", "A"]})", "seed_types[1]"},
      {"{" + two + R"(, "class_counts": {"none": 3, "A": 1}, "max_iterations": 0})", "max_iterations"},
      {"{" + two + R"(, "class_counts": {"none": 3, "A": 1}, "colour": "red"})", "colour"},
      {R"({"pool_size": 1, "events": ["A", "B"], "class_counts": {"none": 3, "A+B": 1}, "seed_types": ["A", "B"]})",
       "class_counts.A+B"},
  };
  for (const auto& [request, field] : cases) {
    EXPECT_EQ(field_of(estimate_stacked(json::parse(request))), field) << request;
  }
}
