// Panel design: hand-made matrices with known cheapest panels and coverage curves, the
// exact search against enumeration of every method subset on random matrices with random
// costs (fixed seed), the registry's matrix against enumeration of every panel of up to
// three methods, and every refused request.
#include "domain/panel_design.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "domain/screening_matrix.hpp"
#include "services/registry_loader.hpp"
#include "test_support.hpp"

using namespace lmo::domain;

namespace {

ScreeningMatrix matrix_of(const std::string& csv) {
  auto checked = parse_screening_matrix_csv(csv);
  if (const auto* error = error_of(checked)) ADD_FAILURE() << error->message;
  return std::get<ScreeningMatrix>(std::move(checked));
}

PanelDesign design(const ScreeningMatrix& matrix, const PanelRequest& request) {
  auto checked = design_panel(matrix, request);
  if (const auto* error = error_of(checked)) ADD_FAILURE() << error->field << ": " << error->message;
  return std::get<PanelDesign>(std::move(checked));
}

std::vector<std::string> names(const ScreeningMatrix& matrix, const std::vector<std::size_t>& methods) {
  std::vector<std::string> out;
  for (std::size_t m : methods) out.push_back(matrix.methods()[m].name);
  return out;
}

using Names = std::vector<std::string>;

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

}  // namespace

TEST(PanelDesign, CheapestPanelsForTheLabMatrix) {
  ScreeningMatrix matrix = matrix_of(kLabMatrix);
  PanelRequest request;  // all 8 events, K = 5, 80 %
  PanelDesign out = design(matrix, request);
  EXPECT_EQ(out.status, PanelStatus::optimal);
  EXPECT_EQ(out.target_count, 8u);
  EXPECT_EQ(out.required, 7u);  // ⌈0.8 × 8⌉
  ASSERT_TRUE(out.panel);
  EXPECT_EQ(names(matrix, out.panel->methods), (Names{"P-35S", "T-nos"}));
  EXPECT_DOUBLE_EQ(out.panel->cost, 2);
  EXPECT_EQ(out.panel->covered, 7u);
  ASSERT_EQ(out.uncovered.size(), 1u);
  EXPECT_EQ(matrix.events()[out.uncovered[0]].name, "MON89788");
  EXPECT_TRUE(out.undetectable.empty());

  // All eight: a third method for MON89788; CP4-EPSPS detects a superset of what P-FMV does at
  // the same cost, so P-FMV is never needed.
  request.coverage = 100;
  out = design(matrix, request);
  ASSERT_TRUE(out.panel);
  EXPECT_EQ(names(matrix, out.panel->methods), (Names{"P-35S", "T-nos", "CP4-EPSPS"}));
  EXPECT_DOUBLE_EQ(out.panel->cost, 3);
  EXPECT_TRUE(out.uncovered.empty());

  // The coverage curve: 5, 7, 8, 8, 8 targets with 1..5 methods; the cheapest such sets.
  ASSERT_EQ(out.curve.size(), 5u);
  std::vector<std::size_t> covered;
  for (const auto& point : out.curve) {
    covered.push_back(point.best.covered);
    EXPECT_TRUE(point.exact);
  }
  EXPECT_EQ(covered, (std::vector<std::size_t>{5, 7, 8, 8, 8}));
  EXPECT_EQ(out.curve[3].best.methods.size(), 3u);  // a fourth method would only cost more
  EXPECT_DOUBLE_EQ(out.curve[4].best.cost, 3);

  // At most two methods cannot detect all eight.
  request.max_methods = 2;
  out = design(matrix, request);
  EXPECT_EQ(out.status, PanelStatus::infeasible);
  EXPECT_FALSE(out.panel);
  EXPECT_EQ(out.curve.back().best.covered, 7u);
}

TEST(PanelDesign, CostsTargetsAndCandidateMethods) {
  ScreeningMatrix matrix = matrix_of(kLabMatrix);
  // Only the three soybean/cotton-like targets NK603, GTS-40-3-2, MON89788: CP4 alone.
  PanelRequest request;
  request.targets = {1, 5, 6};
  request.coverage = 100;
  PanelDesign out = design(matrix, request);
  ASSERT_TRUE(out.panel);
  EXPECT_EQ(names(matrix, out.panel->methods), (Names{"CP4-EPSPS"}));
  // CP4 made expensive (cost 5): P-35S + P-FMV (cost 2) is cheaper.
  request.costs.assign(matrix.methods().size(), 1.0);
  request.costs[5] = 5;
  out = design(matrix, request);
  EXPECT_EQ(names(matrix, out.panel->methods), (Names{"P-35S", "P-FMV"}));
  EXPECT_DOUBLE_EQ(out.panel->cost, 2);
  // Only the event method and the marker as candidates: MON810 alone is detectable.
  request = PanelRequest{};
  request.methods = {7, 8};
  request.coverage = 10;
  out = design(matrix, request);
  ASSERT_TRUE(out.panel);
  EXPECT_EQ(names(matrix, out.panel->methods), (Names{"MON810-event"}));
  EXPECT_EQ(out.undetectable.size(), 7u);
  EXPECT_EQ(out.uncovered.size(), 7u);
  // Equal cost and coverage: fewer methods win (one method of cost 2 over two of cost 1).
  ScreeningMatrix ties = matrix_of("method,cost,A,B\nX,1,1,0\nY,1,0,1\nXY,2,1,1\n");
  request = PanelRequest{};
  request.coverage = 100;
  out = design(ties, request);
  EXPECT_EQ(names(ties, out.panel->methods), (Names{"XY"}));
  // Equal cost: more coverage wins even above the goal.
  ScreeningMatrix more = matrix_of("method,cost,A,B,C\nX,2,1,0,0\nY,2,1,1,0\n");
  request.coverage = 30;
  out = design(more, request);
  EXPECT_EQ(names(more, out.panel->methods), (Names{"Y"}));
}

