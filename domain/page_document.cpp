#include "domain/page_document.hpp"

#include <algorithm>

namespace lmo::domain {

namespace {

std::string_view trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || c == '_';
  });
}

}  // namespace

PageDocumentResult parse_page_document(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark
  PageDocument document;
  bool seen_title = false;
  bool seen_summary = false;
  bool seen_nav = false;
  int line_number = 0;
  size_t position = 0;
  while (position < text.size()) {
    size_t end = text.find('\n', position);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(position, end - position));
    ++line_number;
    position = end + 1;
    if (line == "---") {
      if (!seen_title) return PageDocumentError{line_number, "header has no title"};
      document.body_html = std::string(trim(text.substr(std::min(position, text.size()))));
      if (document.body_html.empty()) return PageDocumentError{line_number, "body is empty"};
      if (!seen_nav) document.nav_title = document.title;
      return document;
    }
    if (line.empty()) continue;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return PageDocumentError{line_number, "expected 'key: value' or '---'"};
    }
    std::string_view key = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));
    if (!is_key(key)) return PageDocumentError{line_number, "malformed key"};
    if (value.empty()) return PageDocumentError{line_number, "empty value for " + std::string(key)};
    if (key == "title") {
      if (seen_title) return PageDocumentError{line_number, "title given twice"};
      document.title = std::string(value);
      seen_title = true;
    } else if (key == "nav") {
      if (seen_nav) return PageDocumentError{line_number, "nav given twice"};
      document.nav_title = std::string(value);
      seen_nav = true;
    } else if (key == "summary") {
      if (seen_summary) return PageDocumentError{line_number, "summary given twice"};
      document.summary = std::string(value);
      seen_summary = true;
    } else {
      return PageDocumentError{line_number, "unknown key '" + std::string(key) + "'"};
    }
  }
  return PageDocumentError{line_number, "no '---' line separating header and body"};
}

}  // namespace lmo::domain
