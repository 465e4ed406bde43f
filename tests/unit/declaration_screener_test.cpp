// Screening of customs declaration lines for possible LMOs: identifiers in any spelling, names as
// whole words, GM terms in en/es/fr, HS crop prefixes and GM-growing origins; the Aho–Corasick
// matcher is cross-checked against a naive search over the folded text.
#include "domain/declaration_screener.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <vector>

using lmo::domain::DeclarationLine;
using lmo::domain::DeclarationScreener;
using lmo::domain::fold_compact;
using lmo::domain::fold_words;
using lmo::domain::level_name;
using lmo::domain::PatternAutomaton;
using lmo::domain::ScreeningPatterns;
using lmo::domain::ScreeningVerdict;
using Level = lmo::domain::ScreeningVerdict::Level;
using Strings = std::vector<std::string>;

namespace {

ScreeningPatterns patterns() {
  ScreeningPatterns p;
  p.identifiers = {{"MON-ØØ81Ø-6", "MON-ØØ81Ø-6"},
                   {"DAS-Ø15Ø7-1", "DAS-Ø15Ø7-1"},
                   {"MON-Ø4Ø32-6", "MON-Ø4Ø32-6"},
                   {"SYN-BTØ11-1", "SYN-BTØ11-1"}};
  p.names = {{"MON810", "MON-ØØ81Ø-6"},     {"YieldGard", "MON-ØØ81Ø-6"},  {"TC1507", "DAS-Ø15Ø7-1"},
             {"DAS1507", "DAS-Ø15Ø7-1"},    {"GTS 40-3-2", "MON-Ø4Ø32-6"}, {"Roundup Ready soja", "MON-Ø4Ø32-6"},
             {"MS8", "ACS-BNØØ5-8"},        {"55-1", "CUH-CP551-8"},       {"Maïs Bt11", "SYN-BTØ11-1"}};
  p.gm_terms = {"genetically modified", "transgenic",          "gmo",
                "ogm",                  "ovm",                 "lmo",
                "genéticamente modificado", "génétiquement modifié", "biotech",
                "roundup ready"};
  p.hs_crops = {{"1005", "zea-mays"}, {"1201", "glycine-max"}, {"120721", "gossypium"},
                {"1209.10", "beta-vulgaris"}, {"12", "too-short"}, {"1005x", "bad"},
                {"1207 40 10", "sesamum"}, {"12074090123", "eleven-digits"}};
  p.gm_origins = {{"US", "zea-mays"}, {"br", "glycine-max"}, {"AR", "zea-mays"}};
  return p;
}

const DeclarationScreener& screener() {
  static const DeclarationScreener s(patterns());
  return s;
}

ScreeningVerdict screen(std::string_view description, std::string_view hs = "", std::string_view origin = "") {
  return screener().screen(DeclarationLine{hs, description, origin});
}

Strings reasons(std::string_view description, std::string_view hs = "", std::string_view origin = "") {
  return screen(description, hs, origin).reasons;
}

}  // namespace

TEST(ScreenerFolding, CompactAndWordForms) {
  EXPECT_EQ(fold_compact("MON-ØØ81Ø-6"), "mon008106");
  EXPECT_EQ(fold_compact("mon\xE2\x80\x93" "øø81ø\xE2\x80\x93" "6"), "mon008106");  // en dashes
  EXPECT_EQ(fold_compact(" Maïs, ÉTÉ! "), "maisete");
  EXPECT_EQ(fold_words("  Maïs  GÉNÉTIQUEMENT-modifié!"), "mais genetiquement modifie");
  EXPECT_EQ(fold_words("SYN-BTØ11-1 × DAS"), "syn bt011 1 das");
  EXPECT_EQ(fold_words("Œuvre"), "ouvre");
  EXPECT_EQ(fold_words(""), "");
  EXPECT_EQ(fold_words("\xff\xfe broken \xe2\x82"), "broken");
  EXPECT_EQ(fold_words("a\xC3"), "a");  // truncated sequence at the end
  EXPECT_EQ(fold_words("\xC3\xC3\x98x"), "0x");
  for (std::string s : {"MON-ØØ81Ø-6 × x", "  Ünïcödé ‒ text\t\n", "\x80\xbf\xc0\xc1\xf5\xff"}) {
    EXPECT_EQ(fold_words(fold_words(s)), fold_words(s));
    EXPECT_EQ(fold_compact(fold_compact(s)), fold_compact(s));
  }
}

