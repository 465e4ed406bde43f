// PageDocument: the file format of a bundled page text (data/pages/<slug>.<lang>.html):
//
//   title: <plain text>
//   nav: <short title for navigation and breadcrumbs; optional, defaults to title>
//   summary: <plain text>
//   ---
//   <HTML fragment>
//
// Header keys are lower-case ASCII; unknown keys, a missing title or a missing "---" line are
// errors that name the line, so a broken data file is reported instead of half-loaded.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <variant>

namespace lmo::domain {

struct PageDocument {
  std::string title;
  std::string nav_title;  // equals title when the document gives none
  std::string summary;
  std::string body_html;
};

struct PageDocumentError {
  int line = 0;  // 1-based line of the problem (0: the whole document)
  std::string message;
};

using PageDocumentResult = std::variant<PageDocument, PageDocumentError>;

PageDocumentResult parse_page_document(std::string_view text);

}  // namespace lmo::domain
