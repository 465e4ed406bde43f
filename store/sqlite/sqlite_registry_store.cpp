#include "store/sqlite/sqlite_registry_store.hpp"

#include <sqlite3.h>

#include <set>

#include "store/lmo_search_terms.hpp"
#include "store/registry_documents.hpp"
#include "store/store_error.hpp"

namespace lmo::store::sqlite {

using domain::RecordType;

namespace {

constexpr std::string_view kDatasetName = "registry";

std::string now_sql() { return "strftime('%Y-%m-%dT%H:%M:%fZ','now')"; }

// An FTS5 string: in double quotes, quotes inside doubled.
std::string fts_string(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  return quoted + '"';
}

// FTS5 query: every word as a quoted prefix term (implicit AND).
std::string fts_query(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) {
    if (!out.empty()) out += ' ';
    out += fts_string(word) + '*';
  }
  return out;
}

}  // namespace

domain::Registry SqliteRegistryStore::load() const {
  return load_types({std::begin(domain::kAllRecordTypes), std::end(domain::kAllRecordTypes)});
}

domain::Registry SqliteRegistryStore::load_reference() const {
  std::vector<RecordType> types;
  for (RecordType type : domain::kAllRecordTypes) {
    if (type != RecordType::lmo && type != RecordType::decision) types.push_back(type);
  }
  return load_types(types);
}

domain::Registry SqliteRegistryStore::load_types(const std::vector<RecordType>& types) const {
  auto db = database_.connection();
  domain::Registry registry;
  for (RecordType type : types) {
    Statement rows(*db, "SELECT doc FROM registry_records WHERE type = ? ORDER BY key");
    rows.bind(1, domain::record_type_name(type));
    std::vector<std::string> docs;
    while (rows.step()) docs.push_back(rows.text(0));
    decode_documents(type, docs, registry);
  }
  return registry;
}

std::optional<domain::Lmo> SqliteRegistryStore::find_lmo(std::string_view key) const {
  auto db = database_.connection();
  Statement row(*db, "SELECT doc FROM registry_records WHERE type = 'lmo' AND key = ?");
  row.bind(1, key);
  if (!row.step()) return std::nullopt;
  domain::Registry registry;
  decode_documents(RecordType::lmo, {row.text(0)}, registry);
  return registry.lmos.front();
}

std::optional<domain::Decision> SqliteRegistryStore::find_decision(std::string_view id) const {
  auto db = database_.connection();
  Statement row(*db, "SELECT doc FROM registry_records WHERE type = 'decision' AND key = ?");
  row.bind(1, id);
  if (!row.step()) return std::nullopt;
  domain::Registry registry;
  decode_documents(RecordType::decision, {row.text(0)}, registry);
  return registry.decisions.front();
}

