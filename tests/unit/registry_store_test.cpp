// The registry store on every backend (SQLite and PostgreSQL), loaded with the bundled
// registry: search in every spelling (identifiers whole or in part, names, prefixes, accents
// ignored), facets and paging, revisions, atomic batches, writers in two instances at once,
// a lossless export → import round trip; and both backends answering every search alike.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include "backend_fixture.hpp"
#include "domain/search_text.hpp"
#include "services/registry_loader.hpp"
#include "store/store_error.hpp"

using lmo::services::load_bundled_registry;
using lmo::services::LoadOutcome;
using lmo::services::read_bundled_registry;
using lmo::store::LmoSearch;
using lmo::store::LmoSearchPage;
using lmo::store::RegistryStore;

namespace {

std::filesystem::path registry_dir() { return lmo::test::source_dir() / "data" / "registry"; }

std::vector<std::string> keys_of(const LmoSearchPage& page) {
  std::vector<std::string> keys;
  for (const auto& lmo : page.lmos) keys.push_back(lmo.key);
  return keys;
}

bool contains(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

lmo::domain::Lmo lmo_with_key(const lmo::domain::Registry& registry, const std::string& key) {
  auto found = std::find_if(registry.lmos.begin(), registry.lmos.end(), [&](const auto& l) { return l.key == key; });
  EXPECT_NE(found, registry.lmos.end()) << key;
  return found == registry.lmos.end() ? lmo::domain::Lmo{} : *found;
}

// An empty database of the backend under test, apart from the fixture's (the target of an
// import); a PostgreSQL schema of its own, dropped again.
class SpareDatabase {
 public:
  explicit SpareDatabase(const std::string& backend) {
    if (backend == "sqlite") {
      database_ = std::make_unique<lmo::store::sqlite::SqliteBackend>((dir_.path() / "portal.db").string());
      return;
    }
    static std::atomic<int> counter{0};
    schema_ = "unit_spare_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    database_ = std::make_unique<lmo::store::postgres::PgBackend>(lmo::test::postgres_test_url(), schema_);
  }
  ~SpareDatabase() {
    database_.reset();
    if (schema_.empty()) return;
    lmo::store::postgres::PgConnection admin(lmo::test::postgres_test_url(), "");
    admin.execute_script("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }
  lmo::store::Database& operator*() { return *database_; }
  lmo::store::Database* operator->() { return database_.get(); }

 private:
  lmo::test::TempDir dir_;
  std::string schema_;
  std::unique_ptr<lmo::store::Database> database_;
};

}  // namespace

class RegistryStoreTest : public lmo::test::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_EQ(load_bundled_registry(registry_dir(), store()), LoadOutcome::loaded);
  }
  RegistryStore& store() { return database().registry(); }
  LmoSearchPage search(std::string text, std::size_t limit = 200) {
    LmoSearch query;
    query.text = std::move(text);
    query.limit = limit;
    return store().search_lmos(query);
  }
};
LMO_INSTANTIATE_FOR_BACKENDS(RegistryStoreTest);

TEST_P(RegistryStoreTest, LoadsTheBundledRegistryOnce) {
  auto bundled = read_bundled_registry(registry_dir());
  auto loaded = store().load();
  EXPECT_EQ(loaded.lmos.size(), bundled.lmos.size());
  EXPECT_EQ(loaded.decisions.size(), bundled.decisions.size());
  EXPECT_EQ(loaded.methods.size(), bundled.methods.size());
  EXPECT_EQ(loaded.laboratories.size(), bundled.laboratories.size());
  EXPECT_GE(loaded.lmos.size(), 80u);
  EXPECT_EQ(load_bundled_registry(registry_dir(), store()), LoadOutcome::unchanged);
  auto second = reopen();  // another instance sees the same registry and fingerprint
  EXPECT_EQ(second->registry().bundled_fingerprint(), store().bundled_fingerprint());
  EXPECT_EQ(load_bundled_registry(registry_dir(), second->registry()), LoadOutcome::unchanged);
}

TEST_P(RegistryStoreTest, LoadsRecordsInKeyOrder) {
  auto reference = store().load_reference();
  EXPECT_TRUE(reference.lmos.empty());
  EXPECT_TRUE(reference.decisions.empty());
  EXPECT_FALSE(reference.organisms.empty());
  auto lmos = store().load_types({lmo::domain::RecordType::lmo}).lmos;
  ASSERT_GE(lmos.size(), 80u);
  for (std::size_t i = 1; i < lmos.size(); ++i) EXPECT_LT(lmos[i - 1].key, lmos[i].key);  // bytes, as std::string
}

TEST_P(RegistryStoreTest, FindsAnIdentifierInAnySpelling) {
  for (const char* spelling : {"MON-ØØ81Ø-6", "MON-00810-6", "mon 00810 6", "mon008106", "MON-øø81ø-6"}) {
    auto page = search(spelling);
    ASSERT_FALSE(page.lmos.empty()) << spelling;
    EXPECT_EQ(page.lmos.front().key, "MON-ØØ81Ø-6") << spelling;
  }
  EXPECT_TRUE(store().find_lmo("MON-ØØ81Ø-6"));
  EXPECT_FALSE(store().find_lmo("MON-00810-6"));  // keys are exact
}

TEST_P(RegistryStoreTest, FindsPartialIdentifiers) {
  for (const char* part : {"ØØ81Ø", "00810", "0081", "81Ø-6", "n00810"}) {
    EXPECT_TRUE(contains(keys_of(search(part)), "MON-ØØ81Ø-6")) << part;
  }
  EXPECT_FALSE(contains(keys_of(search("0018")), "MON-ØØ81Ø-6"));
}

TEST_P(RegistryStoreTest, FindsEventNamesAliasesAndTradeNames) {
  EXPECT_EQ(search("MON810").lmos.front().key, "MON-ØØ81Ø-6");
  EXPECT_EQ(search("GTS 40-3-2").lmos.front().key, "MON-Ø4Ø32-6");
  EXPECT_TRUE(contains(keys_of(search("YieldGard")), "MON-ØØ81Ø-6"));
}

TEST_P(RegistryStoreTest, FindsWordsByTheirBeginning) {
  EXPECT_TRUE(contains(keys_of(search("yieldg")), "MON-ØØ81Ø-6"));
  EXPECT_TRUE(contains(keys_of(search("Yield corn")), "MON-ØØ81Ø-6"));  // every word, each a prefix
  EXPECT_FALSE(contains(keys_of(search("aize")), "MON-ØØ81Ø-6"));  // not the middle of a word (nor of a name)
  auto glyphosate = search("glyphosate").total;
  EXPECT_GE(glyphosate, 5u);
  EXPECT_EQ(search("glyph").total, glyphosate);
  EXPECT_EQ(search("GLYPHOS").total, glyphosate);
  EXPECT_EQ(search("yieldgard zzzz").total, 0u);
}

TEST_P(RegistryStoreTest, OrganismNamesInEveryLanguageWithoutAccents) {
  auto maize = search("maize").total;
  EXPECT_GE(maize, 20u);
  EXPECT_EQ(search("maíz").total, maize);
  EXPECT_EQ(search("maiz").total, maize);
  EXPECT_EQ(search("maïs").total, maize);
  EXPECT_EQ(search("MAÏS").total, maize);
  EXPECT_EQ(search("Zea mays").total, maize);
  EXPECT_GE(search("soja").total, 1u);
  auto cotton = search("cotton").total;
  EXPECT_GE(cotton, 1u);
  EXPECT_EQ(search("algodon").total, cotton);
  EXPECT_EQ(search("algodón").total, cotton);
  EXPECT_EQ(search("ALGODÓN").total, cotton);
  EXPECT_EQ(search("algod").total, cotton);
  EXPECT_EQ(search("glifosato").total, search("glyphosate").total);
}

TEST_P(RegistryStoreTest, FacetsFiltersAndPaging) {
  LmoSearch query;
  query.organism = "zea-mays";
  query.limit = 5;
  auto first = store().search_lmos(query);
  EXPECT_GE(first.total, 20u);
  EXPECT_EQ(first.lmos.size(), 5u);
  ASSERT_EQ(first.organisms.size(), 1u);
  EXPECT_EQ(first.organisms.front().value, "zea-mays");
  EXPECT_EQ(first.organisms.front().count, first.total);
  query.offset = 5;
  auto second = store().search_lmos(query);
  for (const auto& lmo : second.lmos) EXPECT_FALSE(contains(keys_of(first), lmo.key));
  query.offset = first.total;
  EXPECT_TRUE(store().search_lmos(query).lmos.empty());
  EXPECT_EQ(store().search_lmos(query).total, first.total);

  LmoSearch in_eu;
  in_eu.approved_in = "EU";
  in_eu.limit = 500;
  auto eu = store().search_lmos(in_eu);
  EXPECT_GT(eu.total, 10u);
  EXPECT_TRUE(contains(keys_of(eu), "MON-Ø4Ø32-6"));  // soybean 40-3-2: EU decision 96/281/EC
  std::size_t facet_total = 0;
  for (const auto& f : eu.organisms) facet_total += f.count;
  EXPECT_EQ(facet_total, eu.total);
  for (std::size_t i = 1; i < eu.organisms.size(); ++i) {
    EXPECT_GE(eu.organisms[i - 1].count, eu.organisms[i].count);
    if (eu.organisms[i - 1].count == eu.organisms[i].count) {
      EXPECT_LT(eu.organisms[i - 1].value, eu.organisms[i].value);
    }
  }
  EXPECT_EQ(search("no such thing at all").total, 0u);

  LmoSearch glyphosate_maize;
  glyphosate_maize.trait = "herbicide-tolerance-glyphosate";
  glyphosate_maize.organism = "zea-mays";
  glyphosate_maize.limit = 500;
  auto both = store().search_lmos(glyphosate_maize);
  EXPECT_GE(both.total, 1u);
  for (const auto& lmo : both.lmos) {
    EXPECT_EQ(lmo.organism, "zea-mays");
    EXPECT_NE(std::find(lmo.traits.begin(), lmo.traits.end(), "herbicide-tolerance-glyphosate"), lmo.traits.end());
  }
}

TEST_P(RegistryStoreTest, OddSearchTextFindsWhatItCanAndNeverFails) {
  // Quotes, FTS5 syntax, LIKE wildcards, bytes that are not UTF-8, NUL: never an error.
  for (std::string text : {std::string("\"MON810\""), std::string("MON\"810"), std::string("MON810*"),
                           std::string("0081%"), std::string("a_b"), std::string("NEAR(x y)"),
                           std::string("MON810 \xff\xfe"), std::string("MON810\0x", 8), std::string("\xc3"),
                           std::string("–"), std::string("×"), std::string(200, 'a')}) {
    LmoSearch query;
    query.text = text;
    EXPECT_NO_THROW(store().search_lmos(query)) << text;
  }
  EXPECT_TRUE(contains(keys_of(search("\"MON810\"")), "MON-ØØ81Ø-6"));
  EXPECT_TRUE(contains(keys_of(search("MON810 \xff")), "MON-ØØ81Ø-6"));
  EXPECT_EQ(search("0081%").total, 0u);  // % is a character like any other
  LmoSearch bad_filter;
  bad_filter.organism = "zea\xff";
  EXPECT_EQ(store().search_lmos(bad_filter).total, 0u);
  EXPECT_FALSE(store().find_lmo("MON-\xff"));
  EXPECT_FALSE(store().find_decision(std::string("eu\0x", 4)));
  EXPECT_TRUE(store().history(lmo::domain::RecordType::lmo, "\xc3").empty());
  EXPECT_TRUE(store().decisions_in("\xff").empty());
}

TEST_P(RegistryStoreTest, ChangesKeepTheirRevisions) {
  auto mon810 = lmo_with_key(store().load(), "MON-ØØ81Ø-6");
  mon810.aliases.push_back("Maize line 810");
  lmo::domain::Registry batch;
  batch.lmos.push_back(mon810);
  auto report = store().write(batch, "test");
  EXPECT_EQ(report.updated, 1u);
  EXPECT_EQ(report.added, 0u);
  EXPECT_EQ(store().write(batch, "test").unchanged, 1u);
  auto history = store().history(lmo::domain::RecordType::lmo, "MON-ØØ81Ø-6");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].origin, "bundled");
  EXPECT_EQ(history[1].revision, 2);
  EXPECT_EQ(history[1].origin, "test");
  EXPECT_EQ(history[1].recorded_at.size(), 24u);  // 2026-11-27T13:10:11.123Z
  EXPECT_GE(history[1].recorded_at, history[0].recorded_at);
  EXPECT_EQ(store().last_change(), history[1].recorded_at);
  EXPECT_EQ(search("maize line 810").lmos.front().key, "MON-ØØ81Ø-6");
  EXPECT_TRUE(contains(keys_of(search("maizeline8")), "MON-ØØ81Ø-6"));  // part of the compact name

  // Bundled defaults never overwrite a record another origin changed.
  lmo::domain::Registry bundled;
  bundled.lmos.push_back(lmo_with_key(read_bundled_registry(registry_dir()), "MON-ØØ81Ø-6"));
  auto kept = store().write(bundled, "bundled", std::nullopt, /*keep_other_origins=*/true);
  EXPECT_EQ(kept.unchanged, 1u);
  EXPECT_EQ(store().history(lmo::domain::RecordType::lmo, "MON-ØØ81Ø-6").size(), 2u);
  auto restored = store().write(bundled, "bundled");
  EXPECT_EQ(restored.updated, 1u);
  EXPECT_EQ(store().history(lmo::domain::RecordType::lmo, "MON-ØØ81Ø-6").back().revision, 3);
  EXPECT_FALSE(contains(keys_of(search("maize line 810")), "MON-ØØ81Ø-6"));
}

