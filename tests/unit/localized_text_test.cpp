// LocalizedText: the language-fallback rule every page and record uses.
#include "domain/localized_text.hpp"

#include <gtest/gtest.h>

using lmo::domain::LocalizedText;

TEST(LocalizedText, ReturnsRequestedLanguageWhenPresent) {
  LocalizedText text;
  text.set("en", "Customs");
  text.set("es", "Aduanas");
  auto resolved = text.resolve("es");
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->text, "Aduanas");
  EXPECT_EQ(resolved->language, "es");
  EXPECT_FALSE(resolved->is_fallback);
}

TEST(LocalizedText, FallsBackToEnglish) {
  LocalizedText text;
  text.set("en", "Customs");
  text.set("fr", "Douanes");
  auto resolved = text.resolve("ar");
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->text, "Customs");
  EXPECT_EQ(resolved->language, "en");
  EXPECT_TRUE(resolved->is_fallback);
}

TEST(LocalizedText, EmptyTranslationCountsAsMissing) {
  LocalizedText text;
  text.set("en", "Customs");
  text.set("es", "");
  EXPECT_EQ(text.resolve("es")->language, "en");
}

TEST(LocalizedText, WithoutEnglishPicksLowestLanguageCode) {
  LocalizedText text;
  text.set("fr", "Douanes");
  text.set("es", "Aduanas");
  auto resolved = text.resolve("ru");
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->language, "es");
  EXPECT_TRUE(resolved->is_fallback);
}

TEST(LocalizedText, NothingToResolve) {
  LocalizedText text;
  EXPECT_FALSE(text.resolve("en"));
  EXPECT_TRUE(text.empty());
  text.set("en", "");
  EXPECT_TRUE(text.empty());
  auto empty = text.resolve_or_empty("fr");
  EXPECT_EQ(empty.text, "");
  EXPECT_EQ(empty.language, "fr");
}