LmoSearchPage SqliteRegistryStore::search_lmos(const LmoSearch& search) const {
  auto db = database_.connection();
  auto text = read_search_text(search.text);
  const auto& words = text.words;
  const std::string& compact = text.compact;
  const std::string& lowered = text.lowered;
  // Parts of identifiers still match through the trigrams when the text is exact, so stacks
  // containing the identifier are found too.
  bool exact = false;
  if (!compact.empty()) {
    Statement probe(*db,
                    "SELECT EXISTS (SELECT 1 FROM lmo_index WHERE uid_compact = ?1) "
                    "OR EXISTS (SELECT 1 FROM lmo_names WHERE name = ?2)");
    probe.bind(1, std::string_view(compact)).bind(2, std::string_view(lowered));
    exact = probe.step() && probe.integer(0) != 0;
  }
  settle_words(text, exact);

  // The matching keys are gathered once into a temporary table of this connection; the page,
  // the total and the facets are then read from it (CROSS JOIN keeps the small table of
  // matches outermost: the planner has no statistics for it).
  const char* filters =
      "(:organism = '' OR i.organism = :organism) "
      "AND (:developer = '' OR i.developer = :developer) "
      "AND (:trait = '' OR EXISTS (SELECT 1 FROM lmo_traits t WHERE t.key = i.key AND t.trait = :trait)) "
      "AND (:country = '' OR EXISTS (SELECT 1 FROM lmo_approval_countries c "
      "WHERE c.key = i.key AND c.country = :country))";
  std::string fill;
  if (words.empty() && compact.empty() && !exact) {
    fill = std::string("INSERT INTO temp.search_hits SELECT i.key, 0, i.event_name, i.organism, i.developer "
                       "FROM lmo_index i WHERE ") + filters;
  } else {
    // hits: every way the text can match, with a rank (0 exact, 1 words, 2 part of an id).
    std::string hits =
        "SELECT key, 0 AS rank FROM lmo_index WHERE uid_compact = :compact "
        "UNION ALL SELECT key, 0 FROM lmo_names WHERE name = :lower";
    if (!words.empty()) hits += " UNION ALL SELECT key, 1 FROM lmo_words WHERE lmo_words MATCH :fts";
    // FTS5 reads its query up to a NUL; no stored identifier holds one anyway.
    if (compact.size() >= 3 && compact.find('\0') == std::string::npos) {
      hits += " UNION ALL SELECT key, 2 FROM lmo_trigrams WHERE lmo_trigrams MATCH :tri";
    }
    fill = "WITH hits AS (" + hits + "), best AS (SELECT key, MIN(rank) AS rank FROM hits GROUP BY key) "
           "INSERT INTO temp.search_hits SELECT b.key, b.rank, i.event_name, i.organism, i.developer "
           "FROM best b JOIN lmo_index i ON i.key = b.key WHERE " + filters;
  }
  db->execute_script(
      "CREATE TEMP TABLE IF NOT EXISTS search_hits(key TEXT PRIMARY KEY, rank INTEGER, event_name TEXT, "
      "organism TEXT, developer TEXT); DELETE FROM temp.search_hits;");
  auto bind_all = [&](Statement& statement) {
    auto bind_name = [&](const char* name, const std::string& value) {
      int index = statement.parameter_index(name);
      if (index > 0) statement.bind(index, std::string_view(value));
    };
    bind_name(":compact", compact);
    bind_name(":lower", lowered);
    bind_name(":fts", fts_query(words));
    bind_name(":tri", fts_string(compact));
    bind_name(":organism", search.organism);
    bind_name(":developer", search.developer);
    bind_name(":trait", search.trait);
    bind_name(":country", search.approved_in);
  };

  LmoSearchPage page;
  {
    Statement insert(*db, fill);
    bind_all(insert);
    insert.execute();
    Statement count(*db, "SELECT count(*) FROM temp.search_hits");
    if (count.step()) page.total = static_cast<std::size_t>(count.integer(0));
  }
  {
    Statement keys(*db,
                   "SELECT r.doc FROM temp.search_hits f CROSS JOIN registry_records r "
                   "ON r.type = 'lmo' AND r.key = f.key "
                   "ORDER BY f.rank, f.event_name, f.key LIMIT :limit OFFSET :offset");
    keys.bind(keys.parameter_index(":limit"), static_cast<std::int64_t>(search.limit));
    keys.bind(keys.parameter_index(":offset"), static_cast<std::int64_t>(search.offset));
    std::vector<std::string> docs;
    while (keys.step()) docs.push_back(keys.text(0));
    domain::Registry registry;
    decode_documents(RecordType::lmo, docs, registry);
    page.lmos = std::move(registry.lmos);
  }
  auto facet = [&](const std::string& select, std::vector<FacetValue>& into) {
    Statement rows(*db, select + " ORDER BY 2 DESC, 1 LIMIT 50");
    while (rows.step()) {
      if (!rows.is_null(0) && !rows.text(0).empty()) {
        into.push_back({rows.text(0), static_cast<std::size_t>(rows.integer(1))});
      }
    }
  };
  facet("SELECT organism, count(*) FROM temp.search_hits GROUP BY organism", page.organisms);
  facet("SELECT developer, count(*) FROM temp.search_hits GROUP BY developer", page.developers);
  facet("SELECT t.trait, count(*) FROM temp.search_hits f CROSS JOIN lmo_traits t ON t.key = f.key GROUP BY t.trait",
        page.traits);
  facet("SELECT c.country, count(*) FROM temp.search_hits f CROSS JOIN lmo_approval_countries c ON c.key = f.key "
        "GROUP BY c.country",
        page.countries);
  return page;
}

