#include "web/i18n/accept_language.hpp"

#include <algorithm>
#include <cctype>

namespace lmo::web {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Parses a qvalue ("0", "0.5", "1.000"); -1 when malformed.
int parse_quality_per_mille(std::string_view text) {
  if (text.empty() || text.size() > 5) return -1;
  if (text[0] != '0' && text[0] != '1') return -1;
  int value = (text[0] - '0') * 1000;
  if (text.size() == 1) return value;
  if (text[1] != '.') return -1;
  int scale = 100;
  for (size_t i = 2; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
    value += (text[i] - '0') * scale;
    scale /= 10;
  }
  return value > 1000 ? -1 : value;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<std::string> negotiate_language(std::string_view header,
                                              const std::vector<std::string>& supported) {
  struct Candidate {
    std::string code;
    int quality;
    size_t order;
  };
  std::vector<Candidate> candidates;
  std::vector<std::string> excluded;
  int wildcard_quality = -1;
  size_t order = 0;
  while (!header.empty() && order < 64) {  // bound the work on hostile headers
    size_t comma = header.find(',');
    std::string_view item = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    if (item.empty()) continue;
    ++order;
    std::string_view range = trim(item.substr(0, item.find(';')));
    int quality = 1000;
    size_t semicolon = item.find(';');
    if (semicolon != std::string_view::npos) {
      std::string_view parameter = trim(item.substr(semicolon + 1));
      if (parameter.size() < 2 || (parameter[0] != 'q' && parameter[0] != 'Q') || parameter[1] != '=') {
        continue;
      }
      quality = parse_quality_per_mille(trim(parameter.substr(2)));
      if (quality < 0) continue;
    }
    if (range == "*") {
      wildcard_quality = std::max(wildcard_quality, quality);
      continue;
    }
    std::string primary = lower(range.substr(0, range.find('-')));
    if (primary.empty() || primary.size() > 8 ||
        !std::all_of(primary.begin(), primary.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
      continue;
    }
    if (quality == 0) {
      if (range.find('-') == std::string_view::npos) excluded.push_back(primary);
      continue;
    }
    candidates.push_back({primary, quality, order});
  }
  std::optional<std::string> best;
  int best_quality = 0;
  size_t best_order = 0;
  for (const auto& candidate : candidates) {
    if (std::find(supported.begin(), supported.end(), candidate.code) == supported.end()) continue;
    if (std::find(excluded.begin(), excluded.end(), candidate.code) != excluded.end()) continue;
    if (!best || candidate.quality > best_quality ||
        (candidate.quality == best_quality && candidate.order < best_order)) {
      best = candidate.code;
      best_quality = candidate.quality;
      best_order = candidate.order;
    }
  }
  if (best) return best;
  if (wildcard_quality > 0) {
    for (const auto& code : supported) {
      bool named = std::any_of(candidates.begin(), candidates.end(),
                               [&](const Candidate& c) { return c.code == code; });
      bool refused = std::find(excluded.begin(), excluded.end(), code) != excluded.end();
      if (!named && !refused) return code;
    }
  }
  return std::nullopt;
}

}  // namespace lmo::web
