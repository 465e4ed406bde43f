#include "domain/matrix_interpretation.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

namespace lmo::domain {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::uint64_t saturating_multiply(std::uint64_t a, std::uint64_t b) {
  constexpr auto kMax = std::numeric_limits<std::uint64_t>::max();
  if (a != 0 && b > kMax / a) return kMax;
  return a * b;
}

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  constexpr auto kMax = std::numeric_limits<std::uint64_t>::max();
  return b > kMax - a ? kMax : a + b;
}

double binary_entropy(double p) {
  if (p <= 0 || p >= 1) return 0;
  return -p * std::log2(p) - (1 - p) * std::log2(1 - p);
}

// Candidate events grouped by the explained positives they detect: events with the same
// signature are interchangeable in an explanation, so the exact search runs on the groups.
struct SignatureGroups {
  std::vector<BitSet> signatures;                 // over explained positives
  std::vector<std::vector<std::size_t>> members;  // event indices, increasing
};

SignatureGroups group_by_signature(const ScreeningMatrix& matrix, const BitSet& candidates,
                                   const std::vector<std::size_t>& explained) {
  // Signatures of the candidates that explained positives detect, by event.
  std::map<std::size_t, BitSet> signature;
  for (std::size_t j = 0; j < explained.size(); ++j) {
    BitSet hit = matrix.detects(explained[j]);
    hit &= candidates;
    hit.for_each([&](std::size_t event) {
      signature.try_emplace(event, explained.size()).first->second.set(j);
    });
  }
  SignatureGroups groups;
  std::map<std::vector<std::uint64_t>, std::size_t> index;
  for (const auto& [event, bits] : signature) {  // in event order
    auto [it, added] = index.emplace(bits.words(), groups.signatures.size());
    if (added) {
      groups.signatures.push_back(bits);
      groups.members.emplace_back();
    }
    groups.members[it->second].push_back(event);
  }
  return groups;
}

// The event-level explanations behind the group covers.
MinimumExplanations explain(const SignatureGroups& groups, const MinimumCovers& covers, std::size_t max_listed) {
  MinimumExplanations out;
  out.search_nodes = covers.nodes;
  out.size = covers.size;
  switch (covers.status) {
    case CoverSearchStatus::complete: out.status = ExplanationStatus::complete; break;
    case CoverSearchStatus::covers_truncated: out.status = ExplanationStatus::truncated; break;
    case CoverSearchStatus::node_limit_reached:
    case CoverSearchStatus::impossible:  // cannot happen: every explained positive has a candidate
      out.status = ExplanationStatus::search_limit_reached;
      return out;
  }
  std::uint64_t total = 0;
  for (const auto& cover : covers.covers) {
    std::uint64_t product = 1;
    for (std::size_t group : cover) product = saturating_multiply(product, groups.members[group].size());
    total = saturating_add(total, product);
    // List this cover's explanations: one member of each group (mixed-radix counting).
    std::vector<std::size_t> digit(cover.size(), 0);
    while (out.listed.size() < max_listed) {
      std::vector<std::size_t> events;
      for (std::size_t i = 0; i < cover.size(); ++i) events.push_back(groups.members[cover[i]][digit[i]]);
      std::sort(events.begin(), events.end());
      out.listed.push_back(std::move(events));
      std::size_t i = 0;
      while (i < cover.size() && ++digit[i] == groups.members[cover[i]].size()) digit[i++] = 0;
      if (i == cover.size()) break;
    }
  }
  if (out.status == ExplanationStatus::complete) out.count = total;
  for (std::size_t group : covers.in_every) {
    if (groups.members[group].size() == 1) out.in_every.push_back(groups.members[group].front());
  }
  std::sort(out.in_every.begin(), out.in_every.end());
  return out;
}