TEST(ScreenerMatcher, OverlappingPatternsEachOnceInOrderFound) {
  PatternAutomaton compact(PatternAutomaton::Mode::compact, {"he", "she", "his", "hers", "", "-", "she"});
  EXPECT_EQ(compact.find_all("USHERS, she, he"), (std::vector<std::size_t>{1, 6, 0, 3}));
  EXPECT_TRUE(compact.find_all("").empty());
  PatternAutomaton words(PatternAutomaton::Mode::words, {"he", "she", "he she", "she he"});
  EXPECT_EQ(words.find_all("ushers she he"), (std::vector<std::size_t>{1, 3, 0}));
  EXPECT_EQ(words.find_all("he-she"), (std::vector<std::size_t>{0, 2, 1}));  // longer first at one end
  EXPECT_TRUE(words.find_all("ushers").empty());
}

TEST(ScreenerMatcher, ManyDistinctMatchesEachOnce) {
  Strings pats;
  std::string text;
  for (int i = 0; i < 100; ++i) pats.push_back("w" + std::to_string(i));
  for (int i = 99; i >= 0; --i) text += "W" + std::to_string(i) + " w" + std::to_string(i) + ", ";
  PatternAutomaton words(PatternAutomaton::Mode::words, pats);
  std::vector<std::size_t> want;
  for (std::size_t i = 100; i-- > 0;) want.push_back(i);
  EXPECT_EQ(words.find_all(text + text), want);
}

TEST(DeclarationScreener, LevelNames) {
  EXPECT_EQ(level_name(Level::lmo_relevant), "lmo_relevant");
  EXPECT_EQ(level_name(Level::possible), "possible");
  EXPECT_EQ(level_name(Level::not_relevant), "not_relevant");
}

TEST(DeclarationScreener, IdentifierInAnySpelling) {
  for (std::string text : {"MON-ØØ81Ø-6", "mon 00810 6", "MON-00810-6", "MON008106", "MON00810-6", "mon-øø81ø-6",
                           "Mon\xE2\x80\x93" "ØØ81Ø\xE2\x80\x93" "6", "maize (MON - 0 0 8 1 0 - 6), bulk"}) {
    auto v = screen(text);
    EXPECT_EQ(v.level, Level::lmo_relevant) << text;
    EXPECT_EQ(v.reasons, (Strings{"identifier:MON-ØØ81Ø-6"})) << text;
    EXPECT_EQ(v.registry_keys, (Strings{"MON-ØØ81Ø-6"})) << text;
  }
  EXPECT_EQ(screen("MON-0O810-6").level, Level::not_relevant);  // the letter O is not a zero
  EXPECT_EQ(screen("MON-00810-7").level, Level::not_relevant);
}

TEST(DeclarationScreener, NamesAsWholeWords) {
  EXPECT_EQ(reasons("YIELDGARD MON810 CORN"),
            (Strings{"name:YieldGard→MON-ØØ81Ø-6", "name:MON810→MON-ØØ81Ø-6"}));
  EXPECT_EQ(screen("YIELDGARD MON810 CORN").registry_keys, (Strings{"MON-ØØ81Ø-6"}));
  EXPECT_EQ(reasons("maize TC1507, 20 t"), (Strings{"name:TC1507→DAS-Ø15Ø7-1"}));
  EXPECT_EQ(screen("ATC15070 valve parts").level, Level::not_relevant);
  EXPECT_EQ(screen("XTC1507").level, Level::not_relevant);
  EXPECT_EQ(screen("MON8100").level, Level::not_relevant);
  EXPECT_EQ(reasons("soybean gts 40 3 2"), (Strings{"name:GTS 40-3-2→MON-Ø4Ø32-6"}));
  EXPECT_EQ(screen("soybean gts 40 3 21").level, Level::not_relevant);
  // Names are folded for accents and case.
  EXPECT_EQ(reasons("MAIS BT11 grain"), (Strings{"name:Maïs Bt11→SYN-BTØ11-1"}));
  EXPECT_EQ(reasons("maïs bt11"), (Strings{"name:Maïs Bt11→SYN-BTØ11-1"}));
  // Names of fewer than four letters or digits are ignored.
  EXPECT_EQ(screen("MS8 canola, papaya 55-1").level, Level::not_relevant);
}

