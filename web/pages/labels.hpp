// Labels: the reader-language names of enumerated values (resource kinds, regions), taken
// from templates/label.mustache so that every user-visible word lives in a template and a
// catalog. Unknown values are shown as they are.
#pragma once

#include <string>
#include <string_view>

#include "web/web_context.hpp"

namespace lmo::web {

// `group` is "kind" or "region"; `value` the stored value.
std::string label(const WebContext& context, std::string_view lang, std::string_view group,
                  std::string_view value);

}  // namespace lmo::web
