// Screening-matrix benchmarks (issue #5 item 7): interpretation with exact minimum
// explanations on a synthetic but realistic 500 events × 300 methods matrix, and panel design
// for 300 target events (K = 5 at 80 % and 100 %; also K = 8 at 90 % and K = 12 at 95 %).
// Baselines in the same run:
//  - explanations: exhaustive enumeration of candidate combinations by increasing size (what
//    the exact search replaces), on the same instance — timed for the explanations alone, while
//    BM_Interpret times the whole interpretation (exclusions, explanations, next tests);
//  - panels: the cost-per-target greedy set cover (fast, not exact); the counters show how much
//    dearer its panel is.
// The matrix: 350 single events and 150 stacks of 2–4 of them. Each single event carries
// screening elements drawn with realistic frequencies (P-35S ~45 %, T-nos ~30 %, CP4-EPSPS,
// pat, ...); a stack carries its parents'. 20 element methods detect the events with their
// element, 30 construct methods the events with both elements of a pair, 250 event methods one
// single event and the stacks that contain it.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>
#include <set>

#include "domain/matrix_interpretation.hpp"
#include "domain/panel_design.hpp"
#include "domain/screening_matrix.hpp"

using namespace lmo::domain;

namespace {

constexpr std::size_t kSingles = 350, kStacks = 150, kElements = 20, kConstructs = 30, kEventMethods = 250;

struct Synthetic {
  ScreeningMatrix matrix;
  std::vector<std::vector<std::size_t>> parents;  // per event: its single events (itself for a single)
};

Synthetic make_synthetic() {
  std::mt19937 random(5005);
  // Element frequencies among single events: a few very common, a long tail.
  const double frequency[kElements] = {0.45, 0.30, 0.28, 0.25, 0.15, 0.12, 0.12, 0.10, 0.10, 0.08,
                                       0.07, 0.06, 0.05, 0.05, 0.04, 0.04, 0.03, 0.03, 0.02, 0.02};
  std::vector<std::vector<bool>> has(kSingles + kStacks, std::vector<bool>(kElements, false));
  std::uniform_real_distribution<double> unit(0, 1);
  for (std::size_t e = 0; e < kSingles; ++e) {
    bool any = false;
    for (std::size_t k = 0; k < kElements; ++k) any = (has[e][k] = unit(random) < frequency[k]) || any;
    if (!any) has[e][random() % kElements] = true;  // every GM event carries some screening element
  }
  std::vector<std::vector<std::size_t>> parents(kSingles + kStacks);
  for (std::size_t e = 0; e < kSingles; ++e) parents[e] = {e};
  for (std::size_t s = kSingles; s < kSingles + kStacks; ++s) {
    std::set<std::size_t> chosen;
    std::size_t count = 2 + random() % 3;
    while (chosen.size() < count) chosen.insert(random() % kSingles);
    parents[s].assign(chosen.begin(), chosen.end());
    for (std::size_t p : chosen) {
      for (std::size_t k = 0; k < kElements; ++k) has[s][k] = has[s][k] || has[p][k];
    }
  }
  std::vector<ScreeningEvent> events;
  for (std::size_t e = 0; e < kSingles + kStacks; ++e) events.push_back({"E" + std::to_string(e), ""});
  std::vector<ScreeningMethod> methods;
  std::vector<BitSet> detects;
  auto add = [&](std::string name, MethodKind kind, double cost, const auto& detects_event) {
    ScreeningMethod method;
    method.name = std::move(name);
    method.kind = kind;
    method.cost = cost;
    BitSet row(events.size());
    for (std::size_t e = 0; e < events.size(); ++e) {
      if (detects_event(e)) row.set(e);
    }
    methods.push_back(std::move(method));
    detects.push_back(std::move(row));
  };
  for (std::size_t k = 0; k < kElements; ++k) {
    add("element-" + std::to_string(k), MethodKind::element, 1.0, [&](std::size_t e) { return has[e][k]; });
  }
  for (std::size_t c = 0; c < kConstructs; ++c) {
    std::size_t a = random() % 8, b = 8 + random() % 12;  // a common element next to a rarer one
    add("construct-" + std::to_string(c), MethodKind::construct, 1.5, [&](std::size_t e) { return has[e][a] && has[e][b]; });
  }
  for (std::size_t m = 0; m < kEventMethods; ++m) {
    add("event-" + std::to_string(m), MethodKind::event, 2.0, [&](std::size_t e) {
      return std::find(parents[e].begin(), parents[e].end(), m) != parents[e].end();
    });
  }
  auto made = ScreeningMatrix::make(std::move(events), std::move(methods), std::move(detects));
  return {std::get<ScreeningMatrix>(std::move(made)), std::move(parents)};
}

const Synthetic& synthetic() {
  static const Synthetic s = make_synthetic();
  return s;
}

// The results a sample holding `present` gives on every element and construct method (event
// methods untested), plus `extra_positive` (a method positive for another reason).
std::vector<MethodResult> screen(const ScreeningMatrix& matrix, const std::vector<std::size_t>& present,
                                 std::optional<std::size_t> extra_positive = std::nullopt) {
  std::vector<MethodResult> results;
  for (std::size_t m = 0; m < kElements + kConstructs; ++m) {
    bool positive = std::any_of(present.begin(), present.end(), [&](std::size_t e) { return matrix.detects(m).test(e); });
    positive = positive || extra_positive == m;
    results.push_back({matrix.methods()[m].name, positive ? TestResult::positive : TestResult::negative});
  }
  return results;
}

// The scenarios: results of element and construct methods (event methods untested) for one
// event; mixtures of 3 and 8 events (a feed sample); 12 events with element methods only (the
// most ambiguous); one event plus a positive element screen that nothing remaining explains.
constexpr int kScenarios = 5;

std::vector<std::size_t> mixture(std::uint32_t seed, std::size_t count) {
  std::mt19937 random(seed);
  std::vector<std::size_t> present;
  for (std::size_t i = 0; i < count; ++i) present.push_back(random() % (kSingles + kStacks));
  return present;
}

std::vector<MethodResult> scenario(int which) {
  const auto& matrix = synthetic().matrix;
  switch (which) {
    case 0: return screen(matrix, {17});
    case 1: return screen(matrix, mixture(3, 3));
    case 2: return screen(matrix, mixture(8, 8));
    case 3: {
      auto results = screen(matrix, mixture(12, 12));
      results.resize(kElements);
      return results;
    }
    default: {
      // Event 42 with a positive element screen that no remaining candidate explains (the
      // rarest such element).
      for (std::size_t k = kElements; k-- > 0;) {
        if (matrix.detects(k).test(42)) continue;
        auto results = screen(matrix, {42}, k);
        if (!std::get<Interpretation>(interpret_results(matrix, results)).unexplained.empty()) return results;
      }
      return screen(matrix, {42});
    }
  }
}

double combinations(std::size_t n, std::size_t k) {
  double c = 1;
  for (std::size_t i = 0; i < k; ++i) c = c * static_cast<double>(n - i) / static_cast<double>(i + 1);
  return c;
}

std::size_t relevant_candidates(const Interpretation& out) {
  return static_cast<std::size_t>(std::count_if(out.candidates.begin(), out.candidates.end(),
                                                [](const Candidate& c) { return !c.explains.empty(); }));
}

void BM_Interpret(benchmark::State& state) {
  const auto& matrix = synthetic().matrix;
  auto results = scenario(static_cast<int>(state.range(0)));
  Interpretation out;
  for (auto _ : state) {
    auto checked = interpret_results(matrix, results);
    out = std::get<Interpretation>(std::move(checked));
    benchmark::DoNotOptimize(out);
  }
  std::size_t k = out.explanations.size.value_or(0);
  double exhaustive = 0;
  for (std::size_t s = 1; s <= k; ++s) exhaustive += combinations(relevant_candidates(out), s);
  state.counters["candidates"] = static_cast<double>(out.candidates.size());
  state.counters["explained_positives"] = static_cast<double>(out.explained_positives.size());
  state.counters["unexplained"] = static_cast<double>(out.unexplained.size());
  state.counters["min_size"] = static_cast<double>(k);
  state.counters["explanations"] = static_cast<double>(out.explanations.count.value_or(0));
  state.counters["search_nodes"] = static_cast<double>(out.explanations.search_nodes);
  state.counters["exhaustive_combinations"] = exhaustive;
}
BENCHMARK(BM_Interpret)->DenseRange(0, kScenarios - 1)->Unit(benchmark::kMicrosecond);

// Baseline: every combination of the candidates that detect some positive, by increasing
// size, until a size at which some combination explains every explained positive; counts
// them all. Skipped where that means more than 3e7 combinations.
void BM_ExplanationsExhaustive(benchmark::State& state) {
  const auto& matrix = synthetic().matrix;
  auto results = scenario(static_cast<int>(state.range(0)));
  auto out = std::get<Interpretation>(interpret_results(matrix, results));
  std::vector<std::size_t> relevant;
  for (const auto& c : out.candidates) {
    if (!c.explains.empty()) relevant.push_back(c.event);
  }
  double work = 0;
  for (std::size_t s = 1; s <= out.explanations.size.value_or(0); ++s) work += combinations(relevant.size(), s);
  if (work > 3e7) {
    state.SkipWithError(("would enumerate " + std::to_string(static_cast<long long>(work)) + " combinations").c_str());
    return;
  }
  std::size_t found = 0;
  std::size_t size = 0;
  for (auto _ : state) {
    found = 0;
    for (size = 1; size <= relevant.size() && found == 0; ++size) {
      std::vector<std::size_t> pick(size);
      for (std::size_t i = 0; i < size; ++i) pick[i] = i;
      for (;;) {  // combinations of `size` relevant candidates in lexicographic order
        bool covers = std::all_of(out.explained_positives.begin(), out.explained_positives.end(), [&](std::size_t m) {
          return std::any_of(pick.begin(), pick.end(), [&](std::size_t i) { return matrix.detects(m).test(relevant[i]); });
        });
        found += covers;
        std::size_t i = size;
        while (i > 0 && pick[i - 1] == relevant.size() - size + i - 1) --i;
        if (i == 0) break;
        ++pick[i - 1];
        for (std::size_t j = i; j < size; ++j) pick[j] = pick[j - 1] + 1;
      }
    }
    benchmark::DoNotOptimize(found);
  }
  state.counters["min_size"] = static_cast<double>(size - 1);
  state.counters["explanations"] = static_cast<double>(found);
  state.counters["relevant_candidates"] = static_cast<double>(relevant.size());
}
BENCHMARK(BM_ExplanationsExhaustive)->DenseRange(0, kScenarios - 1)->Unit(benchmark::kMicrosecond);

// 300 of the 500 events, spread out; coverage % and K from the benchmark's arguments.
PanelRequest panel_request(const benchmark::State& state) {
  PanelRequest request;
  for (std::size_t e = 0; e < 300; ++e) request.targets.push_back(e * 5 / 3);
  request.coverage = static_cast<double>(state.range(0));
  request.max_methods = static_cast<std::size_t>(state.range(1));
  return request;
}

void BM_PanelExact(benchmark::State& state) {
  const auto& matrix = synthetic().matrix;
  PanelRequest request = panel_request(state);
  PanelDesign design;
  for (auto _ : state) {
    design = std::get<PanelDesign>(design_panel(matrix, request));
    benchmark::DoNotOptimize(design);
  }
  state.counters["optimal"] = design.status == PanelStatus::optimal;
  state.counters["cost"] = design.panel ? design.panel->cost : 0;
  state.counters["covered"] = static_cast<double>(design.panel ? design.panel->covered : design.curve.back().best.covered);
  state.counters["search_nodes"] = static_cast<double>(design.search_nodes);
}
BENCHMARK(BM_PanelExact)->Args({80, 5})->Args({100, 5})->Args({90, 8})->Args({95, 12})->Unit(benchmark::kMillisecond);

// Baseline: the greedy weighted set cover — the method with the lowest cost per newly detected
// target, until the coverage is reached or K methods are chosen.
void BM_PanelGreedy(benchmark::State& state) {
  const auto& matrix = synthetic().matrix;
  PanelRequest request = panel_request(state);
  std::size_t required = static_cast<std::size_t>(std::ceil(request.coverage * 3.0 - 1e-9));  // of 300
  BitSet targets(matrix.events().size());
  for (std::size_t t : request.targets) targets.set(t);
  double cost = 0;
  std::size_t covered_count = 0;
  for (auto _ : state) {
    BitSet covered(matrix.events().size());
    cost = 0;
    covered_count = 0;
    for (std::size_t chosen = 0; chosen < request.max_methods && covered_count < required; ++chosen) {
      std::optional<std::size_t> pick;
      double best_ratio = 0;
      for (std::size_t m = 0; m < matrix.methods().size(); ++m) {
        BitSet gain = matrix.detects(m);
        gain &= targets;
        std::size_t g = gain.count_and_not(covered);
        if (g == 0) continue;
        double ratio = matrix.methods()[m].cost / static_cast<double>(g);
        if (!pick || ratio < best_ratio) {
          pick = m;
          best_ratio = ratio;
        }
      }
      if (!pick) break;
      BitSet add = matrix.detects(*pick);
      add &= targets;
      covered |= add;
      cost += matrix.methods()[*pick].cost;
      covered_count = covered.count();
    }
    benchmark::DoNotOptimize(cost);
  }
  state.counters["reached"] = covered_count >= required;
  state.counters["cost"] = cost;
  state.counters["covered"] = static_cast<double>(covered_count);
}
BENCHMARK(BM_PanelGreedy)->Args({80, 5})->Args({100, 5})->Args({90, 8})->Args({95, 12})->Unit(benchmark::kMillisecond);

}  // namespace
