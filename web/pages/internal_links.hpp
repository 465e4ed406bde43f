// Internal links in page texts are written href="{{base}}/<slug>" (see data/pages/). This
// resolves them for one language: a link to a page or tool that exists gets its address
// (/<lang>/<slug>); a link to one that does not exist yet is unwrapped to plain text, so a
// reader never follows a link into a 404 while a tool is still being built.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace lmo::web {

std::string resolve_internal_links(std::string_view html, std::string_view lang,
                                   const std::function<bool(std::string_view slug)>& exists);

}  // namespace lmo::web