TEST_P(RegistryStoreTest, NamesOfOrganismsAndDecisionsReindexTheLmos) {
  auto registry = store().load();
  auto maize = *std::find_if(registry.organisms.begin(), registry.organisms.end(),
                             [](const auto& o) { return o.id == "zea-mays"; });
  maize.common_name.set("de", "Welschkorn");
  lmo::domain::Registry names;
  names.organisms.push_back(maize);
  EXPECT_EQ(search("welschkorn").total, 0u);
  EXPECT_EQ(store().write(names, "test").updated, 1u);
  EXPECT_EQ(search("welschkorn").total, search("maize").total);

  LmoSearch in_xx;
  in_xx.approved_in = "XX";
  EXPECT_EQ(store().search_lmos(in_xx).total, 0u);
  lmo::domain::Decision decision = registry.decisions.front();
  decision.id = "xx-test-decision";
  decision.country = "XX";
  decision.result = "approved";
  decision.lmos = {"MON-ØØ81Ø-6"};
  lmo::domain::Registry decisions;
  decisions.decisions.push_back(decision);
  EXPECT_EQ(store().write(decisions, "test").added, 1u);
  EXPECT_EQ(keys_of(store().search_lmos(in_xx)), std::vector<std::string>{"MON-ØØ81Ø-6"});
  EXPECT_EQ(store().decisions_in("XX").size(), 1u);
  decisions.decisions.front().result = "withdrawn";
  EXPECT_EQ(store().write(decisions, "test").updated, 1u);
  EXPECT_EQ(store().search_lmos(in_xx).total, 0u);
}

