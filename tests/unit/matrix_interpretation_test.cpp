// Matrix interpretation: hand-made matrices with known answers (exclusions, unexplained
// positives and the plant-virus check, minimum explanations, next tests), the minimum
// covers against exhaustive enumeration of every subset on random matrices (fixed seed),
// the authorisation overlay, the registry's own matrix, and every refused result.
#include "domain/matrix_interpretation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "domain/authorisation_overlay.hpp"
#include "domain/minimum_covers.hpp"
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

// Eight events, seven screening methods, one event-specific method and the CaMV marker.
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

Interpretation interpret(const ScreeningMatrix& matrix, const std::vector<MethodResult>& results,
                         const InterpretationOptions& options = {}) {
  auto checked = interpret_results(matrix, results, options);
  if (const auto* error = error_of(checked)) ADD_FAILURE() << error->field << ": " << error->message;
  return std::get<Interpretation>(std::move(checked));
}

std::vector<std::string> event_names(const ScreeningMatrix& matrix, const std::vector<std::size_t>& events) {
  std::vector<std::string> names;
  for (std::size_t e : events) names.push_back(matrix.events()[e].name);
  return names;
}

std::vector<std::string> method_names(const ScreeningMatrix& matrix, const std::vector<std::size_t>& methods) {
  std::vector<std::string> names;
  for (std::size_t m : methods) names.push_back(matrix.methods()[m].name);
  return names;
}

std::vector<std::string> candidate_names(const ScreeningMatrix& matrix, const Interpretation& out) {
  std::vector<std::size_t> events;
  for (const auto& c : out.candidates) events.push_back(c.event);
  return event_names(matrix, events);
}

using Names = std::vector<std::string>;

MethodResult pos(std::string m) { return {std::move(m), TestResult::positive}; }
MethodResult neg(std::string m) { return {std::move(m), TestResult::negative}; }

}  // namespace

TEST(MatrixInterpretation, NegativesExcludeAndTwoEventsExplainEverything) {
  ScreeningMatrix matrix = matrix_of(kLabMatrix);
  // P-35S+, T-nos+, cry1Ab+; bar−, pat−, CP4−.
  Interpretation out = interpret(matrix, {pos("P-35S"), pos("T-nos"), neg("bar"), pos("cry1Ab"), neg("pat"), neg("CP4-EPSPS")});
  EXPECT_EQ(method_names(matrix, out.positives), (Names{"P-35S", "T-nos", "cry1Ab"}));
  EXPECT_EQ(method_names(matrix, out.negatives), (Names{"bar", "pat", "CP4-EPSPS"}));
  ASSERT_EQ(out.excluded.size(), 6u);
  EXPECT_EQ(matrix.events()[out.excluded[0].event].name, "NK603");
  EXPECT_EQ(method_names(matrix, out.excluded[0].by), (Names{"CP4-EPSPS"}));
  EXPECT_EQ(matrix.events()[out.excluded[2].event].name, "T25");  // Bt11, T25 by pat
  EXPECT_EQ(candidate_names(matrix, out), (Names{"MON810", "GA21"}));
  EXPECT_EQ(method_names(matrix, out.candidates[0].explains), (Names{"P-35S", "cry1Ab"}));
  EXPECT_EQ(method_names(matrix, out.candidates[1].explains), (Names{"T-nos"}));
  EXPECT_TRUE(out.unexplained.empty());
  EXPECT_EQ(out.explanations.status, ExplanationStatus::complete);
  EXPECT_EQ(out.explanations.size, 2u);
  EXPECT_EQ(out.explanations.count, 1u);
  ASSERT_EQ(out.explanations.listed.size(), 1u);
  EXPECT_EQ(event_names(matrix, out.explanations.listed[0]), (Names{"MON810", "GA21"}));
  EXPECT_EQ(event_names(matrix, out.explanations.in_every), (Names{"MON810", "GA21"}));
  // One explanation: the next tests split the two candidates; only the MON810 event method does.
  EXPECT_EQ(out.next_test_basis, SplitBasis::candidates);
  ASSERT_EQ(out.next_tests.size(), 1u);
  EXPECT_EQ(matrix.methods()[out.next_tests[0].method].name, "MON810-event");
  EXPECT_DOUBLE_EQ(out.next_tests[0].information_bits, 1.0);
  EXPECT_DOUBLE_EQ(out.next_tests[0].positive_probability, 0.5);
  EXPECT_EQ(out.next_tests[0].detected_candidates, 1u);
}

