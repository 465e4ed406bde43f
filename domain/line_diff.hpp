// LineDiff: the differences between two texts as lines kept, removed and added — a shortest
// edit script from the longest common subsequence of lines (exact; quadratic in the lines, so
// inputs beyond kMaxDiffLines lines each are shown as all removed, then all added).
#pragma once

#include <string>
#include <vector>

namespace lmo::domain {

inline constexpr std::size_t kMaxDiffLines = 4000;

struct DiffLine {
  enum class Kind { same, removed, added } kind = Kind::same;
  std::string text;
};

std::vector<DiffLine> diff_lines(const std::vector<std::string>& before, const std::vector<std::string>& after);

// Splits a text into lines (without their line ends; a final line end adds no empty line).
std::vector<std::string> split_lines(const std::string& text);

}  // namespace lmo::domain