TEST_P(RegistryStoreTest, AFailingBatchWritesNothing) {
  auto before = store().load();
  auto mon810 = lmo_with_key(before, "MON-ØØ81Ø-6");
  mon810.aliases.push_back("Written then rolled back");
  lmo::domain::Lmo broken;  // stored, then found not to decode when the indexes are rebuilt
  broken.key = "event:broken";
  lmo::domain::Registry batch;
  batch.lmos = {mon810, broken};
  EXPECT_THROW(store().write(batch, "test", std::string_view("fingerprint-of-a-failed-write")), lmo::store::StoreError);
  EXPECT_EQ(store().history(lmo::domain::RecordType::lmo, "MON-ØØ81Ø-6").size(), 1u);
  EXPECT_FALSE(store().find_lmo("event:broken"));
  EXPECT_EQ(store().load().lmos.size(), before.lmos.size());
  EXPECT_EQ(search("rolled back").total, 0u);
  EXPECT_NE(store().bundled_fingerprint(), "fingerprint-of-a-failed-write");
  EXPECT_EQ(store().write(lmo::domain::Registry{}, "test").added, 0u);  // the store still works
}

TEST_P(RegistryStoreTest, WritersInTwoInstancesNeverLoseARevision) {
  auto first = reopen();
  auto second = reopen();
  auto mon810 = lmo_with_key(store().load(), "MON-ØØ81Ø-6");
  constexpr int kWrites = 15;
  std::atomic<int> failures{0};
  auto writer = [&](lmo::store::Database& database, const std::string& name) {
    for (int i = 0; i < kWrites; ++i) {
      lmo::domain::Registry batch;
      batch.lmos.push_back(mon810);
      batch.lmos.back().aliases.push_back(name + " " + std::to_string(i));
      try {
        if (database.registry().write(batch, name).updated != 1) ++failures;
      } catch (const lmo::store::StoreError&) {
        ++failures;
      }
    }
  };
  std::thread a(writer, std::ref(*first), "writer-a");
  std::thread b(writer, std::ref(*second), "writer-b");
  a.join();
  b.join();
  EXPECT_EQ(failures.load(), 0);
  auto history = store().history(lmo::domain::RecordType::lmo, "MON-ØØ81Ø-6");
  ASSERT_EQ(history.size(), 1u + 2 * kWrites);
  std::set<std::string> docs;
  for (std::size_t i = 0; i < history.size(); ++i) {
    EXPECT_EQ(history[i].revision, static_cast<int>(i + 1));
    docs.insert(history[i].doc);
  }
  EXPECT_EQ(docs.size(), history.size());  // every write is kept, none overwritten
  auto current = store().find_lmo("MON-ØØ81Ø-6");
  ASSERT_TRUE(current);
  EXPECT_EQ(boost::json::serialize(lmo::domain::to_json(*current)), history.back().doc);
}