TEST(DeclarationScreener, GmTermsInEnglishSpanishAndFrench) {
  EXPECT_EQ(reasons("Transgenic soybeans"), (Strings{"gm_term:transgenic"}));
  EXPECT_EQ(reasons("GENETICALLY-MODIFIED maize"), (Strings{"gm_term:genetically modified"}));
  EXPECT_EQ(reasons("Maíz genéticamente modificado"), (Strings{"gm_term:genéticamente modificado"}));
  EXPECT_EQ(reasons("MAIZ GENETICAMENTE MODIFICADO"), (Strings{"gm_term:genéticamente modificado"}));
  EXPECT_EQ(reasons("Maïs génétiquement modifié (OGM)"), (Strings{"gm_term:génétiquement modifié", "gm_term:ogm"}));
  EXPECT_EQ(reasons("soja OVM"), (Strings{"gm_term:ovm"}));
  EXPECT_EQ(reasons("GMO corn; LMO-FFP"), (Strings{"gm_term:gmo", "gm_term:lmo"}));
  EXPECT_EQ(reasons("Roundup Ready soja"), (Strings{"name:Roundup Ready soja→MON-Ø4Ø32-6", "gm_term:roundup ready"}));
  EXPECT_TRUE(screen("GM terms").registry_keys.empty());
  EXPECT_EQ(screen("gmond biotechnology ogmx slmo").level, Level::not_relevant);
}

TEST(DeclarationScreener, HsCropIsPossibleAndOriginStrengthensIt) {
  auto v = screen("Yellow maize grain, bulk", "1005.90", "FR");
  EXPECT_EQ(v.level, Level::possible);
  EXPECT_EQ(v.reasons, (Strings{"hs_crop:1005→zea-mays"}));
  EXPECT_TRUE(v.registry_keys.empty());

  v = screen("Yellow maize grain, bulk", "1005 90 00", " us ");
  EXPECT_EQ(v.level, Level::possible);
  EXPECT_EQ(v.reasons, (Strings{"hs_crop:1005→zea-mays", "gm_origin:US/zea-mays"}));

  EXPECT_EQ(reasons("soya", "120190", "BR"), (Strings{"hs_crop:1201→glycine-max", "gm_origin:BR/glycine-max"}));
  EXPECT_EQ(reasons("cotton seed for sowing", "1207.21", "US"), (Strings{"hs_crop:120721→gossypium"}));
  EXPECT_EQ(reasons("beet seed", "1209.10.00", ""), (Strings{"hs_crop:120910→beta-vulgaris"}));
  EXPECT_EQ(screen("cotton seed, other", "1207.29", "US").level, Level::not_relevant);
  EXPECT_EQ(screen("soybean oil", "1507.10", "US").level, Level::not_relevant);
  EXPECT_EQ(screen("maize", "100", "US").level, Level::not_relevant);       // shorter than the prefix
  EXPECT_EQ(screen("maize", "12", "US").level, Level::not_relevant);        // 2-digit prefixes are ignored
  EXPECT_EQ(screen("maize", "", "US").level, Level::not_relevant);
  EXPECT_EQ(screen("", "1005", "US").level, Level::possible);
  // National codes (up to 10 digits) as prefixes; longer ones are ignored.
  EXPECT_EQ(reasons("sesame seed for sowing", "1207.40.10", ""), (Strings{"hs_crop:12074010→sesamum"}));
  EXPECT_EQ(screen("sesame, other", "1207.40.90", "").level, Level::not_relevant);
  EXPECT_EQ(screen("x", "12074090123", "").level, Level::not_relevant);
}

TEST(DeclarationScreener, ReasonsInOrderEachOnce) {
  auto v = screen("GMO maize MON810 (MON-00810-6), transgenic; again MON810 MON-ØØ81Ø-6 GMO", "10059000", "US");
  EXPECT_EQ(v.level, Level::lmo_relevant);
  EXPECT_EQ(v.reasons, (Strings{"identifier:MON-ØØ81Ø-6", "name:MON810→MON-ØØ81Ø-6", "gm_term:gmo", "gm_term:transgenic",
                                "hs_crop:1005→zea-mays", "gm_origin:US/zea-mays"}));
  EXPECT_EQ(v.registry_keys, (Strings{"MON-ØØ81Ø-6"}));

  v = screen("TC1507 and DAS1507 with SYN-BT011-1 and MON810");
  EXPECT_EQ(v.reasons, (Strings{"identifier:SYN-BTØ11-1", "name:TC1507→DAS-Ø15Ø7-1", "name:DAS1507→DAS-Ø15Ø7-1",
                                "name:MON810→MON-ØØ81Ø-6"}));
  EXPECT_EQ(v.registry_keys, (Strings{"SYN-BTØ11-1", "DAS-Ø15Ø7-1", "MON-ØØ81Ø-6"}));
}

