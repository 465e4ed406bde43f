#include "store/postgres/pg_registry_store.hpp"

#include <cstdint>
#include <limits>
#include <map>
#include <set>

#include "store/lmo_search_terms.hpp"
#include "store/postgres/pg_text.hpp"
#include "store/registry_documents.hpp"
#include "store/store_error.hpp"

namespace lmo::store::postgres {

using domain::RecordType;

namespace {

constexpr std::string_view kDatasetName = "registry";
// Advisory lock key held by every registry write ("lmo-regi" in ASCII): writers in every
// instance take turns, so two never give a record the same revision.
constexpr std::int64_t kRegistryWriteLock = 0x6c6d6f2d72656769;

// A PostgreSQL text[] literal: {"a","b"}.
template <typename Strings>
std::string text_array(const Strings& values) {
  std::string out = "{";
  for (const auto& value : values) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : value) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + '}';
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

// Characters (not bytes) in well-formed UTF-8.
std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

// A LIKE pattern matching `text` anywhere.
std::string containing(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + '%';
}

// The parameters of a statement put together piece by piece: each value becomes the next $n.
class Parameters {
 public:
  std::string add(std::string value, std::string_view type = "text") {
    values_.push_back(std::move(value));
    return "$" + std::to_string(values_.size()) + "::" + std::string(type);
  }
  void bind(Statement& statement) const {
    for (std::size_t i = 0; i < values_.size(); ++i) statement.bind(static_cast<int>(i + 1), values_[i]);
  }