TEST(PanelDesign, RefusedRequests) {
  ScreeningMatrix matrix = matrix_of(kLabMatrix);
  auto refusal = [&](const PanelRequest& request) {
    auto checked = design_panel(matrix, request);
    const auto* error = error_of(checked);
    return error ? *error : FieldError{"(accepted)", ""};
  };
  PanelRequest request;
  request.targets = {0, 8};
  EXPECT_EQ(refusal(request).field, "targets[1]");
  request.targets = {0, 2, 0};
  EXPECT_EQ(refusal(request).field, "targets[2]");
  EXPECT_EQ(refusal(request).message, "is listed twice");
  request = {};
  request.methods = {9};
  EXPECT_EQ(refusal(request).field, "methods[0]");
  request = {};
  request.costs = {1, 2};
  EXPECT_EQ(refusal(request).field, "costs");
  request.costs.assign(9, 1.0);
  request.costs[3] = -1;
  EXPECT_EQ(refusal(request).field, "costs[3]");
  request.costs[3] = NAN;
  EXPECT_EQ(refusal(request).field, "costs[3]");
  for (double coverage : {0.0, -5.0, 100.5, static_cast<double>(NAN)}) {
    request = {};
    request.coverage = coverage;
    EXPECT_EQ(refusal(request).field, "coverage") << coverage;
  }
  for (std::size_t k : {std::size_t{0}, kMaxPanelMethods + 1}) {
    request = {};
    request.max_methods = k;
    EXPECT_EQ(refusal(request).field, "max_methods") << k;
  }
  request = {};
  request.max_methods = kMaxPanelMethods;
  EXPECT_EQ(refusal(request).field, "(accepted)");
}

TEST(PanelDesign, EffortLimitIsReported) {
  ScreeningMatrix matrix = matrix_of(kLabMatrix);
  PanelRequest request;
  request.max_work = 1;
  PanelDesign out = design(matrix, request);
  EXPECT_EQ(out.status, PanelStatus::search_limit_reached);
  EXPECT_FALSE(out.curve.front().exact);
  // The quick first panel, when it reaches the goal, is still given (not proven cheapest).
  ASSERT_TRUE(out.panel);
  EXPECT_GE(out.panel->covered, out.required);
}

namespace {

struct Best {
  bool found = false;
  double cost = 0;
  std::size_t covered = 0;
  std::size_t size = 0;
};

// Every subset of the candidate methods, by brute force.
void brute_force(const ScreeningMatrix& matrix, const std::vector<double>& costs, std::size_t k, std::size_t required,
                 Best& cheapest, std::vector<Best>& curve) {
  std::size_t n = matrix.methods().size();
  curve.assign(k + 1, Best{});
  for (std::uint32_t mask = 0; mask < (1U << n); ++mask) {
    std::size_t size = static_cast<std::size_t>(__builtin_popcount(mask));
    if (size > k) continue;
    BitSet covered(matrix.events().size());
    double cost = 0;
    for (std::size_t m = 0; m < n; ++m) {
      if (mask >> m & 1U) {
        covered |= matrix.detects(m);
        cost += costs[m];
      }
    }
    std::size_t count = covered.count();
    if (count >= required) {
      bool better = !cheapest.found || cost < cheapest.cost - 1e-9 ||
                    (cost < cheapest.cost + 1e-9 && (count > cheapest.covered || (count == cheapest.covered && size < cheapest.size)));
      if (better) cheapest = {true, cost, count, size};
    }
    for (std::size_t j = std::max<std::size_t>(size, 1); j <= k; ++j) {
      Best& point = curve[j];
      if (!point.found || count > point.covered || (count == point.covered && cost < point.cost - 1e-9)) {
        point = {true, cost, count, size};
      }
    }
  }
}

}  // namespace

