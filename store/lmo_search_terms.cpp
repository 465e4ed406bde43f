#include "store/lmo_search_terms.hpp"

#include <algorithm>

#include "domain/search_text.hpp"

namespace lmo::store {

namespace {

const std::string& name_of(const std::map<std::string, std::string, std::less<>>& names, const std::string& id) {
  static const std::string none;
  auto found = names.find(id);
  return found == names.end() ? none : found->second;
}

}  // namespace

LmoVocabulary lmo_vocabulary(const domain::Registry& names) {
  LmoVocabulary out;
  for (const auto& o : names.organisms) {
    std::string words = o.scientific_name;
    for (const auto& [lang, name] : o.common_name.by_language()) words += " " + name;
    out.organisms[o.id] = words;
  }
  for (const auto& t : names.traits) {
    std::string words;
    for (const auto& [lang, name] : t.name.by_language()) words += " " + name;
    out.traits[t.id] = words;
  }
  for (const auto& d : names.developers) out.developers[d.id] = d.name;
  return out;
}

LmoIndexEntry lmo_index_entry(const domain::Lmo& lmo, const LmoVocabulary& vocabulary) {
  LmoIndexEntry entry;
  entry.uid_compact = lmo.uid ? domain::compact_identifier(*lmo.uid) : std::string();
  entry.words = lmo.event_name;
  entry.ids = entry.uid_compact;
  auto add_name = [&](const std::string& name) {
    entry.names.push_back(domain::lower_ascii(name));
    entry.words += " " + name;
    entry.ids += " " + domain::compact_identifier(name);
  };
  add_name(lmo.event_name);
  for (const auto& alias : lmo.aliases) add_name(alias);
  for (const auto& trade : lmo.trade_names) add_name(trade);
  if (lmo.uid) entry.names.push_back(domain::lower_ascii(*lmo.uid));
  for (const auto& trait : lmo.traits) entry.words += " " + name_of(vocabulary.traits, trait);
  entry.words += " " + name_of(vocabulary.organisms, lmo.organism) + " " +
                 name_of(vocabulary.developers, lmo.developer);
  if (lmo.uid) entry.words += " " + *lmo.uid;
  return entry;
}

LmoSearchText read_search_text(std::string_view text) {
  return {domain::query_words(text), domain::compact_identifier(text), domain::lower_ascii(text)};
}

void settle_words(LmoSearchText& search, bool exact) {
  auto& words = search.words;
  if (exact) words.clear();
  if (words.size() > 1) {
    words.erase(std::remove_if(words.begin(), words.end(), [](const std::string& w) { return w.size() < 2; }),
                words.end());
  }
}

}  // namespace lmo::store