// The share of minimum explanations (weighted by how many event choices each group cover
// stands for) in which method `m` detects at least one event.
class ExplanationWeights {
 public:
  ExplanationWeights(const ScreeningMatrix& matrix, const SignatureGroups& groups,
                     const std::vector<std::vector<std::size_t>>& covers)
      : matrix_(matrix), covers_(covers), members_(groups.members.size(), BitSet(matrix.events().size())) {
    for (std::size_t g = 0; g < groups.members.size(); ++g) {
      for (std::size_t event : groups.members[g]) members_[g].set(event);
      sizes_.push_back(static_cast<double>(groups.members[g].size()));
    }
    for (const auto& cover : covers) {
      double weight = 1;
      for (std::size_t g : cover) weight *= sizes_[g];
      total_ += weight;
    }
  }

  double detected_share(std::size_t method) const {
    std::vector<double> missed(members_.size(), -1);  // per group: members the method misses
    double none_detected = 0;
    for (std::size_t c = 0; c < covers_.size(); ++c) {
      double product = 1;
      for (std::size_t g : covers_[c]) {
        if (missed[g] < 0) missed[g] = sizes_[g] - static_cast<double>(members_[g].count_and(matrix_.detects(method)));
        product *= missed[g];
      }
      none_detected += product;
    }
    return 1 - none_detected / total_;
  }

 private:
  const ScreeningMatrix& matrix_;
  const std::vector<std::vector<std::size_t>>& covers_;
  std::vector<BitSet> members_;
  std::vector<double> sizes_;
  double total_ = 0;
};

}  // namespace

std::string_view test_result_name(TestResult result) {
  switch (result) {
    case TestResult::positive: return "positive";
    case TestResult::negative: return "negative";
    case TestResult::untested: return "untested";
  }
  return "untested";
}

std::optional<TestResult> parse_test_result(std::string_view name) {
  for (TestResult result : {TestResult::positive, TestResult::negative, TestResult::untested}) {
    if (test_result_name(result) == name) return result;
  }
  return std::nullopt;
}

std::string_view assessment_name(UnexplainedAssessment assessment) {
  switch (assessment) {
    case UnexplainedAssessment::possible_unauthorised_gmo: return "possible_unauthorised_gmo";
    case UnexplainedAssessment::check_plant_virus: return "check_plant_virus";
    case UnexplainedAssessment::plant_virus_marker_positive: return "plant_virus_marker_positive";
  }
  return "possible_unauthorised_gmo";
}

std::string_view explanation_status_name(ExplanationStatus status) {
  switch (status) {
    case ExplanationStatus::nothing_to_explain: return "nothing_to_explain";
    case ExplanationStatus::complete: return "complete";
    case ExplanationStatus::truncated: return "truncated";
    case ExplanationStatus::search_limit_reached: return "search_limit_reached";
  }
  return "search_limit_reached";
}

std::string_view split_basis_name(SplitBasis basis) {
  return basis == SplitBasis::minimum_explanations ? "minimum_explanations" : "candidates";
}

