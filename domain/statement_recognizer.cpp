#include "domain/statement_recognizer.hpp"

#include <algorithm>
#include <set>

namespace lmo::domain {

namespace {

// Latin-1 supplement and a few Latin Extended-A letters to their base letters.
char fold_two_byte(unsigned char lead, unsigned char trail) {
  unsigned code = ((lead & 0x1Fu) << 6) | (trail & 0x3Fu);
  static const char* latin1 =  // U+00C0 .. U+00FF
      "aaaaaaaceeeeiiiidnooooo*ouuuuyts"
      "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
  if (code >= 0xC0 && code <= 0xFF) {
    char c = latin1[code - 0xC0];
    return (c == '*' || c == '/') ? ' ' : c;
  }
  if (code == 0x152 || code == 0x153) return 'o';  // Œ œ (first letter suffices for matching)
  return 0;
}

bool is_word(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// The words just before and after a match, for negation checks.
std::vector<std::string> words_before(const std::string& text, std::size_t position, std::size_t count) {
  std::vector<std::string> words;
  std::size_t end = position;
  while (words.size() < count && end > 0) {
    while (end > 0 && !is_word(text[end - 1])) --end;
    std::size_t start = end;
    while (start > 0 && is_word(text[start - 1])) --start;
    if (start == end) break;
    words.push_back(text.substr(start, end - start));
    end = start;
  }
  return words;
}

std::vector<std::string> words_after(const std::string& text, std::size_t position, std::size_t count) {
  std::vector<std::string> words;
  std::size_t start = position;
  while (words.size() < count && start < text.size()) {
    while (start < text.size() && !is_word(text[start])) ++start;
    std::size_t end = start;
    while (end < text.size() && is_word(text[end])) ++end;
    if (start == end) break;
    words.push_back(text.substr(start, end - start));
    start = end;
  }
  return words;
}

bool negated(const std::string& text, std::size_t position, std::size_t length) {
  static const std::set<std::string> before{"not", "no", "ne", "n", "sin", "without", "non", "nor", "never", "jamais"};
  for (const auto& word : words_before(text, position, 2)) {
    if (before.count(word)) return true;
  }
  for (const auto& word : words_after(text, position + length, 1)) {
    if (word == "pas" || word == "point") return true;  // "ne contient pas"
  }
  return false;
}

}  // namespace

std::string fold_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = true;
  auto put = [&](char c) {
    if (c == ' ') {
      if (!space) out += ' ';
      space = true;
    } else {
      out += c;
      space = false;
    }
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') put(static_cast<char>(c - 'A' + 'a'));
      else if (is_word(static_cast<char>(c))) put(static_cast<char>(c));
      else put(' ');
    } else if ((c & 0xE0) == 0xC0 && i + 1 < text.size()) {
      char base = fold_two_byte(c, static_cast<unsigned char>(text[i + 1]));
      put(base ? base : ' ');
      ++i;
    } else {
      // Other multi-byte characters (and stray bytes) separate words.
      std::size_t extra = (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
      i += std::min(extra, text.size() - 1 - i);
      put(' ');
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

StatementRecognizer::StatementRecognizer(std::vector<StatementPhrase> phrases) {
  for (auto& phrase : phrases) {
    std::string folded = fold_text(phrase.phrase);
    if (!folded.empty()) phrases_.push_back({std::move(phrase), std::move(folded)});
  }
  // Longer phrases first, so "may contain" is tried before "contain".
  std::stable_sort(phrases_.begin(), phrases_.end(),
                   [](const Folded& a, const Folded& b) { return a.folded.size() > b.folded.size(); });
}

std::vector<RecognisedStatement> StatementRecognizer::recognise(std::string_view text) const {
  std::string folded = " " + fold_text(text) + " ";
  std::vector<RecognisedStatement> found;
  std::vector<std::pair<std::size_t, std::size_t>> taken;  // matched spans, so shorter phrases inside them do not count again
  for (const auto& p : phrases_) {
    std::string needle = " " + p.folded + " ";
    for (std::size_t at = folded.find(needle); at != std::string::npos; at = folded.find(needle, at + 1)) {
      std::size_t begin = at + 1;
      std::size_t end = begin + p.folded.size();
      bool inside = std::any_of(taken.begin(), taken.end(), [&](const auto& span) {
        return begin >= span.first && end <= span.second;
      });
      if (inside || negated(folded, begin, p.folded.size())) continue;
      taken.emplace_back(begin, end);
      bool already = std::any_of(found.begin(), found.end(), [&](const RecognisedStatement& r) {
        return r.statement == p.phrase.statement && r.kind == p.phrase.kind;
      });
      if (!already) found.push_back({p.phrase.statement, p.phrase.kind, p.phrase.language, p.phrase.phrase, begin - 1});
    }
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.position < b.position; });
  return found;
}

}  // namespace lmo::domain
