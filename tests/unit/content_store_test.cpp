// The content store on every backend (SQLite and PostgreSQL) with the bundled-data loader on
// the real data/ folder: round trip, reuse on restart and by a second instance, refusal of
// broken data without partial writes; and the SQLite file itself (migrations, WAL).
#include <gtest/gtest.h>

#include <thread>

#include "backend_fixture.hpp"
#include "services/bundled_content_loader.hpp"
#include "store/migration.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "store/store_error.hpp"

namespace fs = std::filesystem;
using lmo::services::BundledDataError;
using lmo::services::load_bundled_content;
using lmo::services::LoadOutcome;
using lmo::services::read_bundled_content;
using lmo::store::ContentStore;
using lmo::store::StoreError;
using lmo::store::sqlite::SqliteDatabase;
using lmo::test::TempDir;

namespace {

fs::path data_dir() { return lmo::test::source_dir() / "data"; }

// A copy of data/'s portal content that a test may break.
fs::path copy_portal_data(const fs::path& to) {
  fs::create_directories(to);
  fs::copy(data_dir() / "pages", to / "pages", fs::copy_options::recursive);
  fs::copy_file(data_dir() / "resources.json", to / "resources.json");
  fs::copy_file(data_dir() / "activities.json", to / "activities.json");
  return to;
}

}  // namespace

class ContentStoreTest : public lmo::test::BackendTest {
 protected:
  ContentStore& store() { return database().content(); }
};
LMO_INSTANTIATE_FOR_BACKENDS(ContentStoreTest);

TEST(SqliteDatabase, AppliesEveryMigrationOnceAndInWalMode) {
  TempDir dir;
  auto path = (dir.path() / "portal.db").string();
  int newest = lmo::store::sqlite::migrations().back().version;
  {
    SqliteDatabase database(path);
    EXPECT_EQ(database.schema_version(), newest);
    auto connection = database.connection();
    lmo::store::sqlite::Statement mode(*connection, "PRAGMA journal_mode");
    ASSERT_TRUE(mode.step());
    EXPECT_EQ(mode.text(0), "wal");
    lmo::store::sqlite::Statement applied(*connection, "SELECT count(*) FROM schema_migrations");
    ASSERT_TRUE(applied.step());
    EXPECT_EQ(applied.integer(0), static_cast<std::int64_t>(lmo::store::sqlite::migrations().size()));
  }
  SqliteDatabase reopened(path);  // a second open applies nothing and keeps the version
  EXPECT_EQ(reopened.schema_version(), newest);
  EXPECT_TRUE(reopened.ping());
}

TEST(SqliteDatabase, RefusesADatabaseFromANewerBuild) {
  TempDir dir;
  auto path = (dir.path() / "portal.db").string();
  { SqliteDatabase database(path); auto c = database.connection(); c->execute_script("PRAGMA user_version = 9999"); }
  EXPECT_THROW(SqliteDatabase{path}, StoreError);
}

TEST(SqliteDatabase, ReportsAnUnopenableFile) {
  EXPECT_THROW(SqliteDatabase{"/nonexistent-folder/sub/portal.db"}, StoreError);
}