Checked<Interpretation> interpret_results(const ScreeningMatrix& matrix, const std::vector<MethodResult>& results,
                                          const InterpretationOptions& options) {
  const auto& methods = matrix.methods();
  const std::size_t event_count = matrix.events().size();
  std::unordered_map<std::string_view, std::size_t> method_index;
  for (std::size_t m = 0; m < methods.size(); ++m) method_index.emplace(methods[m].name, m);

  std::vector<std::optional<TestResult>> state(methods.size());
  for (const auto& result : results) {
    auto found = method_index.find(result.method);
    if (found == method_index.end()) return FieldError{"results." + result.method, "is not a method of the matrix"};
    auto& known = state[found->second];
    if (known && *known != result.result) {
      return FieldError{"results." + result.method, "is given as both " + std::string(test_result_name(*known)) +
                                                         " and " + std::string(test_result_name(result.result))};
    }
    known = result.result;
  }

  Interpretation out;
  BitSet excluded(event_count);
  for (std::size_t m = 0; m < methods.size(); ++m) {
    if (state[m] == TestResult::positive) out.positives.push_back(m);
    if (state[m] == TestResult::negative) {
      out.negatives.push_back(m);
      excluded |= matrix.detects(m);
    }
  }
  std::vector<std::size_t> position(event_count, 0);  // of an event in out.excluded or out.candidates
  excluded.for_each([&](std::size_t event) {
    position[event] = out.excluded.size();
    out.excluded.push_back({event, {}});
  });
  for (std::size_t m : out.negatives) {
    matrix.detects(m).for_each([&](std::size_t event) { out.excluded[position[event]].by.push_back(m); });
  }
  BitSet candidates(event_count);
  for (std::size_t e = 0; e < event_count; ++e) {
    if (!excluded.test(e)) candidates.set(e);
  }

  // Screening positives: explained when a candidate is detected, else unexplained.
  for (std::size_t m : out.positives) {
    if (methods[m].kind == MethodKind::virus_marker) continue;
    if (matrix.detects(m).intersects(candidates)) {
      out.explained_positives.push_back(m);
      continue;
    }
    UnexplainedPositive entry;
    entry.method = m;
    entry.virus = methods[m].virus;
    if (!entry.virus.empty()) {
      entry.assessment = UnexplainedAssessment::check_plant_virus;
      bool any_positive = false, all_negative = true;
      for (std::size_t v = 0; v < methods.size(); ++v) {
        if (methods[v].kind != MethodKind::virus_marker || lower(methods[v].virus) != lower(entry.virus)) continue;
        entry.virus_markers.push_back(v);
        any_positive = any_positive || state[v] == TestResult::positive;
        all_negative = all_negative && state[v] == TestResult::negative;
      }
      if (any_positive) {
        entry.assessment = UnexplainedAssessment::plant_virus_marker_positive;
      } else if (!entry.virus_markers.empty() && all_negative) {
        entry.assessment = UnexplainedAssessment::possible_unauthorised_gmo;
      }
    }
    out.unexplained.push_back(std::move(entry));
  }

  candidates.for_each([&](std::size_t event) {
    position[event] = out.candidates.size();
    out.candidates.push_back({event, {}});
  });
  for (std::size_t m : out.explained_positives) {
    BitSet hit = matrix.detects(m);
    hit &= candidates;
    hit.for_each([&](std::size_t event) { out.candidates[position[event]].explains.push_back(m); });
  }

  SignatureGroups groups = group_by_signature(matrix, candidates, out.explained_positives);
  MinimumCovers covers;
  if (out.explained_positives.empty()) {
    out.explanations.size = 0;
  } else {
    covers = find_minimum_covers(out.explained_positives.size(), groups.signatures, options.search);
    out.explanations = explain(groups, covers, options.max_listed_explanations);
  }

  // Next tests: untested screening methods, by the information their result would give.
  std::optional<ExplanationWeights> weights;
  bool by_explanations = out.explanations.status == ExplanationStatus::complete && out.explanations.count &&
                         *out.explanations.count >= 2;
  if (by_explanations) {
    weights.emplace(matrix, groups, covers.covers);
    out.next_test_basis = SplitBasis::minimum_explanations;
  }
  const double candidate_count = static_cast<double>(out.candidates.size());
  for (std::size_t m = 0; m < methods.size() && candidate_count > 0; ++m) {
    if ((state[m] && *state[m] != TestResult::untested) || methods[m].kind == MethodKind::virus_marker) continue;
    NextTest test;
    test.method = m;
    test.detected_candidates = matrix.detects(m).count_and(candidates);
    test.positive_probability = weights ? weights->detected_share(m)
                                        : static_cast<double>(test.detected_candidates) / candidate_count;
    test.information_bits = binary_entropy(test.positive_probability);
    if (test.information_bits > 1e-12) out.next_tests.push_back(test);
  }
  std::sort(out.next_tests.begin(), out.next_tests.end(), [&](const NextTest& a, const NextTest& b) {
    if (std::fabs(a.information_bits - b.information_bits) > 1e-12) return a.information_bits > b.information_bits;
    if (methods[a.method].cost != methods[b.method].cost) return methods[a.method].cost < methods[b.method].cost;
    return a.method < b.method;
  });
  if (out.next_tests.size() > options.max_next_tests) out.next_tests.resize(options.max_next_tests);
  return out;
}

}  // namespace lmo::domain
