// Picks the user-interface language for a request without a language prefix, from the
// Accept-Language header (RFC 9110 §12.5.4): the supported language with the highest
// quality, where "fr-CH" also matches "fr", ties go to the header's order, q=0 excludes,
// and "*" stands for any language not named. Malformed parts are ignored, never fatal.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lmo::web {

// Returns the chosen code from `supported` (lower-case primary tags such as "en"), or
// nullopt when the header names none of them.
std::optional<std::string> negotiate_language(std::string_view accept_language,
                                              const std::vector<std::string>& supported);

}  // namespace lmo::web