TEST(DeclarationScreener, NotRelevantAndEmptyLines) {
  auto v = screen("", "", "");
  EXPECT_EQ(v.level, Level::not_relevant);
  EXPECT_TRUE(v.reasons.empty());
  EXPECT_TRUE(v.registry_keys.empty());
  EXPECT_EQ(screen("Steel bolts, M8, zinc plated", "7318.15", "CN").level, Level::not_relevant);

  DeclarationScreener empty{ScreeningPatterns{}};
  EXPECT_EQ(empty.screen({"1005", "MON810 transgenic", "US"}).level, Level::not_relevant);
}

TEST(DeclarationScreener, VeryLongLines) {
  std::string filler;
  while (filler.size() < (1u << 20)) filler += "yellow maize grain, bulk, 50 000 t; ATC15070 ";
  EXPECT_EQ(screen(filler).level, Level::not_relevant);
  std::string with_id = filler + "MON 00810 6";
  EXPECT_EQ(screen(with_id).reasons, (Strings{"identifier:MON-ØØ81Ø-6"}));
  std::string repeated;
  while (repeated.size() < (1u << 20)) repeated += "MON810 TC1507 GMO ";
  EXPECT_EQ(screen(repeated).reasons, (Strings{"name:MON810→MON-ØØ81Ø-6", "name:TC1507→DAS-Ø15Ø7-1", "gm_term:gmo"}));
}

TEST(DeclarationScreener, InvalidUtf8) {
  EXPECT_EQ(screen("\xff\xfe\xc3").level, Level::not_relevant);
  EXPECT_EQ(reasons("\xff" "MON810\xc3"), (Strings{"name:MON810→MON-ØØ81Ø-6"}));  // stray bytes separate words
  EXPECT_EQ(screen("MON\xff" "810").level, Level::not_relevant);
  EXPECT_EQ(reasons("MON-\xc3\xc3\x98\xc3\x98" "810-6"), (Strings{"identifier:MON-ØØ81Ø-6"}));  // dropped in compact form
  EXPECT_EQ(screen("maize", "\xff" "1005", "\xc3\x98").reasons, (Strings{"hs_crop:1005→zea-mays"}));
  std::string all_bytes;
  for (int b = 0; b < 256; ++b) all_bytes += static_cast<char>(b);
  EXPECT_NO_FATAL_FAILURE(screen(all_bytes + all_bytes, all_bytes, all_bytes));
}

// The automaton against a naive search over the folded text, for random texts over a small
// alphabet (so that patterns overlap and recur) with patterns inserted at random places.
TEST(ScreenerMatcher, AgreesWithNaiveSearchOnRandomTexts) {
  std::mt19937 rng(20240611u);  // the raw engine output is specified, so runs are reproducible
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  const Strings alphabet{"a", "b", "A", "0", "1", "Ø", "ø", "é", " ", "-", "\xE2\x80\x93", ",", "\xff"};
  auto random_text = [&](std::size_t length) {
    std::string s;
    for (std::size_t i = 0; i < length; ++i) s += alphabet[pick(alphabet.size())];
    return s;
  };
  auto naive = [](const Strings& pats, std::string_view text, PatternAutomaton::Mode mode) {
    bool words = mode == PatternAutomaton::Mode::words;
    std::string folded = words ? " " + fold_words(text) + " " : fold_compact(text);
    // (end of the first occurrence, longer first, pattern index): the automaton reports the
    // patterns ending at one place from the longest to the shortest, equal ones by index.
    std::vector<std::tuple<std::size_t, long, std::size_t>> found;
    for (std::size_t id = 0; id < pats.size(); ++id) {
      std::string needle = words ? fold_words(pats[id]) : fold_compact(pats[id]);
      if (needle.empty()) continue;
      if (words) needle = " " + needle + " ";
      std::size_t at = folded.find(needle);
      if (at != std::string::npos) found.emplace_back(at + needle.size(), -static_cast<long>(needle.size()), id);
    }
    std::sort(found.begin(), found.end());
    std::vector<std::size_t> ids;
    for (auto& f : found) ids.push_back(std::get<2>(f));
    return ids;
  };
  int matched = 0;
  for (int round = 0; round < 300; ++round) {
    Strings pats;
    std::size_t count = 1 + pick(12);
    for (std::size_t i = 0; i < count; ++i) pats.push_back(random_text(1 + pick(6)));
    std::string text;
    std::size_t pieces = pick(10);
    for (std::size_t i = 0; i < pieces; ++i) {
      text += random_text(pick(8));
      if (pick(2)) text += pats[pick(pats.size())];
    }
    for (auto mode : {PatternAutomaton::Mode::compact, PatternAutomaton::Mode::words}) {
      PatternAutomaton automaton(mode, pats);
      auto got = automaton.find_all(text);
      auto want = naive(pats, text, mode);
      ASSERT_EQ(got, want) << "round " << round << " text '" << text << "'";
      PatternAutomaton other(mode == PatternAutomaton::Mode::words ? PatternAutomaton::Mode::compact
                                                                   : PatternAutomaton::Mode::words, pats);
      PatternAutomaton::Matches both;
      PatternAutomaton::find_all(automaton, other, text, both);  // one pass for both
      ASSERT_EQ(both.first, got);
      ASSERT_EQ(both.second, other.find_all(text));
      // Two texts at once give what each gives alone, whichever is longer.
      std::string text_b = text.substr(text.size() / 3) + random_text(pick(20));
      PatternAutomaton::Matches found_a, found_b;
      PatternAutomaton::find_all(automaton, other, text, text_b, found_a, found_b);
      ASSERT_EQ(found_a.first, got);
      ASSERT_EQ(found_a.second, both.second);
      ASSERT_EQ(found_b.first, automaton.find_all(text_b));
      ASSERT_EQ(found_b.second, other.find_all(text_b));
      matched += static_cast<int>(got.size());
    }
  }
  EXPECT_GT(matched, 300);  // the generator really produces matches
}