TEST_P(ContentStoreTest, RoundTripsTheBundledContent) {
  auto& store = this->store();
  std::string fingerprint;
  auto bundle = read_bundled_content(data_dir(), &fingerprint);
  ASSERT_GE(bundle.pages.size(), 5u);
  ASSERT_FALSE(bundle.resources.empty());
  ASSERT_FALSE(bundle.activities.empty());
  EXPECT_EQ(load_bundled_content(data_dir(), store), LoadOutcome::loaded);
  EXPECT_EQ(store.bundled_fingerprint(), fingerprint);

  auto pages = store.list_pages();
  ASSERT_EQ(pages.size(), bundle.pages.size());
  for (const auto& expected : bundle.pages) {
    auto page = store.find_page(expected.slug);
    ASSERT_TRUE(page) << expected.slug;
    EXPECT_EQ(page->parent, expected.parent);
    EXPECT_EQ(page->lists, expected.lists);
    EXPECT_EQ(page->title.by_language(), expected.title.by_language());
    EXPECT_EQ(page->nav_title.by_language(), expected.nav_title.by_language());
    EXPECT_EQ(page->summary.by_language(), expected.summary.by_language());
    EXPECT_EQ(page->body_html.by_language(), expected.body_html.by_language());
    EXPECT_EQ(page->provenance.source, expected.provenance.source);
    EXPECT_EQ(page->provenance.verified, expected.provenance.verified);
  }
  auto resources = store.list_resources();
  ASSERT_EQ(resources.size(), bundle.resources.size());
  for (size_t i = 0; i < resources.size(); ++i) {
    const auto& got = resources[i];
    const auto& want = bundle.resources[i];  // stored order is the file's order
    EXPECT_EQ(got.id, want.id);
    EXPECT_EQ(got.kind, want.kind);
    EXPECT_EQ(got.title.by_language(), want.title.by_language());
    EXPECT_EQ(got.url, want.url);
    EXPECT_EQ(got.year, want.year);
    EXPECT_EQ(got.languages, want.languages);
    EXPECT_EQ(got.translated_titles, want.translated_titles);
    EXPECT_EQ(got.provenance.note, want.provenance.note);
  }
  auto activities = store.list_activities();
  ASSERT_EQ(activities.size(), bundle.activities.size());
  for (const auto& want : bundle.activities) {
    auto got = std::find_if(activities.begin(), activities.end(), [&](const auto& a) { return a.id == want.id; });
    ASSERT_NE(got, activities.end()) << want.id;
    EXPECT_EQ(got->title.by_language(), want.title.by_language());
    EXPECT_EQ(got->start, want.start);
    EXPECT_EQ(got->end, want.end);
    EXPECT_EQ(got->city, want.city);
    EXPECT_EQ(got->country, want.country);
    EXPECT_EQ(got->organisers, want.organisers);
    ASSERT_EQ(got->materials.size(), want.materials.size());
    for (size_t m = 0; m < want.materials.size(); ++m) {
      EXPECT_EQ(got->materials[m].url, want.materials[m].url);
      EXPECT_EQ(got->materials[m].title.by_language(), want.materials[m].title.by_language());
    }
  }
  for (size_t i = 1; i < activities.size(); ++i) EXPECT_GE(activities[i - 1].start, activities[i].start);

  EXPECT_EQ(load_bundled_content(data_dir(), store), LoadOutcome::unchanged);
}

TEST_P(ContentStoreTest, ChangedFilesAreReloaded) {
  auto data = copy_portal_data(dir().path() / "data");
  auto& store = this->store();
  ASSERT_EQ(load_bundled_content(data, store), LoadOutcome::loaded);
  lmo::test::write_file(data / "pages" / "htpi.en.html", "title: Changed\n---\n<p>New text</p>\n");
  EXPECT_EQ(load_bundled_content(data, store), LoadOutcome::loaded);
  EXPECT_EQ(store.find_page("htpi")->title.resolve("en")->text, "Changed");
}

TEST_P(ContentStoreTest, BrokenDataIsReportedAndNothingIsWritten) {
  auto data = copy_portal_data(dir().path() / "data");
  auto& store = this->store();
  ASSERT_EQ(load_bundled_content(data, store), LoadOutcome::loaded);
  auto before = store.bundled_fingerprint();
  auto resources_before = store.list_resources().size();

  struct Case {
    std::string file;
    std::string text;
    std::string expected;  // part of the error message
  };
  std::vector<Case> cases = {
      {"resources.json", "[{", "invalid JSON"},
      {"resources.json", "{}", "must be a JSON array"},
      {"resources.json", R"([{"id":"a","kind":"video","title":{"fr":"x"},"publisher":"p","url":"https://x","source":"s","retrieved":"2026-01-01","verified":true}])",
       "English ('en') text"},
      {"resources.json", R"([{"id":"a","kind":"video","title":{"en":"x"},"publisher":"p","url":"ftp://x","source":"s","retrieved":"2026-01-01","verified":true}])",
       "field 'url'"},
      {"activities.json", R"([{"id":"a","title":{"en":"x"},"start":"2012-03-05","end":"2012-03-01","region":"Africa","source":"s","retrieved":"2026-01-01","verified":true}])",
       "field 'end' is before start"},
      {"activities.json", R"([{"id":"a","title":{"en":"x"},"start":"March 2012","region":"Africa","source":"s","retrieved":"2026-01-01","verified":true}])",
       "field 'start'"},
      {"activities.json", R"([{"id":"a","title":{"en":"x"},"start":"2012","country":"fr","region":"Africa","source":"s","retrieved":"2026-01-01","verified":true}])",
       "field 'country'"},
      {"pages/htpi.es.html", "title: x\nno separator\n", "htpi.es.html:2"},
      {"pages/pages.json", R"([{"slug":"home","parent":"nowhere","position":0,"updated":"x","source":"s","retrieved":"2026-01-01","verified":true}])",
       "parent 'nowhere' does not exist"},
  };
  for (const auto& c : cases) {
    auto broken = copy_portal_data(dir().path() / ("broken-" + std::to_string(&c - cases.data())));
    lmo::test::write_file(broken / c.file, c.text);
    try {
      load_bundled_content(broken, store);
      ADD_FAILURE() << "no error for " << c.file << ": " << c.text;
    } catch (const BundledDataError& error) {
      EXPECT_NE(std::string(error.what()).find(c.expected), std::string::npos)
          << c.file << ": " << error.what();
    }
    EXPECT_EQ(store.bundled_fingerprint(), before);
    EXPECT_EQ(store.list_resources().size(), resources_before);
  }
}

