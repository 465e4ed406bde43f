// Statements of Article 18 recognised in invoice text in English, Spanish and French.
#include "domain/statement_recognizer.hpp"

#include <gtest/gtest.h>

using lmo::domain::fold_text;
using lmo::domain::StatementPhrase;
using lmo::domain::StatementRecognizer;

namespace {

StatementRecognizer recognizer() {
  return StatementRecognizer({
      {"a.contains_or_may_contain", "en", "may contain living modified organisms", "may_contain"},
      {"a.contains_or_may_contain", "en", "contains living modified organisms", "contains"},
      {"a.contains_or_may_contain", "es", "puede contener organismos vivos modificados", "may_contain"},
      {"a.contains_or_may_contain", "es", "contiene organismos vivos modificados", "contains"},
      {"a.contains_or_may_contain", "fr", "peut contenir des organismes vivants modifiés", "may_contain"},
      {"a.contains_or_may_contain", "fr", "contient des organismes vivants modifiés", "contains"},
      {"a.not_for_introduction", "en", "not intended for intentional introduction into the environment", ""},
      {"a.not_for_introduction", "es", "no están destinados a ser introducidos intencionalmente en el medio ambiente", ""},
      {"a.not_for_introduction", "fr", "ne sont pas destinés à être introduits intentionnellement dans l'environnement", ""},
  });
}

std::vector<std::string> kinds(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& r : recognizer().recognise(text)) out.push_back(r.statement + (r.kind.empty() ? "" : "/" + r.kind));
  return out;
}

}  // namespace

TEST(FoldText, CaseAccentsPunctuationAndSpaces) {
  EXPECT_EQ(fold_text("  Peut CONTENIR des Organismes\tvivants modifiés !"), "peut contenir des organismes vivants modifies");
  EXPECT_EQ(fold_text("Maíz, soja; ÑANDÚ — Œuvre"), "maiz soja nandu ouvre");  // Œ folds to its first letter
  EXPECT_EQ(fold_text("año niño"), "ano nino");
  EXPECT_EQ(fold_text(""), "");
  EXPECT_EQ(fold_text("\xff\xfe broken \xe2\x82"), "broken");
}

TEST(StatementRecognizer, TradeWordingInEnglish) {
  auto found = kinds(
      "This shipment may contain living modified organisms intended for direct use as food or feed, or for "
      "processing, that are not intended for intentional introduction into the environment.");
  EXPECT_EQ(found, (std::vector<std::string>{"a.contains_or_may_contain/may_contain", "a.not_for_introduction"}));
}

TEST(StatementRecognizer, MayContainIsNotContains) {
  auto found = kinds("MAY CONTAIN LIVING MODIFIED ORGANISMS");
  EXPECT_EQ(found, (std::vector<std::string>{"a.contains_or_may_contain/may_contain"}));
}

TEST(StatementRecognizer, BothStatementsAreBothReported) {
  auto found = kinds("Contains living modified organisms (MON810). May contain living modified organisms.");
  EXPECT_EQ(found, (std::vector<std::string>{"a.contains_or_may_contain/contains", "a.contains_or_may_contain/may_contain"}));
}

TEST(StatementRecognizer, SpanishAndFrench) {
  EXPECT_EQ(kinds("El envío puede contener organismos vivos modificados que no están destinados a ser introducidos "
                  "intencionalmente en el medio ambiente."),
            (std::vector<std::string>{"a.contains_or_may_contain/may_contain", "a.not_for_introduction"}));
  EXPECT_EQ(kinds("La cargaison contient des organismes vivants modifies (sans accents)."),
            (std::vector<std::string>{"a.contains_or_may_contain/contains"}));
  EXPECT_EQ(kinds("Ces produits ne sont pas destinés à être introduits intentionnellement dans l’environnement."),
            (std::vector<std::string>{"a.not_for_introduction"}));
}

TEST(StatementRecognizer, NegationsDoNotCount) {
  EXPECT_TRUE(kinds("The goods do not contain living modified organisms.").empty());
  EXPECT_TRUE(kinds("El producto no contiene organismos vivos modificados.").empty());
  EXPECT_TRUE(kinds("Le produit ne contient pas des organismes vivants modifiés.").empty());
  EXPECT_TRUE(kinds("Shipped without contains living modified organisms labels").empty());
}

TEST(StatementRecognizer, NothingInUnrelatedText) {
  EXPECT_TRUE(kinds("Yellow maize grain, 50 000 t, FOB New Orleans").empty());
  EXPECT_TRUE(kinds("").empty());
}