TEST(PanelDesign, MatchesExhaustiveEnumerationOnRandomMatrices) {
  std::mt19937 random(7031);
  int feasible = 0, infeasible = 0;
  for (int round = 0; round < 300; ++round) {
    std::size_t events = 1 + random() % 14;
    std::size_t methods = 1 + random() % 10;
    std::bernoulli_distribution bit(0.1 + 0.1 * (random() % 5));
    std::string csv = "method,cost";
    for (std::size_t e = 0; e < events; ++e) csv += ",E" + std::to_string(e);
    csv += "\n";
    std::vector<double> costs;
    for (std::size_t m = 0; m < methods; ++m) {
      costs.push_back(static_cast<double>(1 + random() % 4) * (random() % 3 == 0 ? 0.5 : 1.0));
      csv += "M" + std::to_string(m) + "," + std::to_string(costs.back());
      for (std::size_t e = 0; e < events; ++e) csv += bit(random) ? ",1" : ",0";
      csv += "\n";
    }
    ScreeningMatrix matrix = matrix_of(csv);
    PanelRequest request;
    request.max_methods = 1 + random() % 5;
    const double goals[] = {100, 80, 50, 33.3, 90, 66.7};
    request.coverage = goals[random() % 6];
    PanelDesign out = design(matrix, request);
    Best cheapest;
    std::vector<Best> curve;
    brute_force(matrix, costs, request.max_methods, out.required, cheapest, curve);
    EXPECT_EQ(out.required, static_cast<std::size_t>(std::ceil(request.coverage * static_cast<double>(events) / 100 - 1e-9)));
    ASSERT_EQ(out.panel.has_value(), cheapest.found) << csv;
    if (cheapest.found) {
      ++feasible;
      EXPECT_EQ(out.status, PanelStatus::optimal);
      EXPECT_NEAR(out.panel->cost, cheapest.cost, 1e-9) << csv;
      EXPECT_EQ(out.panel->covered, cheapest.covered) << csv;
      EXPECT_EQ(out.panel->methods.size(), cheapest.size) << csv;
      BitSet covered(events);
      double cost = 0;
      for (std::size_t m : out.panel->methods) {
        covered |= matrix.detects(m);
        cost += costs[m];
      }
      EXPECT_EQ(covered.count(), out.panel->covered);
      EXPECT_NEAR(cost, out.panel->cost, 1e-9);
      EXPECT_EQ(out.uncovered.size(), events - covered.count());
    } else {
      ++infeasible;
      EXPECT_EQ(out.status, PanelStatus::infeasible);
    }
    for (std::size_t k = 1; k <= request.max_methods; ++k) {
      EXPECT_EQ(out.curve[k - 1].best.covered, curve[k].covered) << csv << " k=" << k;
      EXPECT_NEAR(out.curve[k - 1].best.cost, curve[k].cost, 1e-9) << csv << " k=" << k;
    }
  }
  EXPECT_GT(feasible, 100);
  EXPECT_GT(infeasible, 20);
}

TEST(PanelDesign, RegistryMatrixMatchesEnumerationOfSmallPanels) {
  auto registry = lmo::services::read_bundled_registry(lmo::test::source_dir() / "data" / "registry");
  auto built = build_matrix_from_registry(registry.methods, registry.lmos, registry.elements);
  ASSERT_FALSE(error_of(built));
  const auto& matrix = std::get<ScreeningMatrix>(built);
  std::vector<std::size_t> screening;
  for (std::size_t m = 0; m < matrix.methods().size(); ++m) {
    if (matrix.methods()[m].kind != MethodKind::virus_marker) screening.push_back(m);
  }
  // Every panel of at most three methods (unit costs): the most LMOs detected, for the curve,
  // and the fewest methods reaching 50 % of the 108 LMOs.
  std::size_t best[4] = {0, 0, 0, 0};
  std::size_t n = screening.size();
  for (std::size_t a = 0; a < n; ++a) {
    const BitSet& ra = matrix.detects(screening[a]);
    best[1] = std::max(best[1], ra.count());
    for (std::size_t b = a + 1; b < n; ++b) {
      BitSet ab = ra;
      ab |= matrix.detects(screening[b]);
      best[2] = std::max(best[2], ab.count());
      for (std::size_t c = b + 1; c < n; ++c) {
        BitSet abc = ab;
        abc |= matrix.detects(screening[c]);
        best[3] = std::max(best[3], abc.count());
      }
    }
  }
  PanelRequest request;
  request.max_methods = 3;
  request.coverage = 50;
  PanelDesign out = design(matrix, request);
  ASSERT_EQ(out.curve.size(), 3u);
  for (std::size_t k = 1; k <= 3; ++k) EXPECT_EQ(out.curve[k - 1].best.covered, best[k]) << k;
  std::size_t fewest = best[1] >= 54 ? 1 : best[2] >= 54 ? 2 : best[3] >= 54 ? 3 : 0;
  ASSERT_NE(fewest, 0u);
  ASSERT_TRUE(out.panel);
  EXPECT_EQ(out.panel->methods.size(), fewest);
  EXPECT_GE(out.panel->covered, 54u);

  // GMOtrack defaults (K = 5, 80 %) on every LMO: a panel or a clear infeasible, exactly.
  out = design(matrix, PanelRequest{});
  EXPECT_NE(out.status, PanelStatus::search_limit_reached);
  EXPECT_EQ(out.panel.has_value(), out.curve.back().best.covered >= out.required);
}