std::vector<domain::Decision> SqliteRegistryStore::decisions_about(
    const std::vector<std::string>& lmo_keys) const {
  auto db = database_.connection();
  std::set<std::string> ids;
  Statement rows(*db, "SELECT decision_id FROM decision_lmos WHERE lmo_key = ?");
  for (const auto& key : lmo_keys) {
    rows.bind(1, std::string_view(key));
    while (rows.step()) ids.insert(rows.text(0));
    rows.reset();
  }
  std::vector<std::string> docs;
  Statement doc(*db, "SELECT doc FROM registry_records WHERE type = 'decision' AND key = ?");
  for (const auto& id : ids) {
    doc.bind(1, std::string_view(id));
    if (doc.step()) docs.push_back(doc.text(0));
    doc.reset();
  }
  domain::Registry registry;
  decode_documents(RecordType::decision, docs, registry);
  return std::move(registry.decisions);
}

std::vector<domain::Decision> SqliteRegistryStore::decisions_in(std::string_view jurisdiction) const {
  auto db = database_.connection();
  Statement rows(*db,
                 "SELECT r.doc FROM decision_index d JOIN registry_records r ON r.type = 'decision' AND r.key = d.id "
                 "WHERE d.country = ? ORDER BY d.date DESC, d.id");
  rows.bind(1, jurisdiction);
  std::vector<std::string> docs;
  while (rows.step()) docs.push_back(rows.text(0));
  domain::Registry registry;
  decode_documents(RecordType::decision, docs, registry);
  return std::move(registry.decisions);
}

std::vector<FacetValue> SqliteRegistryStore::decision_counts() const {
  auto db = database_.connection();
  Statement rows(*db, "SELECT country, count(*) FROM decision_index GROUP BY country ORDER BY country");
  std::vector<FacetValue> out;
  while (rows.step()) out.push_back({rows.text(0), static_cast<std::size_t>(rows.integer(1))});
  return out;
}

std::vector<RecordRevision> SqliteRegistryStore::history(RecordType type, std::string_view key) const {
  auto db = database_.connection();
  Statement rows(*db,
                 "SELECT revision, doc, origin, recorded_at FROM registry_revisions "
                 "WHERE type = ? AND key = ? ORDER BY revision");
  rows.bind(1, domain::record_type_name(type)).bind(2, key);
  std::vector<RecordRevision> out;
  while (rows.step()) {
    out.push_back({static_cast<int>(rows.integer(0)), rows.text(1), rows.text(2), rows.text(3)});
  }
  return out;
}

std::string SqliteRegistryStore::last_change() const {
  auto db = database_.connection();
  Statement row(*db, "SELECT max(updated_at) FROM registry_records");
  return row.step() && !row.is_null(0) ? row.text(0) : std::string();
}

std::optional<std::string> SqliteRegistryStore::bundled_fingerprint() const {
  auto db = database_.connection();
  Statement query(*db, "SELECT fingerprint FROM bundled_datasets WHERE name = ?");
  query.bind(1, kDatasetName);
  if (!query.step()) return std::nullopt;
  return query.text(0);
}