TEST_P(RegistryStoreTest, ExportThenImportIntoAnEmptyDatabaseIsExact) {
  auto exported = store().load();
  SpareDatabase fresh(GetParam());
  auto& copy = fresh->registry();
  auto report = copy.write(exported, "import");
  EXPECT_EQ(report.unchanged, 0u);
  auto reimported = copy.load();
  for (auto type : lmo::domain::kAllRecordTypes) {
    EXPECT_EQ(boost::json::serialize(lmo::domain::encode_records(type, reimported)),
              boost::json::serialize(lmo::domain::encode_records(type, exported)))
        << lmo::domain::record_type_name(type);
  }
  LmoSearch maize;
  maize.text = "maiz";
  EXPECT_EQ(copy.search_lmos(maize).total, store().search_lmos(maize).total);
}

TEST_P(RegistryStoreTest, DecisionsAboutAnLmo) {
  auto decisions = store().decisions_about({"MON-Ø4Ø32-6"});
  ASSERT_FALSE(decisions.empty());
  bool eu_1996 = false;
  for (const auto& d : decisions) {
    EXPECT_NE(std::find(d.lmos.begin(), d.lmos.end(), "MON-Ø4Ø32-6"), d.lmos.end());
    eu_1996 = eu_1996 || d.id == "eu-1996-281-40-3-2";
  }
  EXPECT_TRUE(eu_1996);
  for (std::size_t i = 1; i < decisions.size(); ++i) EXPECT_LT(decisions[i - 1].id, decisions[i].id);
  EXPECT_TRUE(store().decisions_about({"event:no-such-event"}).empty());
  EXPECT_TRUE(store().decisions_about({}).empty());
  auto counts = store().decision_counts();
  ASSERT_FALSE(counts.empty());
  std::size_t total = 0;
  for (const auto& c : counts) total += c.count;
  EXPECT_EQ(total, store().load().decisions.size());
  auto eu = store().decisions_in("EU");
  ASSERT_FALSE(eu.empty());
  for (std::size_t i = 1; i < eu.size(); ++i) EXPECT_GE(eu[i - 1].date, eu[i].date);
}