TEST(MatrixInterpretation, AlternativeExplanationsAndTheTestsThatSplitThem) {
  ScreeningMatrix matrix = matrix_of(kLabMatrix);
  // P-35S+ and T-nos−: MON810 or T25 explains P-35S (MON89788 stays a candidate, unneeded).
  Interpretation out = interpret(matrix, {pos("P-35S"), neg("T-nos")});
  EXPECT_EQ(candidate_names(matrix, out), (Names{"MON810", "T25", "MON89788"}));
  EXPECT_EQ(out.explanations.status, ExplanationStatus::complete);
  EXPECT_EQ(out.explanations.size, 1u);
  EXPECT_EQ(out.explanations.count, 2u);
  ASSERT_EQ(out.explanations.listed.size(), 2u);
  EXPECT_EQ(event_names(matrix, out.explanations.listed[0]), (Names{"MON810"}));
  EXPECT_EQ(event_names(matrix, out.explanations.listed[1]), (Names{"T25"}));
  EXPECT_TRUE(out.explanations.in_every.empty());
  EXPECT_EQ(out.next_test_basis, SplitBasis::minimum_explanations);
  // pat, cry1Ab and the MON810 event method each split {MON810} / {T25} evenly (1 bit): the
  // cheaper element methods first, in matrix order; CP4, P-FMV and bar tell nothing about them.
  ASSERT_EQ(out.next_tests.size(), 3u);
  EXPECT_EQ(matrix.methods()[out.next_tests[0].method].name, "pat");
  EXPECT_EQ(matrix.methods()[out.next_tests[1].method].name, "cry1Ab");
  EXPECT_EQ(matrix.methods()[out.next_tests[2].method].name, "MON810-event");
  for (const auto& test : out.next_tests) EXPECT_DOUBLE_EQ(test.information_bits, 1.0);

  // Nothing tested: every event is a candidate and the tests split the eight.
  Interpretation fresh = interpret(matrix, {});
  EXPECT_EQ(fresh.candidates.size(), 8u);
  EXPECT_EQ(fresh.explanations.status, ExplanationStatus::nothing_to_explain);
  EXPECT_EQ(fresh.explanations.size, 0u);
  EXPECT_EQ(fresh.next_test_basis, SplitBasis::candidates);
  // P-35S and T-nos detect 5 of 8 (0.954 bits); P-35S comes first in matrix order.
  EXPECT_EQ(matrix.methods()[fresh.next_tests[0].method].name, "P-35S");
  EXPECT_NEAR(fresh.next_tests[0].information_bits, 0.954434, 1e-6);
  EXPECT_EQ(matrix.methods()[fresh.next_tests[1].method].name, "T-nos");
  EXPECT_EQ(fresh.next_tests.size(), 8u);  // every screening method, not the marker
}

TEST(MatrixInterpretation, UnexplainedPositivesAndThePlantVirusCheck) {
  ScreeningMatrix matrix = matrix_of(kLabMatrix);
  std::vector<MethodResult> results{pos("P-35S"), neg("cry1Ab"), neg("pat"), neg("CP4-EPSPS"), neg("T-nos")};
  Interpretation out = interpret(matrix, results);
  EXPECT_TRUE(out.explained_positives.empty());
  ASSERT_EQ(out.unexplained.size(), 1u);
  EXPECT_EQ(matrix.methods()[out.unexplained[0].method].name, "P-35S");
  EXPECT_EQ(out.unexplained[0].assessment, UnexplainedAssessment::check_plant_virus);
  EXPECT_EQ(out.unexplained[0].virus, "Cauliflower mosaic virus");
  EXPECT_EQ(method_names(matrix, out.unexplained[0].virus_markers), (Names{"CaMV"}));
  EXPECT_EQ(out.explanations.status, ExplanationStatus::nothing_to_explain);

  results.push_back(pos("CaMV"));
  out = interpret(matrix, results);
  EXPECT_EQ(out.unexplained[0].assessment, UnexplainedAssessment::plant_virus_marker_positive);
  EXPECT_TRUE(out.unexplained.size() == 1u);  // a positive marker is no unexplained screening result
  results.back() = neg("CaMV");
  out = interpret(matrix, results);
  EXPECT_EQ(out.unexplained[0].assessment, UnexplainedAssessment::possible_unauthorised_gmo);

  // P-FMV: FMV, but this matrix has no FMV marker to run; bar has no viral origin.
  out = interpret(matrix, {pos("P-FMV"), neg("CP4-EPSPS"), pos("bar"), neg("T-nos")});
  ASSERT_EQ(out.unexplained.size(), 2u);
  EXPECT_EQ(matrix.methods()[out.unexplained[0].method].name, "P-FMV");
  EXPECT_EQ(out.unexplained[0].assessment, UnexplainedAssessment::check_plant_virus);
  EXPECT_EQ(out.unexplained[0].virus, "Figwort mosaic virus");
  EXPECT_TRUE(out.unexplained[0].virus_markers.empty());
  EXPECT_EQ(out.unexplained[1].assessment, UnexplainedAssessment::possible_unauthorised_gmo);
  EXPECT_EQ(out.unexplained[1].virus, "");
}

