// MatrixInterpretation: what a set of screening results says about a sample, read through a
// ScreeningMatrix (domain.md §7). Every event a negative method detects is excluded; the
// rest stay candidates. A positive that no candidate explains is unexplained: a possible
// unauthorised GMO — or, for a method whose target comes from a plant virus (P-35S from CaMV,
// P-FMV from FMV), possibly that virus, which the matching virus marker settles. The
// smallest sets of candidates explaining every other positive are found exactly, with the
// events present in all of them, and the untested methods are ranked by how evenly they
// would split what is still open (expected information in bits; ties by cost).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/field_error.hpp"
#include "domain/minimum_covers.hpp"
#include "domain/screening_matrix.hpp"

namespace lmo::domain {

enum class TestResult { positive, negative, untested };
std::string_view test_result_name(TestResult result);  // "positive", "negative", "untested"
std::optional<TestResult> parse_test_result(std::string_view name);

struct MethodResult {
  std::string method;  // a method name of the matrix
  TestResult result = TestResult::untested;
};

struct InterpretationOptions {
  std::size_t max_listed_explanations = 20;
  std::size_t max_next_tests = 10;
  // At most 10 000 group covers are enumerated: beyond that the count is not known and the
  // next tests are weighed by candidates.
  CoverSearchLimits search{200'000'000, 10'000};
};

struct ExcludedEvent {
  std::size_t event = 0;
  std::vector<std::size_t> by;  // the negative methods that detect it
};

struct Candidate {
  std::size_t event = 0;
  std::vector<std::size_t> explains;  // the explained positive methods that detect it
};

enum class UnexplainedAssessment {
  possible_unauthorised_gmo,    // nothing in the matrix explains it
  check_plant_virus,            // ... or the plant virus its target comes from: test the marker
  plant_virus_marker_positive,  // the marker of that virus is positive: the virus may explain it
};
// "possible_unauthorised_gmo", "check_plant_virus", "plant_virus_marker_positive".
std::string_view assessment_name(UnexplainedAssessment assessment);

struct UnexplainedPositive {
  std::size_t method = 0;
  UnexplainedAssessment assessment = UnexplainedAssessment::possible_unauthorised_gmo;
  std::string virus;                       // the method's viral origin, if any
  std::vector<std::size_t> virus_markers;  // the matrix's markers for that virus
};

enum class ExplanationStatus {
  nothing_to_explain,  // no positive that a candidate explains
  complete,            // every minimum explanation counted (some listed)
  truncated,           // too many to count: size and in_every are exact, count is not known
  search_limit_reached,  // the exact search ran out of steps: nothing below is reliable
};
// "nothing_to_explain", "complete", "truncated", "search_limit_reached".
std::string_view explanation_status_name(ExplanationStatus status);

struct MinimumExplanations {
  ExplanationStatus status = ExplanationStatus::nothing_to_explain;
  std::optional<std::size_t> size;  // events per minimum explanation
  // How many minimum explanations there are (complete only); saturates at UINT64_MAX.
  std::optional<std::uint64_t> count;
  std::vector<std::vector<std::size_t>> listed;  // event indices, increasing in each
  std::vector<std::size_t> in_every;             // events in every minimum explanation
  std::uint64_t search_nodes = 0;
};

// What the ranking of next tests weighs: the minimum explanations (when there are at least
// two and all were counted), else the candidate events.
enum class SplitBasis { minimum_explanations, candidates };
std::string_view split_basis_name(SplitBasis basis);  // "minimum_explanations", "candidates"

struct NextTest {
  std::size_t method = 0;
  double information_bits = 0;       // binary entropy of positive_probability, in (0, 1]
  double positive_probability = 0;   // share of the weighed hypotheses the method detects
  std::size_t detected_candidates = 0;
};

struct Interpretation {
  std::vector<std::size_t> positives;  // method indices (virus markers included)
  std::vector<std::size_t> negatives;
  std::vector<ExcludedEvent> excluded;
  std::vector<Candidate> candidates;          // every event not excluded, in matrix order
  std::vector<std::size_t> explained_positives;  // screening positives some candidate explains
  std::vector<UnexplainedPositive> unexplained;
  MinimumExplanations explanations;
  SplitBasis next_test_basis = SplitBasis::candidates;
  std::vector<NextTest> next_tests;  // untested screening methods, best first
};

// Reads `results` through `matrix`. Errors: a method the matrix does not have
// ("results.<name>": "is not a method of the matrix"), a method given twice with different
// results ("results.<name>": "is given as both positive and negative").
Checked<Interpretation> interpret_results(const ScreeningMatrix& matrix, const std::vector<MethodResult>& results,
                                          const InterpretationOptions& options = {});

}  // namespace lmo::domain
