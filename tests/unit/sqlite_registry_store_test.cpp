// The SQLite registry store on the bundled registry: loading, search in every spelling,
// facets and paging, revisions, and a lossless export → import round trip.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "services/registry_loader.hpp"
#include "store/sqlite/sqlite_registry_store.hpp"
#include "test_support.hpp"

using lmo::services::load_bundled_registry;
using lmo::services::LoadOutcome;
using lmo::services::read_bundled_registry;
using lmo::store::LmoSearch;
using lmo::store::sqlite::SqliteDatabase;
using lmo::store::sqlite::SqliteRegistryStore;

namespace {

std::filesystem::path registry_dir() { return lmo::test::source_dir() / "data" / "registry"; }

std::vector<std::string> keys_of(const lmo::store::LmoSearchPage& page) {
  std::vector<std::string> keys;
  for (const auto& lmo : page.lmos) keys.push_back(lmo.key);
  return keys;
}

bool contains(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace

class RegistryStoreTest : public ::testing::Test {
 protected:
  lmo::test::TempDir dir;
  SqliteDatabase database{(dir.path() / "portal.db").string()};
  SqliteRegistryStore store{database};
  void SetUp() override { ASSERT_EQ(load_bundled_registry(registry_dir(), store), LoadOutcome::loaded); }
  lmo::store::LmoSearchPage search(std::string text, std::size_t limit = 200) {
    LmoSearch query;
    query.text = std::move(text);
    query.limit = limit;
    return store.search_lmos(query);
  }
};

TEST_F(RegistryStoreTest, LoadsTheBundledRegistryOnce) {
  auto bundled = read_bundled_registry(registry_dir());
  auto loaded = store.load();
  EXPECT_EQ(loaded.lmos.size(), bundled.lmos.size());
  EXPECT_EQ(loaded.decisions.size(), bundled.decisions.size());
  EXPECT_EQ(loaded.methods.size(), bundled.methods.size());
  EXPECT_EQ(loaded.laboratories.size(), bundled.laboratories.size());
  EXPECT_GE(loaded.lmos.size(), 80u);
  EXPECT_EQ(load_bundled_registry(registry_dir(), store), LoadOutcome::unchanged);
}

TEST_F(RegistryStoreTest, FindsAnIdentifierInAnySpelling) {
  for (const char* spelling : {"MON-ØØ81Ø-6", "MON-00810-6", "mon 00810 6", "mon008106", "MON-øø81ø-6"}) {
    auto page = search(spelling);
    ASSERT_FALSE(page.lmos.empty()) << spelling;
    EXPECT_EQ(page.lmos.front().key, "MON-ØØ81Ø-6") << spelling;
  }
}

TEST_F(RegistryStoreTest, FindsPartialIdentifiers) {
  for (const char* part : {"ØØ81Ø", "00810", "0081"}) {
    EXPECT_TRUE(contains(keys_of(search(part)), "MON-ØØ81Ø-6")) << part;
  }
}

TEST_F(RegistryStoreTest, FindsEventNamesAliasesAndTradeNames) {
  EXPECT_EQ(search("MON810").lmos.front().key, "MON-ØØ81Ø-6");
  EXPECT_EQ(search("GTS 40-3-2").lmos.front().key, "MON-Ø4Ø32-6");
  EXPECT_TRUE(contains(keys_of(search("YieldGard")), "MON-ØØ81Ø-6"));
}

TEST_F(RegistryStoreTest, OrganismNamesInEveryLanguageWithoutAccents) {
  auto maize = search("maize").total;
  EXPECT_GE(maize, 20u);
  EXPECT_EQ(search("maíz").total, maize);
  EXPECT_EQ(search("maiz").total, maize);
  EXPECT_EQ(search("maïs").total, maize);
  EXPECT_EQ(search("Zea mays").total, maize);
  EXPECT_GE(search("soja").total, 1u);
}

TEST_F(RegistryStoreTest, FacetsFiltersAndPaging) {
  LmoSearch query;
  query.organism = "zea-mays";
  query.limit = 5;
  auto first = store.search_lmos(query);
  EXPECT_GE(first.total, 20u);
  EXPECT_EQ(first.lmos.size(), 5u);
  ASSERT_EQ(first.organisms.size(), 1u);
  EXPECT_EQ(first.organisms.front().value, "zea-mays");
  EXPECT_EQ(first.organisms.front().count, first.total);
  query.offset = 5;
  auto second = store.search_lmos(query);
  for (const auto& lmo : second.lmos) EXPECT_FALSE(contains(keys_of(first), lmo.key));

  LmoSearch in_eu;
  in_eu.approved_in = "EU";
  in_eu.limit = 500;
  auto eu = store.search_lmos(in_eu);
  EXPECT_GT(eu.total, 10u);
  EXPECT_TRUE(contains(keys_of(eu), "MON-Ø4Ø32-6"));  // soybean 40-3-2: EU decision 96/281/EC
  std::size_t facet_total = 0;
  for (const auto& f : eu.organisms) facet_total += f.count;
  EXPECT_EQ(facet_total, eu.total);
  EXPECT_EQ(search("no such thing at all").total, 0u);
}

TEST_F(RegistryStoreTest, ChangesKeepTheirRevisions) {
  auto registry = store.load();
  auto& mon810 = *std::find_if(registry.lmos.begin(), registry.lmos.end(),
                               [](const auto& l) { return l.key == "MON-ØØ81Ø-6"; });
  mon810.aliases.push_back("Maize line 810");
  lmo::domain::Registry batch;
  batch.lmos.push_back(mon810);
  auto report = store.write(batch, "test");
  EXPECT_EQ(report.updated, 1u);
  EXPECT_EQ(report.added, 0u);
  EXPECT_EQ(store.write(batch, "test").unchanged, 1u);
  auto history = store.history(lmo::domain::RecordType::lmo, "MON-ØØ81Ø-6");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].origin, "bundled");
  EXPECT_EQ(history[1].revision, 2);
  EXPECT_EQ(search("maize line 810").lmos.front().key, "MON-ØØ81Ø-6");
}

TEST_F(RegistryStoreTest, ExportThenImportIntoAnEmptyDatabaseIsExact) {
  auto exported = store.load();
  lmo::test::TempDir other;
  SqliteDatabase fresh((other.path() / "portal.db").string());
  SqliteRegistryStore copy(fresh);
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
  EXPECT_EQ(copy.search_lmos(maize).total, store.search_lmos(maize).total);
}

TEST_F(RegistryStoreTest, DecisionsAboutAnLmo) {
  auto decisions = store.decisions_about({"MON-Ø4Ø32-6"});
  ASSERT_FALSE(decisions.empty());
  bool eu_1996 = false;
  for (const auto& d : decisions) {
    EXPECT_NE(std::find(d.lmos.begin(), d.lmos.end(), "MON-Ø4Ø32-6"), d.lmos.end());
    eu_1996 = eu_1996 || d.id == "eu-1996-281-40-3-2";
  }
  EXPECT_TRUE(eu_1996);
  EXPECT_TRUE(store.decisions_about({"event:no-such-event"}).empty());
}
