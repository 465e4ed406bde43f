// Fuzzes the screening matrix: the input is "csv\0controls" (split at the first 0x00 byte; with
// none, the CSV bytes are the controls too). Any bytes: a matrix or a FieldError naming
// "matrix_csv", no crash. On a matrix, the controls pick a result per method (and sometimes a
// repeated contradictory one or an unknown name, which must be refused), then the
// interpretation must hold together — candidates are exactly the events no negative detects,
// every listed explanation has the minimum size, uses candidates only and covers every
// explained positive, events in every explanation are in each listed one, next tests carry
// finite information in (0, 1] best first — and the panel design must reach its coverage with
// at most K methods and a coverage curve that never decreases.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/matrix_interpretation.hpp"
#include "domain/panel_design.hpp"
#include "domain/screening_matrix.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace lmo::domain;
using lmo::fuzz::require;

namespace {

void check_interpretation(const ScreeningMatrix& matrix, const Interpretation& out) {
  const std::size_t events = matrix.events().size();
  BitSet excluded(events);
  for (std::size_t m : out.negatives) excluded |= matrix.detects(m);
  require(out.excluded.size() == excluded.count());
  require(out.candidates.size() + out.excluded.size() == events);
  BitSet candidates(events);
  for (const auto& c : out.candidates) {
    require(!excluded.test(c.event));
    candidates.set(c.event);
  }
  std::size_t screening_positives = 0;
  for (std::size_t m : out.positives) screening_positives += matrix.methods()[m].kind != MethodKind::virus_marker;
  require(out.explained_positives.size() + out.unexplained.size() == screening_positives);
  for (const auto& u : out.unexplained) require(!matrix.detects(u.method).intersects(candidates));

  const auto& ex = out.explanations;
  if (ex.status == ExplanationStatus::complete || ex.status == ExplanationStatus::truncated) {
    require(ex.size.has_value());
    if (ex.count) require(*ex.count >= ex.listed.size());
    for (const auto& explanation : ex.listed) {
      require(explanation.size() == *ex.size);
      require(std::is_sorted(explanation.begin(), explanation.end()));
      BitSet chosen(events);
      for (std::size_t e : explanation) {
        require(candidates.test(e));
        chosen.set(e);
      }
      for (std::size_t m : out.explained_positives) require(matrix.detects(m).intersects(chosen));
      for (std::size_t e : ex.in_every) require(chosen.test(e));
    }
  }
  if (ex.status == ExplanationStatus::nothing_to_explain) require(out.explained_positives.empty());
  for (std::size_t i = 0; i < out.next_tests.size(); ++i) {
    const auto& t = out.next_tests[i];
    require(std::isfinite(t.information_bits) && t.information_bits > 0 && t.information_bits <= 1 + 1e-12);
    require(t.positive_probability > 0 && t.positive_probability < 1);
    require(matrix.methods()[t.method].kind != MethodKind::virus_marker);
    if (i > 0) require(out.next_tests[i - 1].information_bits >= t.information_bits - 1e-12);
  }
}

void check_panel(const ScreeningMatrix& matrix, std::string_view controls) {
  PanelRequest request;
  request.max_methods = 1 + (controls.empty() ? 0 : static_cast<std::uint8_t>(controls[0]) % 3);
  request.coverage = controls.size() < 2 ? 80 : 1 + static_cast<std::uint8_t>(controls[1]) % 100;
  request.max_work = 2'000'000;
  auto checked = design_panel(matrix, request);
  require(!error_of(checked));
  const auto& design = std::get<PanelDesign>(checked);
  require(design.curve.size() == request.max_methods);
  for (std::size_t k = 1; k < design.curve.size(); ++k) {
    require(design.curve[k].best.covered >= design.curve[k - 1].best.covered || !design.curve[k].exact);
  }
  if (design.panel) {
    require(design.panel->methods.size() <= request.max_methods);
    BitSet covered(matrix.events().size());
    for (std::size_t m : design.panel->methods) covered |= matrix.detects(m);
    require(covered.count() == design.panel->covered);
    require(design.panel->covered >= design.required);
    require(design.uncovered.size() == matrix.events().size() - design.panel->covered);
  } else {
    require(design.status != PanelStatus::optimal);
  }
  if (design.status == PanelStatus::infeasible) require(design.curve.back().best.covered < design.required);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t split = input.find('\0');
  std::string_view csv = input.substr(0, split);
  std::string_view controls = split == std::string_view::npos ? input : input.substr(split + 1);

  auto parsed = parse_screening_matrix_csv(csv);
  if (const auto* error = error_of(parsed)) {
    require(error->field == "matrix_csv" && !error->message.empty());
    return 0;
  }
  const auto& matrix = std::get<ScreeningMatrix>(parsed);
  require(!matrix.events().empty() && !matrix.methods().empty());

  std::vector<MethodResult> results;
  for (std::size_t m = 0; m < matrix.methods().size(); ++m) {
    std::uint8_t c = controls.empty() ? 0 : static_cast<std::uint8_t>(controls[m % controls.size()]);
    if (c % 4 == 0) results.push_back({matrix.methods()[m].name, TestResult::positive});
    if (c % 4 == 1) results.push_back({matrix.methods()[m].name, TestResult::negative});
    if (c % 4 == 2) results.push_back({matrix.methods()[m].name, TestResult::untested});
  }
  InterpretationOptions options;
  options.search.max_work = 2'000'000;
  options.search.max_covers = 200;
  options.max_listed_explanations = 50;
  auto interpreted = interpret_results(matrix, results, options);
  require(!error_of(interpreted));
  check_interpretation(matrix, std::get<Interpretation>(interpreted));

  // A contradiction and an unknown method are refused, naming the method.
  if (!results.empty()) {
    auto contradictory = results;
    MethodResult again = results.front();
    again.result = again.result == TestResult::positive ? TestResult::negative : TestResult::positive;
    contradictory.push_back(again);
    auto refused = interpret_results(matrix, contradictory, options);
    require(error_of(refused) && error_of(refused)->field == "results." + again.method);
  }
  std::string unknown = "unknown method";
  while (matrix.find_method(unknown)) unknown += "!";
  auto refused = interpret_results(matrix, {{unknown, TestResult::positive}}, options);
  require(error_of(refused) && error_of(refused)->field == "results." + unknown);

  check_panel(matrix, controls);
  return 0;
}