TEST(MatrixInterpretation, ContradictoryAndUnknownResultsAreRefused) {
  ScreeningMatrix matrix = matrix_of(kLabMatrix);
  auto refusal = [&](const std::vector<MethodResult>& results) {
    auto checked = interpret_results(matrix, results);
    const auto* error = error_of(checked);
    return error ? *error : FieldError{"(accepted)", ""};
  };
  FieldError error = refusal({pos("P-35S"), neg("bar"), neg("P-35S")});
  EXPECT_EQ(error.field, "results.P-35S");
  EXPECT_EQ(error.message, "is given as both positive and negative");
  error = refusal({{"bar", TestResult::untested}, pos("bar")});
  EXPECT_EQ(error.field, "results.bar");
  EXPECT_EQ(error.message, "is given as both untested and positive");
  error = refusal({pos("p-35s")});
  EXPECT_EQ(error.field, "results.p-35s");
  EXPECT_EQ(error.message, "is not a method of the matrix");
  // The same result twice is no contradiction.
  EXPECT_EQ(refusal({pos("P-35S"), pos("P-35S")}).field, "(accepted)");
}

TEST(MatrixInterpretation, ResultNamesRoundTrip) {
  for (auto r : {TestResult::positive, TestResult::negative, TestResult::untested}) {
    EXPECT_EQ(parse_test_result(test_result_name(r)), r);
  }
  EXPECT_FALSE(parse_test_result("pos"));
}

namespace {

// Everything about minimum explanations, by trying every subset of candidates.
struct BruteForce {
  std::size_t size = 0;
  std::vector<std::vector<std::size_t>> all;  // each sorted; in increasing bitmask order
  std::set<std::size_t> in_every;
};

BruteForce brute_force(const ScreeningMatrix& matrix, const Interpretation& out) {
  std::vector<std::size_t> candidates;
  for (const auto& c : out.candidates) candidates.push_back(c.event);
  BruteForce result;
  result.size = SIZE_MAX;
  for (std::uint32_t mask = 0; mask < (1U << candidates.size()); ++mask) {
    std::size_t bits = static_cast<std::size_t>(__builtin_popcount(mask));
    if (bits > result.size) continue;
    bool covers = std::all_of(out.explained_positives.begin(), out.explained_positives.end(), [&](std::size_t m) {
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        if ((mask >> i & 1U) && matrix.detects(m).test(candidates[i])) return true;
      }
      return false;
    });
    if (!covers) continue;
    if (bits < result.size) result.all.clear();
    result.size = bits;
    std::vector<std::size_t> events;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (mask >> i & 1U) events.push_back(candidates[i]);
    }
    result.all.push_back(events);
  }
  for (std::size_t e : result.all.front()) {
    if (std::all_of(result.all.begin(), result.all.end(), [&](const auto& s) { return std::count(s.begin(), s.end(), e) > 0; })) {
      result.in_every.insert(e);
    }
  }
  return result;
}

ScreeningMatrix random_matrix(std::mt19937& random, std::size_t events, std::size_t methods, double density) {
  std::bernoulli_distribution bit(density);
  std::string csv = "method";
  for (std::size_t e = 0; e < events; ++e) csv += ",E" + std::to_string(e);
  csv += "\n";
  for (std::size_t m = 0; m < methods; ++m) {
    csv += "M" + std::to_string(m);
    for (std::size_t e = 0; e < events; ++e) csv += bit(random) ? ",1" : ",0";
    csv += "\n";
  }
  return matrix_of(csv);
}