 private:
  std::vector<std::string> values_;
};

std::vector<std::string> documents(Statement& rows) {
  std::vector<std::string> docs;
  while (rows.step()) docs.push_back(rows.text(0));
  return docs;
}

std::optional<std::string> stored_document(PgConnection& db, RecordType type, std::string_view key) {
  if (!is_pg_text(key)) return std::nullopt;  // no stored key has such bytes
  Statement row(db, "SELECT doc FROM registry_records WHERE type = $1 AND key = $2");
  row.bind(1, domain::record_type_name(type)).bind(2, key);
  if (!row.step()) return std::nullopt;
  return row.text(0);
}

}  // namespace

domain::Registry PgRegistryStore::load() const {
  return load_types({std::begin(domain::kAllRecordTypes), std::end(domain::kAllRecordTypes)});
}

domain::Registry PgRegistryStore::load_reference() const {
  std::vector<RecordType> types;
  for (RecordType type : domain::kAllRecordTypes) {
    if (type != RecordType::lmo && type != RecordType::decision) types.push_back(type);
  }
  return load_types(types);
}

domain::Registry PgRegistryStore::load_types(const std::vector<RecordType>& types) const {
  std::vector<std::string_view> names;
  for (RecordType type : types) names.push_back(domain::record_type_name(type));
  std::map<std::string, std::vector<std::string>, std::less<>> docs;
  {
    // One statement, so one snapshot: the types read agree with each other.
    auto db = database_.connection();
    Statement rows(*db, "SELECT type, doc FROM registry_records WHERE type = ANY($1::text[]) ORDER BY type, key");
    rows.bind(1, text_array(names));
    while (rows.step()) docs[rows.text(0)].push_back(rows.text(1));
  }
  domain::Registry registry;
  for (RecordType type : types) {
    auto found = docs.find(domain::record_type_name(type));
    if (found != docs.end()) decode_documents(type, found->second, registry);
  }
  return registry;
}

std::optional<domain::Lmo> PgRegistryStore::find_lmo(std::string_view key) const {
  auto db = database_.connection();
  auto doc = stored_document(*db, RecordType::lmo, key);
  if (!doc) return std::nullopt;
  domain::Registry registry;
  decode_documents(RecordType::lmo, {*doc}, registry);
  return registry.lmos.front();
}

std::optional<domain::Decision> PgRegistryStore::find_decision(std::string_view id) const {
  auto db = database_.connection();
  auto doc = stored_document(*db, RecordType::decision, id);
  if (!doc) return std::nullopt;
  domain::Registry registry;
  decode_documents(RecordType::decision, {*doc}, registry);
  return registry.decisions.front();
}

LmoSearchPage PgRegistryStore::search_lmos(const LmoSearch& search) const {
  LmoSearchPage page;
  // A filter PostgreSQL cannot hold names nothing stored: no match, as in SQLite.
  for (const std::string* filter : {&search.organism, &search.developer, &search.trait, &search.approved_in}) {
    if (!is_pg_text(*filter)) return page;
  }
  auto db = database_.connection();
  auto text = read_search_text(search.text);
  bool comparable = is_pg_text(text.compact) && is_pg_text(text.lowered);
  bool exact = false;
  if (!text.compact.empty() && comparable) {
    Statement probe(*db,
                    "SELECT EXISTS (SELECT 1 FROM lmo_index WHERE uid_compact = $1::text) "
                    "OR EXISTS (SELECT 1 FROM lmo_names WHERE name = $2::text)");
    probe.bind(1, text.compact).bind(2, text.lowered);
    exact = probe.step() && probe.integer(0) != 0;
  }
  settle_words(text, exact);

  // `found`: the matching LMOs with a rank (0 exact, 1 words, 2 part of an identifier) and
  // their sort keys; read once (MATERIALIZED) for the total, the page and the facets, all in
  // one statement and so from one snapshot.
  Parameters parameters;
  std::string filters;
  if (!search.organism.empty()) filters += " AND i.organism = " + parameters.add(search.organism);
  if (!search.developer.empty()) filters += " AND i.developer = " + parameters.add(search.developer);
  if (!search.trait.empty()) {
    filters += " AND EXISTS (SELECT 1 FROM lmo_traits t WHERE t.key = i.key AND t.trait = " +
               parameters.add(search.trait) + ")";
  }
  if (!search.approved_in.empty()) {
    filters += " AND EXISTS (SELECT 1 FROM lmo_approval_countries c WHERE c.key = i.key AND c.country = " +
               parameters.add(search.approved_in) + ")";
  }
  std::string found;
  if (text.words.empty() && text.compact.empty() && !exact) {
    found = "SELECT i.key, 0 AS rank, i.event_name, i.organism, i.developer FROM lmo_index i WHERE true" + filters;
  } else {
    std::vector<std::string> hits;
    if (comparable) {
      hits.push_back("SELECT key, 0 AS rank FROM lmo_index WHERE uid_compact = " + parameters.add(text.compact));
      hits.push_back("SELECT key, 0 AS rank FROM lmo_names WHERE name = " + parameters.add(text.lowered));
    }
    if (!text.words.empty()) {
      // Words are split on ASCII punctuation and spaces, so a space separates them here; bytes
      // PostgreSQL cannot hold are dropped (FTS5 reads them as separators).
      std::vector<std::string> words;
      for (const auto& word : text.words) words.push_back(pg_text_part(word));
      // The query is built once (a sub-select), not once per row, whatever plan is chosen.
      hits.push_back("SELECT key, 1 AS rank FROM lmo_index WHERE words_vector @@ (SELECT lmo_prefix_query(" +
                     parameters.add(joined(words, " ")) + "))");
    }
    // FTS5's trigram table finds nothing for fewer than three characters.
    if (comparable && code_points(text.compact) >= 3) {
      hits.push_back("SELECT key, 2 AS rank FROM lmo_index WHERE ids ILIKE " +
                     parameters.add(containing(text.compact)));
    }
    if (hits.empty()) return page;
    found = "SELECT b.key, b.rank, i.event_name, i.organism, i.developer "
            "FROM (SELECT key, min(rank) AS rank FROM (" + joined(hits, " UNION ALL ") + ") AS hits GROUP BY key) AS b "
            "JOIN lmo_index i ON i.key = b.key WHERE true" + filters;
  }
  constexpr auto kLargest = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  // As in SQLite, a limit beyond int64 is no limit and such an offset none.
  std::string limit = search.limit > kLargest ? "ALL" : parameters.add(std::to_string(search.limit), "bigint");
  std::string offset = parameters.add(std::to_string(search.offset > kLargest ? 0 : search.offset), "bigint");
  auto facet = [](int part, const std::string& select) {
    return " UNION ALL SELECT " + std::to_string(part) +
           ", v.value, v.n, row_number() OVER (ORDER BY v.n DESC, v.value) "
           "FROM (" + select + " ORDER BY 2 DESC, 1 LIMIT 50) AS v(value, n)";
  };
  std::string sql =
      "WITH found AS MATERIALIZED (" + found + ") "
      "SELECT 0 AS part, NULL::text AS value, count(*) AS n, 0::bigint AS ord FROM found "
      "UNION ALL SELECT 1, p.doc, 0, row_number() OVER (ORDER BY p.rank, p.event_name, p.key) FROM ("
      "SELECT r.doc, f.rank, f.event_name, f.key FROM found f "
      "JOIN registry_records r ON r.type = 'lmo' AND r.key = f.key "
      "ORDER BY f.rank, f.event_name, f.key LIMIT " + limit + " OFFSET " + offset + ") AS p" +
      facet(2, "SELECT organism, count(*) FROM found GROUP BY organism") +
      facet(3, "SELECT developer, count(*) FROM found GROUP BY developer") +
      facet(4, "SELECT t.trait, count(*) FROM found f JOIN lmo_traits t ON t.key = f.key GROUP BY t.trait") +
      facet(5, "SELECT c.country, count(*) FROM found f JOIN lmo_approval_countries c ON c.key = f.key "
               "GROUP BY c.country") +
      " ORDER BY 1, 4";
  Statement rows(*db, sql);
  parameters.bind(rows);
  std::vector<std::string> docs;
  std::vector<FacetValue>* facets[] = {&page.organisms, &page.developers, &page.traits, &page.countries};
  while (rows.step()) {
    auto part = rows.integer(0);
    if (part == 0) {
      page.total = static_cast<std::size_t>(rows.integer(2));
    } else if (part == 1) {
      docs.push_back(rows.text(1));
    } else if (!rows.is_null(1) && !rows.text(1).empty()) {
      facets[part - 2]->push_back({rows.text(1), static_cast<std::size_t>(rows.integer(2))});
    }
  }
  domain::Registry registry;
  decode_documents(RecordType::lmo, docs, registry);
  page.lmos = std::move(registry.lmos);
  return page;
}

std::vector<domain::Decision> PgRegistryStore::decisions_about(const std::vector<std::string>& lmo_keys) const {
  std::vector<std::string_view> keys;
  for (const auto& key : lmo_keys) {
    if (is_pg_text(key)) keys.push_back(key);
  }
  auto db = database_.connection();
  Statement rows(*db,
                 "SELECT doc FROM registry_records WHERE type = 'decision' AND key IN "
                 "(SELECT decision_id FROM decision_lmos WHERE lmo_key = ANY($1::text[])) ORDER BY key");
  rows.bind(1, text_array(keys));
  domain::Registry registry;
  decode_documents(RecordType::decision, documents(rows), registry);
  return std::move(registry.decisions);
}

std::vector<domain::Decision> PgRegistryStore::decisions_in(std::string_view jurisdiction) const {
  if (!is_pg_text(jurisdiction)) return {};
  auto db = database_.connection();
  Statement rows(*db,
                 "SELECT r.doc FROM decision_index d JOIN registry_records r ON r.type = 'decision' AND r.key = d.id "
                 "WHERE d.country = $1 ORDER BY d.date DESC, d.id");
  rows.bind(1, jurisdiction);
  domain::Registry registry;
  decode_documents(RecordType::decision, documents(rows), registry);
  return std::move(registry.decisions);
}

std::vector<FacetValue> PgRegistryStore::decision_counts() const {
  auto db = database_.connection();
  Statement rows(*db, "SELECT country, count(*) FROM decision_index GROUP BY country ORDER BY country");
  std::vector<FacetValue> out;
  while (rows.step()) out.push_back({rows.text(0), static_cast<std::size_t>(rows.integer(1))});
  return out;
}

std::vector<RecordRevision> PgRegistryStore::history(RecordType type, std::string_view key) const {
  if (!is_pg_text(key)) return {};
  auto db = database_.connection();
  Statement rows(*db,
                 "SELECT revision, doc, origin, recorded_at FROM registry_revisions "
                 "WHERE type = $1 AND key = $2 ORDER BY revision");
  rows.bind(1, domain::record_type_name(type)).bind(2, key);
  std::vector<RecordRevision> out;
  while (rows.step()) {
    out.push_back({static_cast<int>(rows.integer(0)), rows.text(1), rows.text(2), rows.text(3)});
  }
  return out;
}

std::string PgRegistryStore::last_change() const {
  auto db = database_.connection();
  Statement row(*db, "SELECT max(updated_at) FROM registry_records");
  return row.step() && !row.is_null(0) ? row.text(0) : std::string();
}

std::optional<std::string> PgRegistryStore::bundled_fingerprint() const {
  auto db = database_.connection();
  Statement query(*db, "SELECT fingerprint FROM bundled_datasets WHERE name = $1");
  query.bind(1, kDatasetName);
  if (!query.step()) return std::nullopt;
  return query.text(0);
}

WriteReport PgRegistryStore::write(const domain::Registry& batch, std::string_view origin,
                                   std::optional<std::string_view> fingerprint, bool keep_other_origins) {
  // libpq would cut text at a NUL without a word: refuse rather than store another key.
  if (origin.find('\0') != std::string_view::npos) throw StoreError("registry origin contains a NUL character");
  auto db = database_.connection();
  Transaction transaction(*db);
  // Every statement below runs after the lock is granted, so it sees what earlier writers
  // committed (READ COMMITTED takes a snapshot per statement).
  lock_for_transaction(*db, kRegistryWriteLock);
  WriteReport report;
  std::string now = kPgNow;
  std::set<std::string> changed_lmos;
  std::set<std::string> changed_decisions;
  bool names_changed = false;  // organisms, traits or developers feed the search words
  for (RecordType type : domain::kAllRecordTypes) {
    std::string_view type_name = domain::record_type_name(type);
    for_each_document(batch, type, [&](const std::string& key, const std::string& doc) {
      if (key.find('\0') != std::string::npos) {
        throw StoreError("registry " + std::string(type_name) + " key contains a NUL character");
      }
      Statement current(*db, "SELECT revision, doc, origin FROM registry_records WHERE type = $1 AND key = $2");
      current.bind(1, type_name).bind(2, key);
      int next = 1;
      if (current.step()) {
        if (current.text(1) == doc || (keep_other_origins && current.text(2) != origin)) {
          ++report.unchanged;
          return;
        }
        next = static_cast<int>(current.integer(0)) + 1;
        ++report.updated;
      } else {
        ++report.added;
      }
      Statement store(*db,
                      "WITH record AS (INSERT INTO registry_records(type, key, revision, doc, origin, updated_at) "
                      "VALUES ($1, $2, $3::int, $4, $5, " + now + ") "
                      "ON CONFLICT (type, key) DO UPDATE SET revision = excluded.revision, doc = excluded.doc, "
                      "origin = excluded.origin, updated_at = excluded.updated_at RETURNING updated_at) "
                      "INSERT INTO registry_revisions(type, key, revision, doc, origin, recorded_at) "
                      "SELECT $1, $2, $3::int, $4, $5, updated_at FROM record");
      store.bind(1, type_name).bind(2, key).bind(3, next).bind(4, doc).bind(5, origin).execute();
      if (type == RecordType::lmo) changed_lmos.insert(key);
      if (type == RecordType::decision) changed_decisions.insert(key);
      if (type == RecordType::organism || type == RecordType::trait || type == RecordType::developer) {
        names_changed = true;
      }
    });
  }

  // Derived indexes. Names of organisms, traits and developers go into every LMO's words,
  // so a change to them re-indexes all LMOs.
  if (names_changed || !changed_lmos.empty() || !changed_decisions.empty()) {
    auto vocabulary = [&] {
      Statement rows(*db, "SELECT type, doc FROM registry_records WHERE type IN ('organism', 'trait', 'developer')");
      std::map<std::string, std::vector<std::string>, std::less<>> docs;
      while (rows.step()) docs[rows.text(0)].push_back(rows.text(1));
      domain::Registry names;
      for (RecordType type : {RecordType::organism, RecordType::trait, RecordType::developer}) {
        decode_documents(type, docs[std::string(domain::record_type_name(type))], names);
      }
      return lmo_vocabulary(names);
    }();

    if (names_changed) {
      Statement all(*db, "SELECT key FROM registry_records WHERE type = 'lmo'");
      while (all.step()) changed_lmos.insert(all.text(0));
    }
    if (!changed_decisions.empty()) {
      std::string ids = text_array(changed_decisions);
      // Decisions change the approval facet of the LMOs they name (before and after).
      Statement named(*db, "SELECT lmo_key FROM decision_lmos WHERE decision_id = ANY($1::text[])");
      named.bind(1, ids);
      while (named.step()) changed_lmos.insert(named.text(0));
      Statement(*db, "DELETE FROM decision_index WHERE id = ANY($1::text[])").bind(1, ids).execute();
      Statement(*db, "DELETE FROM decision_lmos WHERE decision_id = ANY($1::text[])").bind(1, ids).execute();
      Statement docs(*db, "SELECT doc FROM registry_records WHERE type = 'decision' AND key = ANY($1::text[])");
      docs.bind(1, ids);
      domain::Registry decisions;
      decode_documents(RecordType::decision, documents(docs), decisions);
      Statement insert_decision(*db,
                                "INSERT INTO decision_index(id, country, date, expiry, result) "
                                "VALUES ($1, $2, $3, $4, $5)");
      Statement insert_lmos(*db,
                            "INSERT INTO decision_lmos(decision_id, lmo_key) SELECT $1, unnest($2::text[]) "
                            "ON CONFLICT DO NOTHING");
      for (const auto& d : decisions.decisions) {
        insert_decision.bind(1, d.id).bind(2, d.country).bind(3, d.date).bind_optional(4, d.expiry)
            .bind(5, d.result).execute();
        insert_lmos.bind(1, d.id).bind(2, text_array(d.lmos)).execute();
        changed_lmos.insert(d.lmos.begin(), d.lmos.end());
      }
    }

    if (!changed_lmos.empty()) {
      std::string keys = text_array(changed_lmos);
      for (const char* table : {"lmo_index", "lmo_traits", "lmo_names", "lmo_approval_countries"}) {
        Statement(*db, std::string("DELETE FROM ") + table + " WHERE key = ANY($1::text[])").bind(1, keys).execute();
      }
      Statement docs(*db, "SELECT doc FROM registry_records WHERE type = 'lmo' AND key = ANY($1::text[])");
      docs.bind(1, keys);
      domain::Registry lmos;
      decode_documents(RecordType::lmo, documents(docs), lmos);
      Statement insert_index(*db,
                             "INSERT INTO lmo_index(key, uid, uid_compact, event_name, organism, developer, "
                             "is_stack, words, ids) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
      Statement insert_names(*db,
                             "INSERT INTO lmo_names(key, name) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING");
      Statement insert_traits(*db,
                              "INSERT INTO lmo_traits(key, trait) SELECT $1, unnest($2::text[]) "
                              "ON CONFLICT DO NOTHING");
      for (const auto& l : lmos.lmos) {
        auto entry = lmo_index_entry(l, vocabulary);
        insert_index.bind(1, l.key).bind_optional(2, l.uid).bind(3, entry.uid_compact).bind(4, l.event_name)
            .bind(5, l.organism).bind(6, l.developer).bind(7, l.is_stack).bind(8, entry.words).bind(9, entry.ids)
            .execute();
        insert_names.bind(1, l.key).bind(2, text_array(entry.names)).execute();
        insert_traits.bind(1, l.key).bind(2, text_array(l.traits)).execute();
      }
      Statement(*db,
                "INSERT INTO lmo_approval_countries(key, country) "
                "SELECT dl.lmo_key, d.country FROM decision_lmos dl JOIN decision_index d ON d.id = dl.decision_id "
                "JOIN lmo_index i ON i.key = dl.lmo_key "  // LMOs in the registry only
                "WHERE dl.lmo_key = ANY($1::text[]) AND d.result IN ('approved', 'approved-with-conditions') "
                "ON CONFLICT DO NOTHING")
          .bind(1, keys)
          .execute();
    }
  }

  if (fingerprint) {
    Statement record(*db,
                     "INSERT INTO bundled_datasets(name, fingerprint, loaded_at) VALUES ($1, $2, " + now +
                         ") ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint, "
                         "loaded_at = excluded.loaded_at");
    record.bind(1, kDatasetName).bind(2, *fingerprint).execute();
  }
  transaction.commit();
  count_write();
  return report;
}

}  // namespace lmo::store::postgres