// Both backends loaded with the bundled registry answer a battery of searches — every name,
// identifier, word prefix and part of an identifier in the data, odd text, filters, pages —
// with the same LMOs in the same order, the same totals and the same facets.
TEST(RegistrySearchAcrossBackends, SameResultsOrderTotalsAndFacets) {
  if (lmo::test::postgres_test_url().empty()) GTEST_SKIP() << "LMO_TEST_POSTGRES_URL is not set";
  SpareDatabase sqlite("sqlite");
  SpareDatabase postgres("postgresql");
  ASSERT_EQ(load_bundled_registry(registry_dir(), sqlite->registry()), LoadOutcome::loaded);
  ASSERT_EQ(load_bundled_registry(registry_dir(), postgres->registry()), LoadOutcome::loaded);

  auto registry = sqlite->registry().load();
  std::set<std::string> texts = {"", "–", "×", "x", "6", "ma", "mon 810", "MON810×NK603", "mon810 × nk603",
                                 "Ø", "ØØ", "øø8", "éa", "\"maize\"", "maize -soy", "a b c", "10", "BT",
                                 "oo81o", "strasse", "oeillet", "œil", "½", "ＭＯＮ８１０"};
  auto add_words = [&](const std::string& text) {
    texts.insert(text);
    for (const auto& word : lmo::domain::query_words(text)) {
      texts.insert(word);
      for (std::size_t n : {2, 3, 4, 6}) {
        if (word.size() > n) texts.insert(word.substr(0, n));
      }
    }
  };
  for (const auto& l : registry.lmos) {
    add_words(l.event_name);
    for (const auto& name : l.aliases) add_words(name);
    for (const auto& name : l.trade_names) add_words(name);
    if (l.uid) {
      texts.insert(*l.uid);
      std::string compact = lmo::domain::compact_identifier(*l.uid);
      for (std::size_t at = 0; at + 4 <= compact.size(); at += 3) texts.insert(compact.substr(at, 4));
    }
  }
  for (const auto& o : registry.organisms) {
    add_words(o.scientific_name);
    for (const auto& [lang, name] : o.common_name.by_language()) add_words(name);
  }
  for (const auto& t : registry.traits) {
    for (const auto& [lang, name] : t.name.by_language()) add_words(name);
  }
  for (const auto& d : registry.developers) add_words(d.name);

  auto describe = [](const LmoSearchPage& page) {
    std::string out = "total " + std::to_string(page.total) + ":";
    for (const auto& lmo : page.lmos) out += " " + lmo.key;
    for (const auto* facets : {&page.organisms, &page.traits, &page.developers, &page.countries}) {
      out += " |";
      for (const auto& f : *facets) out += " " + f.value + "=" + std::to_string(f.count);
    }
    return out;
  };
  std::size_t compared = 0, found = 0;
  auto compare = [&](const LmoSearch& query) {
    auto expected = sqlite->registry().search_lmos(query);
    ++compared;
    found += expected.total > 0;
    EXPECT_EQ(describe(postgres->registry().search_lmos(query)), describe(expected))
        << "text '" << query.text << "' organism '" << query.organism << "' trait '" << query.trait
        << "' country '" << query.approved_in << "' offset " << query.offset << " limit " << query.limit;
  };
  for (const auto& text : texts) {
    LmoSearch query;
    query.text = text;
    query.limit = 500;
    compare(query);
  }
  for (const char* text : {"", "maize", "mon", "glyph"}) {
    for (const char* country : {"", "EU", "US"}) {
      for (std::size_t offset : {0, 3, 17}) {
        LmoSearch query;
        query.text = text;
        query.approved_in = country;
        query.offset = offset;
        query.limit = 7;
        compare(query);
        query.organism = "zea-mays";
        compare(query);
        query.trait = "herbicide-tolerance-glyphosate";
        compare(query);
        query.developer = "monsanto";
        compare(query);
      }
    }
  }
  EXPECT_GT(compared, 1000u);
  EXPECT_GT(found, compared * 3 / 4);  // mostly searches that find something
}