std::vector<MethodResult> random_results(std::mt19937& random, const ScreeningMatrix& matrix) {
  std::vector<MethodResult> results;
  std::uniform_int_distribution<int> pick(0, 3);
  for (const auto& method : matrix.methods()) {
    int r = pick(random);
    if (r == 0 || r == 1) results.push_back(pos(method.name));  // positives twice as likely
    if (r == 2) results.push_back(neg(method.name));
  }
  return results;
}

}  // namespace

TEST(MatrixInterpretation, MinimumExplanationsMatchExhaustiveEnumeration) {
  std::mt19937 random(20240605);
  int compared = 0, with_alternatives = 0;
  for (int round = 0; round < 400; ++round) {
    std::size_t events = 2 + random() % 11;
    std::size_t methods = 1 + random() % 9;
    ScreeningMatrix matrix = random_matrix(random, events, methods, 0.15 + 0.1 * (random() % 4));
    auto results = random_results(random, matrix);
    InterpretationOptions options;
    options.max_listed_explanations = 100'000;
    Interpretation out = interpret(matrix, results, options);
    // Exclusion and explained/unexplained follow the definitions.
    for (const auto& c : out.candidates) {
      for (std::size_t m : out.negatives) EXPECT_FALSE(matrix.detects(m).test(c.event));
    }
    EXPECT_EQ(out.candidates.size() + out.excluded.size(), events);
    EXPECT_EQ(out.explained_positives.size() + out.unexplained.size(), out.positives.size());
    if (out.explained_positives.empty()) {
      EXPECT_EQ(out.explanations.status, ExplanationStatus::nothing_to_explain);
      continue;
    }
    BruteForce expected = brute_force(matrix, out);
    ASSERT_EQ(out.explanations.status, ExplanationStatus::complete);
    EXPECT_EQ(out.explanations.size, expected.size);
    EXPECT_EQ(out.explanations.count, expected.all.size());
    auto listed = out.explanations.listed;
    std::sort(listed.begin(), listed.end());
    std::sort(expected.all.begin(), expected.all.end());
    EXPECT_EQ(listed, expected.all);
    EXPECT_EQ(std::set<std::size_t>(out.explanations.in_every.begin(), out.explanations.in_every.end()), expected.in_every);
    // With several explanations, a test's chance of a positive is the share it detects.
    if (out.next_test_basis == SplitBasis::minimum_explanations) {
      ++with_alternatives;
      for (const auto& test : out.next_tests) {
        double share = static_cast<double>(std::count_if(expected.all.begin(), expected.all.end(), [&](const auto& s) {
                         return std::any_of(s.begin(), s.end(), [&](std::size_t e) { return matrix.detects(test.method).test(e); });
                       })) / static_cast<double>(expected.all.size());
        EXPECT_NEAR(test.positive_probability, share, 1e-12);
      }
    }
    ++compared;
  }
  EXPECT_GT(compared, 200);
  EXPECT_GT(with_alternatives, 50);
}