TEST_P(ContentStoreTest, AFailedReplaceLeavesThePreviousContent) {
  auto& store = this->store();
  ASSERT_EQ(load_bundled_content(data_dir(), store), LoadOutcome::loaded);
  auto before = store.list_pages().size();
  auto bundle = read_bundled_content(data_dir());
  bundle.resources.push_back(bundle.resources.front());  // duplicate key: fails mid-transaction
  EXPECT_THROW(store.replace_bundled_content(bundle, "other"), StoreError);
  EXPECT_EQ(store.list_pages().size(), before);
  EXPECT_NE(store.bundled_fingerprint(), "other");
}

TEST_P(ContentStoreTest, ListsInAFixedOrderAndASecondInstanceReadsTheSame) {
  ASSERT_EQ(load_bundled_content(data_dir(), store()), LoadOutcome::loaded);
  auto pages = store().list_pages();
  for (size_t i = 1; i < pages.size(); ++i) {
    EXPECT_TRUE(std::pair(pages[i - 1].position, pages[i - 1].slug) < std::pair(pages[i].position, pages[i].slug));
  }
  auto resources = store().list_resources();
  for (size_t i = 1; i < resources.size(); ++i) {
    EXPECT_TRUE(std::pair(resources[i - 1].position, resources[i - 1].id) <
                std::pair(resources[i].position, resources[i].id));
  }
  auto second = reopen();
  EXPECT_EQ(second->content().bundled_fingerprint(), store().bundled_fingerprint());
  EXPECT_EQ(load_bundled_content(data_dir(), second->content()), LoadOutcome::unchanged);
  auto again = second->content().list_pages();
  ASSERT_EQ(again.size(), pages.size());
  for (size_t i = 0; i < pages.size(); ++i) EXPECT_EQ(again[i].slug, pages[i].slug);
  EXPECT_EQ(second->content().list_activities().size(), store().list_activities().size());
  // A slug that is not UTF-8, or holds NUL, is no page (never an error).
  EXPECT_FALSE(store().find_page("htpi\xff"));
  EXPECT_FALSE(store().find_page(std::string("htpi\0x", 6)));
  EXPECT_FALSE(store().find_page("no-such-page"));
  EXPECT_TRUE(store().find_page("htpi"));
}

TEST_P(ContentStoreTest, TwoInstancesReplacingTheContentAtOnceBothSucceed) {
  auto first = reopen();
  auto second = reopen();
  auto bundle = read_bundled_content(data_dir());
  std::atomic<int> failures{0};
  auto replace = [&](lmo::store::Database& database, const std::string& fingerprint) {
    for (int i = 0; i < 5; ++i) {
      try {
        database.content().replace_bundled_content(bundle, fingerprint);
      } catch (const StoreError& error) {
        ADD_FAILURE() << error.what();
        ++failures;
      }
    }
  };
  std::thread a(replace, std::ref(*first), "fingerprint-a");
  std::thread b(replace, std::ref(*second), "fingerprint-b");
  a.join();
  b.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(store().list_pages().size(), bundle.pages.size());
  EXPECT_EQ(store().list_resources().size(), bundle.resources.size());
  EXPECT_EQ(store().list_activities().size(), bundle.activities.size());
  auto fingerprint = store().bundled_fingerprint();
  EXPECT_TRUE(fingerprint == "fingerprint-a" || fingerprint == "fingerprint-b");
}