WriteReport SqliteRegistryStore::write(const domain::Registry& batch, std::string_view origin,
                                       std::optional<std::string_view> fingerprint, bool keep_other_origins) {
  auto db = database_.connection();
  Transaction transaction(*db);
  WriteReport report;
  Statement current(*db, "SELECT revision, doc, origin FROM registry_records WHERE type = ? AND key = ?");
  Statement upsert(*db,
                   "INSERT INTO registry_records(type, key, revision, doc, origin, updated_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, " + now_sql() + ") "
                   "ON CONFLICT(type, key) DO UPDATE SET revision = ?3, doc = ?4, origin = ?5, "
                   "updated_at = excluded.updated_at");
  Statement revision(*db,
                     "INSERT INTO registry_revisions(type, key, revision, doc, origin, recorded_at) "
                     "VALUES (?, ?, ?, ?, ?, " + now_sql() + ")");
  std::set<std::string> changed_lmos;
  std::set<std::string> changed_decisions;
  bool names_changed = false;  // organisms, traits or developers feed the search words
  for (RecordType type : domain::kAllRecordTypes) {
    std::string_view type_name = domain::record_type_name(type);
    for_each_document(batch, type, [&](const std::string& key, const std::string& doc) {
      current.bind(1, type_name).bind(2, std::string_view(key));
      int next = 1;
      if (current.step()) {
        if (current.text(1) == doc || (keep_other_origins && current.text(2) != origin)) {
          current.reset();
          ++report.unchanged;
          return;
        }
        next = static_cast<int>(current.integer(0)) + 1;
        ++report.updated;
      } else {
        ++report.added;
      }
      current.reset();
      upsert.bind(1, type_name).bind(2, std::string_view(key)).bind(3, next).bind(4, std::string_view(doc))
          .bind(5, origin).execute();
      revision.bind(1, type_name).bind(2, std::string_view(key)).bind(3, next).bind(4, std::string_view(doc))
          .bind(5, origin).execute();
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
      domain::Registry names;
      for (RecordType type : {RecordType::organism, RecordType::trait, RecordType::developer}) {
        Statement rows(*db, "SELECT doc FROM registry_records WHERE type = ?");
        rows.bind(1, domain::record_type_name(type));
        std::vector<std::string> docs;
        while (rows.step()) docs.push_back(rows.text(0));
        decode_documents(type, docs, names);
      }
      return lmo_vocabulary(names);
    }();

    if (names_changed) {
      Statement all(*db, "SELECT key FROM registry_records WHERE type = 'lmo'");
      while (all.step()) changed_lmos.insert(all.text(0));
    }
    // Decisions change the approval facet of the LMOs they name (before and after).
    {
      Statement named(*db, "SELECT lmo_key FROM decision_lmos WHERE decision_id = ?");
      for (const auto& id : changed_decisions) {
        named.bind(1, std::string_view(id));
        while (named.step()) changed_lmos.insert(named.text(0));
        named.reset();
      }
    }
    Statement decision_doc(*db, "SELECT doc FROM registry_records WHERE type = 'decision' AND key = ?");
    Statement delete_decision(*db, "DELETE FROM decision_index WHERE id = ?");
    Statement delete_decision_lmos(*db, "DELETE FROM decision_lmos WHERE decision_id = ?");
    Statement insert_decision(*db,
                              "INSERT INTO decision_index(id, country, date, expiry, result) "
                              "VALUES (?, ?, ?, ?, ?)");
    Statement insert_decision_lmo(*db, "INSERT OR IGNORE INTO decision_lmos(decision_id, lmo_key) VALUES (?, ?)");
    for (const auto& id : changed_decisions) {
      delete_decision.bind(1, std::string_view(id)).execute();
      delete_decision_lmos.bind(1, std::string_view(id)).execute();
      decision_doc.bind(1, std::string_view(id));
      if (!decision_doc.step()) {
        decision_doc.reset();
        continue;
      }
      domain::Registry one;
      decode_documents(RecordType::decision, {decision_doc.text(0)}, one);
      decision_doc.reset();
      const auto& d = one.decisions.front();
      insert_decision.bind(1, std::string_view(d.id)).bind(2, std::string_view(d.country))
          .bind(3, std::string_view(d.date)).bind_optional(4, d.expiry).bind(5, std::string_view(d.result))
          .execute();
      for (const auto& key : d.lmos) {
        insert_decision_lmo.bind(1, std::string_view(d.id)).bind(2, std::string_view(key)).execute();
        changed_lmos.insert(key);
      }
    }

    Statement lmo_doc(*db, "SELECT doc FROM registry_records WHERE type = 'lmo' AND key = ?");
    Statement find_id(*db, "SELECT id FROM lmo_index WHERE key = ?");
    Statement del_index(*db, "DELETE FROM lmo_index WHERE key = ?");
    Statement del_traits(*db, "DELETE FROM lmo_traits WHERE key = ?");
    Statement del_names(*db, "DELETE FROM lmo_names WHERE key = ?");
    Statement del_words(*db, "DELETE FROM lmo_words WHERE rowid = ?");
    Statement del_trigrams(*db, "DELETE FROM lmo_trigrams WHERE rowid = ?");
    Statement del_countries(*db, "DELETE FROM lmo_approval_countries WHERE key = ?");
    Statement ins_index(*db,
                        "INSERT INTO lmo_index(key, uid, uid_compact, event_name, organism, developer, "
                        "is_stack) VALUES (?, ?, ?, ?, ?, ?, ?)");
    Statement ins_trait(*db, "INSERT OR IGNORE INTO lmo_traits(key, trait) VALUES (?, ?)");
    Statement ins_name(*db, "INSERT OR IGNORE INTO lmo_names(key, name) VALUES (?, ?)");
    Statement ins_words(*db, "INSERT INTO lmo_words(rowid, key, words) VALUES (?, ?, ?)");
    Statement ins_trigrams(*db, "INSERT INTO lmo_trigrams(rowid, key, ids) VALUES (?, ?, ?)");
    Statement ins_countries(*db,
                            "INSERT OR IGNORE INTO lmo_approval_countries(key, country) "
                            "SELECT dl.lmo_key, d.country FROM decision_lmos dl "
                            "JOIN decision_index d ON d.id = dl.decision_id "
                            "WHERE dl.lmo_key = ? AND d.result IN ('approved', 'approved-with-conditions')");
    for (const auto& key : changed_lmos) {
      find_id.bind(1, std::string_view(key));
      if (find_id.step()) {
        std::int64_t id = find_id.integer(0);
        find_id.reset();
        del_words.bind(1, id).execute();
        del_trigrams.bind(1, id).execute();
      } else {
        find_id.reset();
      }
      for (Statement* del : {&del_index, &del_traits, &del_names, &del_countries}) {
        del->bind(1, std::string_view(key)).execute();
      }
      lmo_doc.bind(1, std::string_view(key));
      if (!lmo_doc.step()) {
        lmo_doc.reset();
        continue;
      }
      domain::Registry one;
      decode_documents(RecordType::lmo, {lmo_doc.text(0)}, one);
      lmo_doc.reset();
      const auto& l = one.lmos.front();
      auto entry = lmo_index_entry(l, vocabulary);
      ins_index.bind(1, std::string_view(l.key)).bind_optional(2, l.uid).bind(3, std::string_view(entry.uid_compact))
          .bind(4, std::string_view(l.event_name)).bind(5, std::string_view(l.organism))
          .bind(6, std::string_view(l.developer)).bind(7, l.is_stack).execute();
      std::int64_t id = sqlite3_last_insert_rowid(db->handle());
      for (const auto& name : entry.names) {
        ins_name.bind(1, std::string_view(l.key)).bind(2, std::string_view(name)).execute();
      }
      for (const auto& trait : l.traits) {
        ins_trait.bind(1, std::string_view(l.key)).bind(2, std::string_view(trait)).execute();
      }
      ins_words.bind(1, id).bind(2, std::string_view(l.key)).bind(3, std::string_view(entry.words)).execute();
      ins_trigrams.bind(1, id).bind(2, std::string_view(l.key)).bind(3, std::string_view(entry.ids)).execute();
      ins_countries.bind(1, std::string_view(l.key)).execute();
    }
  }

  if (fingerprint) {
    Statement record(*db,
                     "INSERT INTO bundled_datasets(name, fingerprint, loaded_at) VALUES (?, ?, " + now_sql() +
                         ") ON CONFLICT(name) DO UPDATE SET fingerprint = excluded.fingerprint, "
                         "loaded_at = excluded.loaded_at");
    record.bind(1, kDatasetName).bind(2, *fingerprint).execute();
  }
  transaction.commit();
  count_write();
  return report;
}

}  // namespace lmo::store::sqlite