TEST(MatrixInterpretation, ListingCapAndTruncatedEnumerationKeepExactFacts) {
  // Four positives, each detected by three interchangeable events of its own (SOLO, which P0
  // also detects, is excluded by a negative): 3^4 = 81 minimum explanations.
  std::string csv = "method";
  for (int p = 0; p < 4; ++p) {
    for (int i = 0; i < 3; ++i) csv += ",E" + std::to_string(p) + std::to_string(i);
  }
  csv += ",SOLO\n";
  for (int p = 0; p < 4; ++p) {
    csv += "P" + std::to_string(p);
    for (int q = 0; q < 4; ++q) {
      for (int i = 0; i < 3; ++i) csv += q == p ? ",1" : ",0";
    }
    csv += p == 0 ? ",1\n" : ",0\n";
  }
  csv += "ONLY-SOLO";
  for (int i = 0; i < 12; ++i) csv += ",0";
  csv += ",1\n";
  ScreeningMatrix matrix = matrix_of(csv);
  std::vector<MethodResult> results{pos("P0"), pos("P1"), pos("P2"), pos("P3"), neg("ONLY-SOLO")};
  InterpretationOptions options;
  options.max_listed_explanations = 5;
  Interpretation out = interpret(matrix, results, options);
  EXPECT_EQ(out.explanations.status, ExplanationStatus::complete);
  EXPECT_EQ(out.explanations.size, 4u);
  EXPECT_EQ(out.explanations.count, 81u);
  EXPECT_EQ(out.explanations.listed.size(), 5u);

  // The cap applies to covers of event groups: one group cover stands for all its event
  // choices and is still counted exactly; past the cap the count is unknown while the size and
  // in_every stay exact.
  std::string two = "method,A,B,C\nP,1,1,0\nQ,0,0,1\n";
  ScreeningMatrix small = matrix_of(two);
  options.search.max_covers = 1;
  out = interpret(small, {pos("P"), pos("Q")}, options);
  EXPECT_EQ(out.explanations.status, ExplanationStatus::complete);  // one group cover: {A,B} × {C}
  EXPECT_EQ(out.explanations.count, 2u);
  EXPECT_EQ(event_names(small, out.explanations.in_every), (Names{"C"}));

  ScreeningMatrix split = matrix_of("method,A,B,C,D\nP,1,1,0,0\nQ,0,1,1,0\nR,0,0,1,1\n");
  out = interpret(split, {pos("P"), pos("Q"), pos("R")}, options);
  // Minimum covers of {P,Q,R}: {A,C}, {B,C}, {B,D}: three group covers, only one enumerated.
  EXPECT_EQ(out.explanations.status, ExplanationStatus::truncated);
  EXPECT_EQ(out.explanations.size, 2u);
  EXPECT_FALSE(out.explanations.count);
  EXPECT_TRUE(out.explanations.in_every.empty());
  EXPECT_EQ(out.next_test_basis, SplitBasis::candidates);
  ScreeningMatrix forced = matrix_of("method,A,B,C,D\nP,1,0,0,0\nQ,0,1,1,0\nR,0,0,1,1\nS,0,1,0,1\n");
  out = interpret(forced, {pos("P"), pos("Q"), pos("R"), pos("S")}, options);
  EXPECT_EQ(out.explanations.status, ExplanationStatus::truncated);  // {A,B,C} {A,B,D} {A,C,D}
  EXPECT_EQ(event_names(forced, out.explanations.in_every), (Names{"A"}));

  options.search.max_work = 1;
  out = interpret(split, {pos("P"), pos("Q"), pos("R")}, options);
  EXPECT_EQ(out.explanations.status, ExplanationStatus::search_limit_reached);
  EXPECT_FALSE(out.explanations.size);
  EXPECT_TRUE(out.explanations.listed.empty());
}

TEST(MinimumCovers, EdgeCases) {
  MinimumCovers none = find_minimum_covers(0, {});
  EXPECT_EQ(none.status, CoverSearchStatus::complete);
  EXPECT_EQ(none.size, 0u);
  ASSERT_EQ(none.covers.size(), 1u);
  EXPECT_TRUE(none.covers[0].empty());
  BitSet a(2);
  a.set(0);
  EXPECT_EQ(find_minimum_covers(2, {a}).status, CoverSearchStatus::impossible);
}

