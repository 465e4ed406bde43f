// What the registry stores index about an LMO for search, and how a search text is read:
// one definition for every backend, so that SQLite and PostgreSQL find the same LMOs.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/registry_records.hpp"

namespace lmo::store {

// Names of organisms (scientific and common, every language), traits (every language) and
// developers by id: they go into the words of every LMO that refers to them.
struct LmoVocabulary {
  std::map<std::string, std::string, std::less<>> organisms, traits, developers;
};
LmoVocabulary lmo_vocabulary(const domain::Registry& names);

// The search index rows of one LMO.
struct LmoIndexEntry {
  std::string uid_compact;         // compact identifier (MON008106), "" without one
  std::vector<std::string> names;  // event name, aliases, trade names, identifier; lower case
  std::string words;               // for word search: names, organism, traits, developer
  std::string ids;                 // compact identifier and names, for partial identifiers
};
LmoIndexEntry lmo_index_entry(const domain::Lmo& lmo, const LmoVocabulary& vocabulary);

// A search text as the stores use it.
struct LmoSearchText {
  std::vector<std::string> words;  // searched as word prefixes, all of them
  std::string compact;             // compared with identifiers, and as a part of one
  std::string lowered;             // compared with names
};
LmoSearchText read_search_text(std::string_view text);
// Once the store knows whether `compact` is an identifier or `lowered` a name (`exact`): an
// exact text needs no word search (which, for "MON-ØØ81Ø-6", would be a costly AND of "MON",
// "ØØ81Ø" and "6"); one-character words match too much to help and go unless alone.
void settle_words(LmoSearchText& search, bool exact);

}  // namespace lmo::store
