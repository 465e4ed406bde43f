// How search text is folded so that any spelling of an identifier or name finds its record:
// identifiers compare in "compact" form (capitals, 0 for Ø/ø, no spaces, hyphens or dashes),
// names in lower case; words for full-text search are split on anything not a letter or digit.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lmo::domain {

// "mon-øø81ø-6" → "MON008106"; "ØØ81Ø" → "00810". Non-ASCII other than Ø/ø/× is kept as is.
std::string compact_identifier(std::string_view text);
// ASCII lower case; other bytes unchanged (full-text search folds the rest).
std::string lower_ascii(std::string_view text);
// Words of a query, each at most 64 bytes, at most 16 words; UTF-8 sequences stay whole.
std::vector<std::string> query_words(std::string_view text);

}  // namespace lmo::domain
