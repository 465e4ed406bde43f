// PortalContentService over the real store: language fallback, breadcrumbs, filters, snapshots.
#include "services/portal_content_service.hpp"

#include <gtest/gtest.h>

#include "services/bundled_content_loader.hpp"
#include "store/sqlite/sqlite_content_store.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "test_support.hpp"

using lmo::services::PortalContentService;
using lmo::store::sqlite::SqliteContentStore;
using lmo::store::sqlite::SqliteDatabase;

class PortalContentServiceTest : public ::testing::Test {
 protected:
  lmo::test::TempDir dir;
  SqliteDatabase database{(dir.path() / "portal.db").string()};
  SqliteContentStore store{database};
  void SetUp() override { lmo::services::load_bundled_content(lmo::test::source_dir() / "data", store); }
};

TEST_F(PortalContentServiceTest, PagesInTheRequestedLanguage) {
  PortalContentService service(store);
  auto page = service.page("customs-portal", "es");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->title.language, "es");
  EXPECT_FALSE(page->title.is_fallback);
  EXPECT_EQ(page->languages, (std::vector<std::string>{"en", "es", "fr"}));
  EXPECT_EQ(page->lists, (std::vector<std::string>{"resources", "activities"}));
}

TEST_F(PortalContentServiceTest, MissingLanguageFallsBackToEnglishMarked) {
  PortalContentService service(store);
  auto page = service.page("htpi", "ar");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->body_html.language, "en");
  EXPECT_TRUE(page->body_html.is_fallback);
}

TEST_F(PortalContentServiceTest, BreadcrumbsRunFromHomeToTheParent) {
  PortalContentService service(store);
  auto page = service.page("technical-series-01", "fr");
  ASSERT_TRUE(page);
  std::vector<std::string> slugs;
  for (const auto& crumb : page->breadcrumbs) slugs.push_back(crumb.slug);
  EXPECT_EQ(slugs, (std::vector<std::string>{"home", "cartagena-protocol", "htpi", "customs-portal"}));
  EXPECT_TRUE(service.page("home", "en")->breadcrumbs.empty());
  EXPECT_FALSE(service.page("no-such-page", "en"));
  EXPECT_FALSE(service.page_exists("registry"));
}

TEST_F(PortalContentServiceTest, FiltersResourcesAndActivities) {
  PortalContentService service(store);
  auto all = service.resources("fr");
  auto videos = service.resources("fr", {"video"});
  EXPECT_FALSE(videos.items.empty());
  EXPECT_LT(videos.items.size(), all.items.size());
  for (const auto& item : videos.items) EXPECT_EQ(item.record->kind, "video");

  auto activities = service.activities("en");
  ASSERT_FALSE(activities.items.empty());
  std::string year = activities.items.front().record->start.substr(0, 4);
  auto in_year = service.activities("en", {"", year});
  ASSERT_FALSE(in_year.items.empty());
  for (const auto& item : in_year.items) EXPECT_EQ(item.record->start.substr(0, 4), year);
  EXPECT_TRUE(service.activities("en", {"Antarctica", ""}).items.empty());
}

TEST_F(PortalContentServiceTest, GenerationMovesOnlyWhenContentChanges) {
  PortalContentService service(store, std::chrono::milliseconds(0));
  auto first = service.generation();
  EXPECT_EQ(service.generation(), first);
  auto bundle = lmo::services::read_bundled_content(lmo::test::source_dir() / "data");
  bundle.resources.pop_back();
  store.replace_bundled_content(bundle, "edited");
  EXPECT_EQ(service.generation(), first + 1);
}
