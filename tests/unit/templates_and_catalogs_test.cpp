// Templates translated per language at load, the catalogs they use, and their completeness.
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "web/i18n/catalogs.hpp"
#include "web/templates/template_set.hpp"

using lmo::web::Catalogs;
using lmo::web::extract_messages;
using lmo::web::TemplateData;
using lmo::web::TemplateSet;

TEST(Catalogs, KnowsTheBundledLanguages) {
  Catalogs catalogs(lmo::test::locale_dir());
  ASSERT_EQ(catalogs.languages().size(), 3u);
  EXPECT_EQ(catalogs.languages()[0].code, "en");
  EXPECT_EQ(catalogs.find("es")->native_name, "Español");
  EXPECT_EQ(catalogs.find("fr")->native_name, "Français");
  EXPECT_EQ(catalogs.find("fr")->direction, "ltr");
  EXPECT_FALSE(catalogs.supports("de"));
  EXPECT_EQ(catalogs.translate("es", "Resources"), "Recursos");
  EXPECT_EQ(catalogs.translate("de", "Resources"), "Resources");
  EXPECT_EQ(catalogs.translate("fr", "a message nobody wrote"), "a message nobody wrote");
  EXPECT_TRUE(catalogs.has_translation("es", "Video"));   // equal to English, still an entry
  EXPECT_FALSE(catalogs.has_translation("es", "a message nobody wrote"));
}

TEST(Catalogs, WithoutCatalogsOnlyEnglish) {
  lmo::test::TempDir empty;
  Catalogs catalogs(empty.path());
  ASSERT_EQ(catalogs.languages().size(), 1u);
  EXPECT_EQ(catalogs.languages()[0].native_name, "English");
}

TEST(Templates, ExtractMessagesCollapsesWhitespace) {
  EXPECT_EQ(extract_messages("<p>{{#_}}Hello\n   world{{/_}} {{x}} {{#_}}Two{{/_}}</p>"),
            (std::vector<std::string>{"Hello world", "Two"}));
  EXPECT_TRUE(extract_messages("<p>{{x}}</p>").empty());
  EXPECT_THROW(extract_messages("{{#_}}never closed"), std::runtime_error);
}

TEST(Templates, EveryMessageIsTranslatedInEveryCatalog) {
  Catalogs catalogs(lmo::test::locale_dir());
  TemplateSet templates(lmo::test::source_dir() / "templates", catalogs);
  ASSERT_GT(templates.messages().size(), 40u);
  for (const auto& language : catalogs.languages()) {
    for (const auto& message : templates.messages()) {
      EXPECT_TRUE(catalogs.has_translation(language.code, message))
          << language.code << " lacks \"" << message << "\"";
    }
  }
}

TEST(Templates, RendersTranslatedAndEscaped) {
  lmo::test::TempDir dir;
  lmo::test::write_file(dir.path() / "t.mustache",
                        "<h2>{{#_}}Resources{{/_}}</h2><p>{{value}}</p><div>{{{trusted}}}</div>");
  Catalogs catalogs(lmo::test::locale_dir());
  TemplateSet templates(dir.path(), catalogs);
  TemplateData data;
  data.set("value", "<script>alert('x')</script> & more");
  data.set("trusted", "<em>ok</em>");
  EXPECT_EQ(templates.render("t", "es", data),
            "<h2>Recursos</h2><p>&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; more</p>"
            "<div><em>ok</em></div>");
  EXPECT_EQ(templates.render("t", "en", data).substr(0, 18), "<h2>Resources</h2>");
  EXPECT_THROW(templates.render("missing", "en", data), std::logic_error);
}

TEST(Templates, ABrokenTemplateIsNamed) {
  lmo::test::TempDir dir;
  lmo::test::write_file(dir.path() / "bad.mustache", "{{#section}}never closed");
  Catalogs catalogs(lmo::test::locale_dir());
  try {
    TemplateSet templates(dir.path(), catalogs);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("bad.mustache"), std::string::npos);
  }
}
