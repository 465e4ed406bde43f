// Accept-Language negotiation (RFC 9110 §12.5.4) against the portal's languages.
#include "web/i18n/accept_language.hpp"

#include <gtest/gtest.h>

using lmo::web::negotiate_language;

namespace {
const std::vector<std::string> kSupported{"en", "es", "fr"};
std::string pick(std::string_view header) {
  return negotiate_language(header, kSupported).value_or("(none)");
}
}  // namespace

TEST(AcceptLanguage, HighestQualityWins) {
  EXPECT_EQ(pick("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5"), "fr");
  EXPECT_EQ(pick("en;q=0.5, es;q=0.8"), "es");
  EXPECT_EQ(pick("de-DE,de;q=0.9,es;q=0.5,en;q=0.4"), "es");
}

TEST(AcceptLanguage, TiesGoToHeaderOrder) {
  EXPECT_EQ(pick("es, fr"), "es");
  EXPECT_EQ(pick("fr, es"), "fr");
  EXPECT_EQ(pick("fr;q=0.5, es;q=0.50"), "fr");
}

TEST(AcceptLanguage, RegionalTagsMatchTheirLanguage) {
  EXPECT_EQ(pick("es-MX"), "es");
  EXPECT_EQ(pick("FR-ca"), "fr");
  EXPECT_EQ(pick("en-GB-oxendict"), "en");
}

TEST(AcceptLanguage, NothingSupported) {
  EXPECT_EQ(pick("de, it, ja"), "(none)");
  EXPECT_EQ(pick(""), "(none)");
}

TEST(AcceptLanguage, ZeroQualityExcludes) {
  EXPECT_EQ(pick("es;q=0, fr;q=0.1"), "fr");
  EXPECT_EQ(pick("es;q=0"), "(none)");
  // The wildcard picks the first supported language neither named nor refused.
  EXPECT_EQ(pick("en;q=0, *"), "es");
  EXPECT_EQ(pick("de, *;q=0.1"), "en");
  EXPECT_EQ(pick("*;q=0"), "(none)");
}

TEST(AcceptLanguage, MalformedPartsAreIgnored) {
  EXPECT_EQ(pick("es;q=2, fr"), "fr");
  EXPECT_EQ(pick("es;q=abc, fr;q=0.3"), "fr");
  EXPECT_EQ(pick("es;level=1, fr;q=0.3"), "fr");
  EXPECT_EQ(pick(",,, ; , es"), "es");
  EXPECT_EQ(pick("1234, es"), "es");
  EXPECT_EQ(pick("es;q=0.1234"), "(none)");
  EXPECT_EQ(pick(std::string(100000, ',') + "fr"), "fr");  // empty items cost nothing
  std::string many;
  for (int i = 0; i < 100; ++i) many += "xx, ";
  EXPECT_EQ(pick(many + "fr"), "(none)");  // only the first 64 ranges are considered
}

TEST(AcceptLanguage, QualityParsing) {
  EXPECT_EQ(pick("es;q=0.001, fr;q=0.0001"), "es");
  EXPECT_EQ(pick("es;q=1.000, fr;q=1"), "es");
  EXPECT_EQ(pick("es ; q=0.5 , fr;q=0.4"), "es");  // spaces around ';' are allowed
  EXPECT_EQ(pick("es;Q=0.5, fr;q=0.6"), "fr");       // the parameter name is case-insensitive
}
