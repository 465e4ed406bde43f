// LineDiff: known small cases, and on random texts (fixed seed) the properties that define a
// shortest edit script — the kept and removed lines give back the old text, the kept and added
// lines the new one, and the kept lines are as many as the longest common subsequence
// (computed here independently, by brute force over subsets for tiny inputs).
#include <gtest/gtest.h>

#include <random>

#include "domain/line_diff.hpp"

using lmo::domain::DiffLine;
using Kind = DiffLine::Kind;
using Lines = std::vector<std::string>;

namespace {

std::string render(const std::vector<DiffLine>& diff) {
  std::string out;
  for (const auto& d : diff) out += (d.kind == Kind::same ? " " : d.kind == Kind::added ? "+" : "-") + d.text + "\n";
  return out;
}

bool is_subsequence(const Lines& small, const Lines& big) {
  std::size_t k = 0;
  for (const auto& line : big) {
    if (k < small.size() && small[k] == line) ++k;
  }
  return k == small.size();
}

std::size_t brute_lcs(const Lines& a, const Lines& b) {
  std::size_t best = 0;
  for (std::uint32_t mask = 0; mask < (1u << a.size()); ++mask) {
    Lines picked;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (mask & (1u << i)) picked.push_back(a[i]);
    }
    if (picked.size() > best && is_subsequence(picked, b)) best = picked.size();
  }
  return best;
}

}  // namespace

TEST(LineDiff, KnownCases) {
  EXPECT_EQ(render(lmo::domain::diff_lines({"a", "b", "c"}, {"a", "x", "c"})), " a\n-b\n+x\n c\n");
  EXPECT_EQ(render(lmo::domain::diff_lines({}, {"new"})), "+new\n");
  EXPECT_EQ(render(lmo::domain::diff_lines({"old"}, {})), "-old\n");
  EXPECT_EQ(render(lmo::domain::diff_lines({"same"}, {"same"})), " same\n");
  EXPECT_EQ(lmo::domain::split_lines("a\nb\n"), (Lines{"a", "b"}));
  EXPECT_EQ(lmo::domain::split_lines("a\n\nb"), (Lines{"a", "", "b"}));
  EXPECT_TRUE(lmo::domain::split_lines("").empty());
}

TEST(LineDiff, ReconstructsBothTextsWithAsFewChangesAsPossible) {
  std::mt19937 rng(11u);
  auto random_lines = [&](std::size_t count) {
    Lines lines;
    for (std::size_t i = 0; i < count; ++i) lines.push_back(std::string(1, static_cast<char>('a' + rng() % 4)));
    return lines;
  };
  for (int round = 0; round < 400; ++round) {
    Lines before = random_lines(rng() % 10), after = random_lines(rng() % 10);
    auto diff = lmo::domain::diff_lines(before, after);
    Lines old_text, new_text;
    std::size_t kept = 0;
    for (const auto& d : diff) {
      if (d.kind != Kind::added) old_text.push_back(d.text);
      if (d.kind != Kind::removed) new_text.push_back(d.text);
      kept += d.kind == Kind::same ? 1 : 0;
    }
    ASSERT_EQ(old_text, before) << round;
    ASSERT_EQ(new_text, after) << round;
    ASSERT_EQ(kept, brute_lcs(before, after)) << round;
  }
}

TEST(LineDiff, HugeInputsAreShownAsReplaced) {
  Lines big(lmo::domain::kMaxDiffLines + 1, "x");
  auto diff = lmo::domain::diff_lines(big, {"x"});
  EXPECT_EQ(diff.size(), big.size() + 1);
  EXPECT_EQ(diff.back().kind, Kind::added);
}