TEST(AuthorisationOverlay, ApprovedUnknownAndNotApprovedEvents) {
  ScreeningMatrix matrix = matrix_of(kLabMatrix);
  std::map<std::string, AuthorisationStatus> status{{"MON810", AuthorisationStatus::approved},
                                                   {"T25", AuthorisationStatus::not_approved},
                                                   {"GA21", AuthorisationStatus::not_approved}};
  int calls = 0;
  AuthorisationLookup lookup = [&](const std::string& event) {
    ++calls;
    auto found = status.find(event);
    return found == status.end() ? AuthorisationStatus::unknown : found->second;
  };
  // P-35S+, T-nos−: MON810 (approved) or T25 (not approved) explains it.
  Interpretation out = interpret(matrix, {pos("P-35S"), neg("T-nos")});
  AuthorisationOverlay overlay = overlay_authorisation(matrix, out, lookup);
  EXPECT_EQ(calls, 3);  // once per candidate
  ASSERT_EQ(overlay.candidate_status.size(), 3u);
  EXPECT_EQ(overlay.candidate_status[0], AuthorisationStatus::approved);
  EXPECT_EQ(overlay.candidate_status[1], AuthorisationStatus::not_approved);
  EXPECT_EQ(overlay.candidate_status[2], AuthorisationStatus::unknown);
  EXPECT_EQ(overlay.conclusion, AuthorisationConclusion::approved_events_explain);

  // P-35S+, T-nos+, bar−, cry1Ab+, pat−, CP4−: MON810 and GA21 (not approved) in every explanation.
  out = interpret(matrix, {pos("P-35S"), pos("T-nos"), neg("bar"), pos("cry1Ab"), neg("pat"), neg("CP4-EPSPS")});
  overlay = overlay_authorisation(matrix, out, lookup);
  EXPECT_EQ(overlay.conclusion, AuthorisationConclusion::not_approved_event_needed);
  EXPECT_EQ(method_names(matrix, overlay.positives_with_not_approved_events_only), (Names{"T-nos"}));
  EXPECT_EQ(event_names(matrix, overlay.not_approved_in_every_explanation), (Names{"GA21"}));

  // Unknown status instead: the conclusion says so.
  status.erase("GA21");
  overlay = overlay_authorisation(matrix, out, lookup);
  EXPECT_EQ(overlay.conclusion, AuthorisationConclusion::unknown_status_events_needed);
  EXPECT_EQ(method_names(matrix, overlay.positives_without_approved_event), (Names{"T-nos"}));
  EXPECT_TRUE(overlay.positives_with_not_approved_events_only.empty());
  EXPECT_EQ(event_names(matrix, overlay.unknown_in_every_explanation), (Names{"GA21"}));

  // No lookup: everything unknown; nothing positive: nothing to explain.
  overlay = overlay_authorisation(matrix, interpret(matrix, {neg("P-35S")}), {});
  EXPECT_EQ(overlay.conclusion, AuthorisationConclusion::nothing_to_explain);
  for (auto s : overlay.candidate_status) EXPECT_EQ(s, AuthorisationStatus::unknown);
  for (auto s : {AuthorisationStatus::approved, AuthorisationStatus::not_approved, AuthorisationStatus::unknown}) {
    EXPECT_EQ(parse_authorisation_status(authorisation_status_name(s)), s);
  }
}

TEST(MatrixInterpretation, RegistryMatrixReadsATypicalMaizeScreen) {
  auto registry = lmo::services::read_bundled_registry(lmo::test::source_dir() / "data" / "registry");
  auto built = build_matrix_from_registry(registry.methods, registry.lmos, registry.elements);
  ASSERT_FALSE(error_of(built));
  const auto& matrix = std::get<ScreeningMatrix>(built);
  // P-35S+, cry1Ab+; T-nos−, pat−, CTP2–CP4 EPSPS−; MON810 event method +.
  Interpretation out = interpret(matrix, {pos("QT-ELE-00-004"), pos("QT-ELE-00-003"), neg("QT-ELE-NOS ter 2-5' /NOS ter 2-3'"),
                                          neg("QT-ELE-00-002"), neg("QL-CON-00-008"), pos("QT-EVE-ZM-020")});
  EXPECT_TRUE(out.unexplained.empty());
  EXPECT_EQ(out.explanations.status, ExplanationStatus::complete);
  EXPECT_EQ(out.explanations.size, 1u);
  // MON810 alone explains all three positives; any remaining stack with MON810 would too.
  bool mon810_listed = false;
  for (const auto& listed : out.explanations.listed) {
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_NE(matrix.events()[listed[0]].label.find("MON810"), std::string::npos);
    mon810_listed = mon810_listed || matrix.events()[listed[0]].label == "MON810";
  }
  EXPECT_TRUE(mon810_listed);
  EXPECT_EQ(*out.explanations.count, out.explanations.listed.size());

  // P-35S+ with every event, construct and other element method negative: the only candidate
  // left that has the 35S promoter is the carnation Moonique, which no specific method detects.
  std::vector<MethodResult> results{pos("QT-ELE-00-004")};
  for (std::size_t m = 0; m < matrix.methods().size(); ++m) {
    const auto& method = matrix.methods()[m];
    if (method.kind == MethodKind::event || method.kind == MethodKind::construct) results.push_back(neg(method.name));
  }
  for (const char* element : {"QT-ELE-NOS ter 2-5' /NOS ter 2-3'", "QT-ELE-00-002", "QT-ELE-00-003"}) {
    results.push_back(neg(element));
  }
  out = interpret(matrix, results);
  EXPECT_TRUE(out.unexplained.empty());
  EXPECT_EQ(out.explanations.count, 1u);
  ASSERT_EQ(out.explanations.in_every.size(), 1u);
  EXPECT_EQ(matrix.events()[out.explanations.in_every[0]].label.substr(0, 8), "Moonique");
  // The other P-35S method would only repeat the result; nothing is left to split.
  EXPECT_EQ(out.next_test_basis, SplitBasis::candidates);
}
