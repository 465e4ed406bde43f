#include "domain/search_text.hpp"

namespace lmo::domain {

std::string compact_identifier(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3 && i + 1 < text.size()) {
      unsigned char next = static_cast<unsigned char>(text[i + 1]);
      if (next == 0x98 || next == 0xB8) {  // Ø U+00D8, ø U+00F8
        out += '0';
        ++i;
        continue;
      }
      if (next == 0x97) {  // × U+00D7, the stack separator
        out += 'X';
        ++i;
        continue;
      }
    }
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      ++i;  // no-break space
      continue;
    }
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) == 0x93 || static_cast<unsigned char>(text[i + 2]) == 0x90)) {
      i += 2;  // en dash, hyphen
      continue;
    }
    if (c == ' ' || c == '-' || c == '\t' || c == '_') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : static_cast<char>(c);
  }
  return out;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string> query_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && words.size() < 16) words.push_back(word.substr(0, 64));
    word.clear();
  };
  for (unsigned char c : text) {
    bool part = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (part) {
      word += static_cast<char>(c);
    } else {
      flush();
    }
  }
  flush();
  return words;
}

}  // namespace lmo::domain