// The whole screener against the naive search: identifier, name and term reasons.
TEST(ScreenerMatcher, ScreenerAgreesWithNaiveSearch) {
  std::mt19937 rng(7u);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  const Strings alphabet{"m", "o", "n", "8", "1", "0", "Ø", " ", "-", "É", "e"};
  auto random_text = [&](std::size_t length) {
    std::string s;
    for (std::size_t i = 0; i < length; ++i) s += alphabet[pick(alphabet.size())];
    return s;
  };
  for (int round = 0; round < 200; ++round) {
    ScreeningPatterns p;
    for (int i = 0; i < 4; ++i) p.identifiers.emplace_back(random_text(2 + pick(5)), "K" + std::to_string(i));
    for (int i = 0; i < 4; ++i) p.names.emplace_back(random_text(3 + pick(5)), "N" + std::to_string(i));
    for (int i = 0; i < 3; ++i) p.gm_terms.push_back(random_text(1 + pick(4)));
    DeclarationScreener s(p);
    std::string text;
    for (int i = 0; i < 6; ++i) {
      text += random_text(pick(6));
      std::size_t which = pick(11);
      text += which < 4 ? p.identifiers[which].first : which < 8 ? p.names[which - 4].first : p.gm_terms[which - 8];
    }
    Strings want;
    std::string compact = fold_compact(text), words = " " + fold_words(text) + " ";
    for (auto& [pat, key] : p.identifiers) {
      std::string f = fold_compact(pat);
      if (!f.empty() && compact.find(f) != std::string::npos) want.push_back("identifier:" + pat);
    }
    for (auto& [name, key] : p.names) {
      std::string f = fold_words(name);
      auto letters = std::count_if(f.begin(), f.end(), [](char c) { return c != ' '; });
      if (letters >= 4 && words.find(" " + f + " ") != std::string::npos) want.push_back("name:" + name + "→" + key);
    }
    for (auto& term : p.gm_terms) {
      std::string f = fold_words(term);
      if (!f.empty() && words.find(" " + f + " ") != std::string::npos) want.push_back("gm_term:" + term);
    }
    std::sort(want.begin(), want.end());
    want.erase(std::unique(want.begin(), want.end()), want.end());
    auto v = s.screen({"", text, ""});
    Strings got = v.reasons;
    std::sort(got.begin(), got.end());
    ASSERT_EQ(got, want) << "round " << round << " text '" << text << "'";
    ASSERT_EQ(v.level, want.empty() ? Level::not_relevant : Level::lmo_relevant);
    // Screening two lines at once gives each line's own verdict, in either order.
    std::string other_text = random_text(pick(40));
    DeclarationLine other{"1005.90", other_text, "US"};
    auto [first, second] = s.screen(DeclarationLine{"", text, ""}, other);
    ASSERT_EQ(first.reasons, v.reasons);
    ASSERT_EQ(first.registry_keys, v.registry_keys);
    ASSERT_EQ(second.reasons, s.screen(other).reasons);
    auto [swapped_first, swapped_second] = s.screen(other, DeclarationLine{"", text, ""});
    ASSERT_EQ(swapped_second.reasons, v.reasons);
    ASSERT_EQ(swapped_first.level, second.level);
  }
}
