#include "web/pages/internal_links.hpp"

namespace lmo::web {

std::string resolve_internal_links(std::string_view html, std::string_view lang,
                                   const std::function<bool(std::string_view)>& exists) {
  static constexpr std::string_view kOpen = "<a href=\"{{base}}";
  std::string out;
  out.reserve(html.size());
  size_t position = 0;
  for (;;) {
    size_t start = html.find(kOpen, position);
    if (start == std::string_view::npos) break;
    out.append(html.substr(position, start - position));
    size_t path_start = start + kOpen.size();
    size_t quote = html.find('"', path_start);
    size_t tag_end = quote == std::string_view::npos ? quote : html.find('>', quote);
    size_t close = tag_end == std::string_view::npos ? tag_end : html.find("</a>", tag_end);
    if (close == std::string_view::npos) {  // not a well-formed link: leave the rest alone
      position = start;
      break;
    }
    std::string_view path = html.substr(path_start, quote - path_start);  // "/slug", "/" or "/slug#x"
    std::string_view slug = path.substr(path.empty() ? 0 : 1);
    slug = slug.substr(0, slug.find_first_of("#?/"));
    if (slug.empty() || exists(slug)) {
      out += "<a href=\"/";
      out += lang;
      out.append(path);
      out.append(html.substr(quote, close + 4 - quote));
    } else {
      out.append(html.substr(tag_end + 1, close - tag_end - 1));  // the link text only
    }
    position = close + 4;
  }
  out.append(html.substr(position));
  return out;
}

}  // namespace lmo::web
