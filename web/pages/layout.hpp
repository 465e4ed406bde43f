// The page frame every HTML page shares: <html lang dir>, skip link, header, navigation,
// language switcher (same page in every language), breadcrumbs, the page's own content,
// footer with the printer-friendly link — or, for print views, the content alone with the
// page's address and date.
#pragma once

#include <string>
#include <vector>

#include "services/portal_content_service.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

struct LayoutOptions {
  std::string title;                // plain text, escaped by the template
  std::string nav_title;            // the current page's breadcrumb label
  std::string description;          // meta description
  std::string body_html;            // rendered inner template (trusted)
  std::string page_path = "/";      // path after the language prefix, e.g. "/htpi"
  std::string current_slug;         // highlights the navigation entry
  std::vector<services::PageLink> breadcrumbs;  // ancestors, home first
  std::string content_language;     // language of the content when it differs (fallback)
  bool print = false;               // printer-friendly view
  bool printable = true;            // offer a printer-friendly link
  bool indexable = true;
  std::string updated;              // ISO date shown in the footer
};

std::string render_layout(const WebContext& context, const std::string& lang,
                          const LayoutOptions& options);

}  // namespace lmo::web
