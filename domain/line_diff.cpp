#include "domain/line_diff.hpp"

#include <cstdint>

namespace lmo::domain {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::vector<DiffLine> diff_lines(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  std::vector<DiffLine> out;
  if (before.size() > kMaxDiffLines || after.size() > kMaxDiffLines) {
    for (const auto& line : before) out.push_back({DiffLine::Kind::removed, line});
    for (const auto& line : after) out.push_back({DiffLine::Kind::added, line});
    return out;
  }
  const std::size_t n = before.size(), m = after.size();
  // lcs[i][j]: length of the longest common subsequence of before[i..] and after[j..].
  std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      at(i, j) = before[i] == after[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] == after[j]) {
      out.push_back({DiffLine::Kind::same, before[i]});
      ++i;
      ++j;
    } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
      out.push_back({DiffLine::Kind::removed, before[i++]});  // removals first, as diff tools show them
    } else {
      out.push_back({DiffLine::Kind::added, after[j++]});
    }
  }
  return out;
}

}  // namespace lmo::domain
