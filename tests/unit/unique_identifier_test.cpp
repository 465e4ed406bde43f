// UniqueIdentifier: reading OECD identifiers as documents spell them, stacks, check digits.
#include "domain/unique_identifier.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

using lmo::domain::compute_check_digit;
using lmo::domain::format;
using lmo::domain::IdentifierParse;
using lmo::domain::IdentifierStatus;
using lmo::domain::IssueSeverity;
using lmo::domain::normalize_identifier_fragment;
using lmo::domain::parse_stacked_identifier;
using lmo::domain::parse_unique_identifier;
using lmo::domain::search_form;
using lmo::domain::UniqueIdentifier;

namespace {

const std::string kZero = "\xC3\x98";       // Ø
const std::string kSmallZero = "\xC3\xB8";  // ø

// Every identifier listed in domain.md §4, in canonical form.
const std::vector<std::string> kRealIdentifiers = {
    "MON-ØØ81Ø-6", "MON-Ø4Ø32-6", "MON-ØØØ21-9", "SYN-BTØ11-1", "SYN-IR6Ø4-5",
    "MON-ØØ863-5", "MON-88Ø17-3", "DAS-59122-7", "MON-87427-7", "MON-8746Ø-4",
    "MON-89788-1", "DP-3Ø5423-1", "ACS-GHØØ1-3", "MON-15985-7", "BCS-GHØØ2-5",
    "MON-ØØ531-6", "MON-Ø1445-2", "MON-88913-8", "MON-ØØ1Ø1-8", "DP-Ø73496-4",
    "MON-ØØØ73-7", "ACS-BNØØ5-8", "ACS-BNØØ3-6", "CUH-CP551-8", "KM-ØØØH71-4"};

const std::vector<std::string> kPrefixes = {"DP", "KM", "MON", "SYN", "ACS", "BCS", "CUH", "DAS"};

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

std::string lower_ascii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Number of UTF-8 characters (Ø is two bytes).
std::size_t characters(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<std::uint8_t>(c) & 0xC0) != 0x80; }));
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<std::uint8_t>(s[i]);
    std::size_t n = b < 0x80             ? 1
                    : (b & 0xE0) == 0xC0 ? 2
                    : (b & 0xF0) == 0xE0 ? 3
                    : (b & 0xF8) == 0xF0 ? 4
                                         : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<std::uint8_t>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// Checks the invariants every result keeps, then returns it.
IdentifierParse parse(std::string_view text, const std::vector<std::string>& prefixes = {}) {
  IdentifierParse result = parse_unique_identifier(text, prefixes);
  for (const auto& issue : result.issues) {
    EXPECT_FALSE(issue.code.empty());
    EXPECT_FALSE(issue.message.empty()) << issue.code;
    EXPECT_TRUE(is_valid_utf8(issue.message)) << issue.code;
    EXPECT_TRUE(is_valid_utf8(issue.character)) << issue.code;
  }
  EXPECT_EQ(result.canonical.empty(), result.status == IdentifierStatus::invalid) << text;
  EXPECT_EQ(result.identifier().has_value(), result.status != IdentifierStatus::invalid) << text;
  return result;
}

std::vector<std::string> codes(const IdentifierParse& result) {
  std::vector<std::string> out;
  for (const auto& issue : result.issues) out.push_back(issue.code);
  return out;
}

const lmo::domain::IdentifierIssue* find_issue(const IdentifierParse& result,
                                               std::string_view code) {
  for (const auto& issue : result.issues) {
    if (issue.code == code) return &issue;
  }
  return nullptr;
}

// Reference digital root, written as the repeated digit sum the rule describes.
int digital_root_by_digit_sums(int sum) {
  while (sum >= 10) {
    int next = 0;
    for (int rest = sum; rest > 0; rest /= 10) next += rest % 10;
    sum = next;
  }
  return sum;
}

int reference_value(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 1 : c - '0'; }

int reference_check_digit(std::string_view ascii_body) {
  int sum = 0;
  for (char c : ascii_body) sum += reference_value(c);
  return digital_root_by_digit_sums(sum);
}

// ASCII body ('0' for zero) and split to canonical text.
std::string canonical_text(std::string_view ascii_body, std::size_t split, int check) {
  std::string out;
  for (std::size_t i = 0; i < ascii_body.size(); ++i) {
    if (i == split) out += '-';
    out += ascii_body[i] == '0' ? kZero : std::string(1, ascii_body[i]);
  }
  out += '-';
  out += check == 0 ? kZero : std::string(1, static_cast<char>('0' + check));
  return out;
}

std::string with_zero_as(std::string_view ascii, const std::string& zero) {
  std::string out;
  for (char c : ascii) out += c == '0' ? zero : std::string(1, c);
  return out;
}

}  // namespace

// ---- Real identifiers -----------------------------------------------------------------------

TEST(UniqueIdentifier, EveryRealIdentifierIsValidWithoutWarnings) {
  for (const std::string& id : kRealIdentifiers) {
    auto result = parse(id);
    EXPECT_EQ(result.status, IdentifierStatus::valid) << id;
    EXPECT_TRUE(result.issues.empty()) << id;
    EXPECT_EQ(result.canonical, id);
    EXPECT_EQ(result.given_check_digit, result.expected_check_digit) << id;
    ASSERT_TRUE(result.identifier()) << id;
    EXPECT_EQ(format(*result.identifier()), id);
    EXPECT_EQ(result.developer + "-" + result.event + "-" + id.substr(id.size() - 1), id);
  }
}

TEST(UniqueIdentifier, PartsOfRealIdentifiers) {
  auto mon810 = parse("MON-ØØ81Ø-6");
  EXPECT_EQ(mon810.developer, "MON");
  EXPECT_EQ(mon810.event, "ØØ81Ø");
  EXPECT_EQ(mon810.given_check_digit, 6);
  EXPECT_EQ(mon810.expected_check_digit, 6);
  EXPECT_EQ(mon810.identifier(), (UniqueIdentifier{"MON", "ØØ81Ø", 6}));

  auto dp = parse("DP-3Ø5423-1");
  EXPECT_EQ(dp.developer, "DP");
  EXPECT_EQ(dp.event, "3Ø5423");
  auto km = parse("KM-ØØØH71-4");
  EXPECT_EQ(km.developer, "KM");
  EXPECT_EQ(km.event, "ØØØH71");
}

TEST(UniqueIdentifier, WorkedExampleOfTheCheckDigit) {
  // 13+15+14+0+0+8+1+0 = 51 -> 5+1 = 6
  EXPECT_EQ(compute_check_digit("MONØØ81Ø"), 6);
  EXPECT_EQ(compute_check_digit("MON-ØØ81Ø"), 6);
  EXPECT_EQ(compute_check_digit("mon00810"), 6);
  for (const std::string& id : kRealIdentifiers) {
    auto body = id.substr(0, id.size() - 2);  // drop "-C"
    EXPECT_EQ(compute_check_digit(body), id.back() - '0') << id;
  }
}

TEST(UniqueIdentifier, EverySpellingOfRealIdentifiersNormalises) {
  for (const std::string& id : kRealIdentifiers) {
    const std::string ascii = replace_all(id, kZero, "0");
    const std::string nbsp = "\xC2\xA0";
    const std::string en_dash = "\xE2\x80\x93";
    const std::vector<std::string> spellings = {
        id,
        ascii,
        replace_all(id, kZero, kSmallZero),
        lower_ascii(replace_all(id, kZero, kSmallZero)),
        lower_ascii(ascii),
        replace_all(ascii, "-", " "),
        replace_all(id, "-", en_dash),
        replace_all(id, "-", nbsp),
        replace_all(ascii, "-", "\t"),
        replace_all(ascii, "-", " - "),
        replace_all(id, "-", "--"),
        "  " + lower_ascii(replace_all(id, kZero, kSmallZero)) + " ",
        "\t" + replace_all(ascii, "-", nbsp + "-" + nbsp) + en_dash,
        // check digit attached to the event: the developer separator still tells the split
        id.substr(0, id.size() - 2) + id.substr(id.size() - 1),
    };
    for (const std::string& spelling : spellings) {
      auto result = parse(spelling);
      EXPECT_EQ(result.status, IdentifierStatus::valid) << spelling;
      EXPECT_EQ(result.canonical, id) << spelling;
      // the prefix hint never changes what the separators decide
      EXPECT_EQ(parse(spelling, kPrefixes).canonical, id) << spelling;
    }
  }
}

TEST(UniqueIdentifier, WithoutSeparatorsTheSplitIsAssumedUnlessAPrefixDecides) {
  for (const std::string& id : kRealIdentifiers) {
    const std::string compact = replace_all(replace_all(id, "-", ""), kZero, "0");
    const std::string check_apart = compact.substr(0, 8) + "-" + compact.substr(8);
    const bool three = id[3] == '-';
    for (const std::string& spelling : {compact, check_apart, lower_ascii(compact)}) {
      auto guessed = parse(spelling);
      EXPECT_EQ(guessed.status, IdentifierStatus::valid_with_warnings) << spelling;
      EXPECT_EQ(codes(guessed), std::vector<std::string>{"split_assumed"}) << spelling;
      EXPECT_EQ(characters(guessed.developer), 3u) << spelling;
      if (three) {
        EXPECT_EQ(guessed.canonical, id) << spelling;
      } else {
        // a wrong split does not change the sum, so the check digit cannot reveal it
        EXPECT_NE(guessed.canonical, id) << spelling;
      }
      EXPECT_FALSE(guessed.has_issue("check_digit_mismatch")) << spelling;

      auto hinted = parse(spelling, kPrefixes);
      EXPECT_EQ(hinted.status, IdentifierStatus::valid) << spelling;
      EXPECT_EQ(hinted.canonical, id) << spelling;
    }
  }
  EXPECT_EQ(parse("DP3054231").canonical, "DP3-Ø5423-1");
  EXPECT_EQ(parse("DP3054231", kPrefixes).canonical, "DP-3Ø5423-1");
  EXPECT_EQ(parse("km000h714", kPrefixes).canonical, "KM-ØØØH71-4");
  EXPECT_EQ(parse("MON008106", kPrefixes).canonical, "MON-ØØ81Ø-6");
}

TEST(UniqueIdentifier, PrefixHintMustMatchExactlyOneWay) {
  // both "MO" and "MON" listed: ambiguous, so 3+5 is assumed
  auto both = parse("MON008106", {"MO", "MON"});
  EXPECT_EQ(both.canonical, "MON-ØØ81Ø-6");
  EXPECT_TRUE(both.has_issue("split_assumed"));
  // neither listed
  auto neither = parse("DP3054231", {"KM", "MON"});
  EXPECT_EQ(neither.canonical, "DP3-Ø5423-1");
  EXPECT_TRUE(neither.has_issue("split_assumed"));
  // hints are read in any spelling; hints that cannot be a developer code are ignored
  EXPECT_EQ(parse("dp3054231", {" d-p ", "MONSANTO", "D", "×"}).canonical, "DP-3Ø5423-1");
  EXPECT_EQ(parse("dp3054231", {" d-p ", "MONSANTO", "D", "×"}).status, IdentifierStatus::valid);
  EXPECT_EQ(parse("A01234561", {"aø"}).developer, "AØ");
  // separators decide before hints
  EXPECT_EQ(parse("DPX-12345-5", {"DP"}).developer, "DPX");
  EXPECT_EQ(parse("MO-N00810-6", {"MON"}).developer, "MO");
}

TEST(UniqueIdentifier, SeparatorPositionsDecideTheSplit) {
  EXPECT_EQ(parse("DP 3Ø5423 1").developer, "DP");
  EXPECT_EQ(parse("DP-3Ø54231").developer, "DP");
  EXPECT_EQ(parse("MON-ØØ81Ø6").developer, "MON");
  EXPECT_EQ(parse("MON-ØØ 81Ø-6").canonical, "MON-ØØ81Ø-6");  // extra separator inside the event
  EXPECT_TRUE(parse("MON-ØØ 81Ø-6").issues.empty());
  // separators after both the 2nd and the 3rd character say nothing
  auto both = parse("M-O-N-ØØ81Ø-6");
  EXPECT_EQ(both.canonical, "MON-ØØ81Ø-6");
  EXPECT_EQ(codes(both), std::vector<std::string>{"split_assumed"});
  EXPECT_EQ(parse("M-O-N-ØØ81Ø-6", kPrefixes).status, IdentifierStatus::valid);
}

// ---- Check digit ----------------------------------------------------------------------------

TEST(UniqueIdentifier, MisprintedCheckDigitIsAWarningWithTheExpectedDigit) {
  for (const std::string& id : kRealIdentifiers) {
    const int expected = id.back() - '0';
    for (int given = 0; given <= 9; ++given) {
      if (given == expected) continue;
      const std::string misprint = id.substr(0, id.size() - 1) + std::to_string(given);
      auto result = parse(misprint);
      EXPECT_EQ(result.status, IdentifierStatus::valid_with_warnings) << misprint;
      EXPECT_EQ(codes(result), std::vector<std::string>{"check_digit_mismatch"}) << misprint;
      EXPECT_EQ(result.given_check_digit, given);
      EXPECT_EQ(result.expected_check_digit, expected);
      const auto* issue = find_issue(result, "check_digit_mismatch");
      ASSERT_NE(issue, nullptr);
      EXPECT_EQ(issue->severity, IssueSeverity::warning);
      EXPECT_EQ(issue->expected_check_digit, expected);
      // the canonical form keeps the digit as written (Ø for zero)
      EXPECT_EQ(result.canonical,
                id.substr(0, id.size() - 1) + (given == 0 ? kZero : std::to_string(given)));
    }
  }
  auto result = parse("MON-ØØ81Ø-5");
  EXPECT_EQ(result.issues.at(0).message,
            "check digit 5 does not match the 6 the characters give: possible typo");
}

TEST(UniqueIdentifier, DigitalRootEdgeCases) {
  EXPECT_EQ(compute_check_digit("ØØØØØØØØ"), 0);  // a sum of 0 gives 0
  EXPECT_EQ(parse("ØØØ-ØØØØØ-Ø").status, IdentifierStatus::valid);
  EXPECT_EQ(parse("ØØØ-ØØØØØ-0").canonical, "ØØØ-ØØØØØ-Ø");
  EXPECT_EQ(compute_check_digit("ØØØØØØØ9"), 9);  // 9 -> 9, not 0
  EXPECT_EQ(parse("ØØØ-ØØØØ9-Ø").expected_check_digit, 9);
  EXPECT_EQ(compute_check_digit("ZZZZZZZZ"), 1);  // 208 -> 10 -> 1
  EXPECT_EQ(compute_check_digit("IIIIIIII"), 9);  // 72 -> 9
  EXPECT_EQ(compute_check_digit("AAAAAAAA"), 8);
  EXPECT_EQ(compute_check_digit("MON0081"), std::nullopt);
  EXPECT_EQ(compute_check_digit("MON008100"), std::nullopt);
  EXPECT_EQ(compute_check_digit("MON0081."), std::nullopt);
  EXPECT_EQ(compute_check_digit("MON\xFF"
                                "0081"),
            std::nullopt);
  EXPECT_EQ(compute_check_digit(""), std::nullopt);
}

TEST(UniqueIdentifier, LettersAreNeverTakenForDigits) {
  // Letter O stays O. Three O-for-Ø swaps add 45, a multiple of 9: the check digit cannot see it.
  auto all_o = parse("MON-OO81O-6");
  EXPECT_EQ(all_o.status, IdentifierStatus::valid);
  EXPECT_EQ(all_o.canonical, "MON-OO81O-6");
  EXPECT_EQ(all_o.event, "OO81O");
  // One swap adds 15 (6 mod 9) and is caught.
  auto one_o = parse("MON-OØ81Ø-6");
  EXPECT_EQ(one_o.canonical, "MON-OØ81Ø-6");
  EXPECT_EQ(one_o.expected_check_digit, 3);
  EXPECT_TRUE(one_o.has_issue("check_digit_mismatch"));
  // A letter O as check digit is not a digit.
  EXPECT_EQ(codes(parse("MON-ØØ81Ø-O")), std::vector<std::string>{"check_digit_not_a_digit"});
  // Letters I and l are not 1 either.
  EXPECT_EQ(parse("MON-ØØ8IØ-6").expected_check_digit, 5);
}

// ---- Invalid input --------------------------------------------------------------------------

TEST(UniqueIdentifier, EmptyInput) {
  for (std::string_view text : {"", " ", "-", " - \t ", "\xC2\xA0\xE2\x80\x93"}) {
    auto result = parse(text);
    EXPECT_EQ(result.status, IdentifierStatus::invalid);
    EXPECT_EQ(codes(result), std::vector<std::string>{"empty"}) << text;
    EXPECT_EQ(result.developer, "");
  }
}

TEST(UniqueIdentifier, BadCharactersAreLocated) {
  auto period = parse("MON-ØØ81Ø-6.");
  EXPECT_EQ(codes(period), std::vector<std::string>{"bad_character"});
  EXPECT_EQ(period.issues[0].position, 14u);  // Ø is two bytes
  EXPECT_EQ(period.issues[0].character, ".");
  EXPECT_EQ(period.issues[0].message, "unexpected character U+002E at byte 14");
  EXPECT_EQ(period.developer, "");

  // Unicode lookalikes are not accepted: Greek capital omicron, Cyrillic O, fullwidth 0,
  // degree sign, em dash, zero-width space, slashed-zero lookalike ∅.
  const std::vector<std::pair<std::string, std::string>> lookalikes = {
      {"\xCE\x9F", "U+039F"},     {"\xD0\x9E", "U+041E"},          {"\xEF\xBC\x90", "U+FF10"},
      {"\xC2\xB0", "U+00B0"},     {"\xE2\x80\x94", "U+2014"},      {"\xE2\x80\x8B", "U+200B"},
      {"\xE2\x88\x85", "U+2205"}, {"\xF0\x9D\x9F\x8E", "U+01D7CE"}};
  for (const auto& [lookalike, name] : lookalikes) {
    auto result = parse("MON-" + lookalike + "Ø81Ø-6");
    EXPECT_EQ(codes(result), std::vector<std::string>{"bad_character"}) << name;
    EXPECT_EQ(result.issues[0].position, 4u) << name;
    EXPECT_EQ(result.issues[0].character, lookalike) << name;
    EXPECT_EQ(result.issues[0].message, "unexpected character " + name + " at byte 4") << name;
  }

  // × belongs to stacks
  auto stack = parse("MON-89Ø34-3 × DAS-Ø15Ø7-1");
  EXPECT_EQ(codes(stack), std::vector<std::string>{"bad_character"});
  EXPECT_EQ(stack.issues[0].character, "\xC3\x97");
  EXPECT_EQ(stack.issues[0].position, 13u);

  // control characters and newlines are not separators
  EXPECT_EQ(codes(parse("MON-ØØ81Ø-6\n")), std::vector<std::string>{"bad_character"});
  EXPECT_EQ(codes(parse(std::string("MON\0ØØ81Ø-6", 12))),
            std::vector<std::string>{"bad_character"});

  // many bad characters: at most 8 reported
  EXPECT_EQ(parse("...................").issues.size(), 8u);
  EXPECT_EQ(codes(parse("MON_ØØ81Ø_6")),
            (std::vector<std::string>{"bad_character", "bad_character"}));
}

TEST(UniqueIdentifier, InvalidUtf8IsABadCharacter) {
  auto stray = parse(
      "MON-\xFF"
      "Ø81Ø-6");
  EXPECT_EQ(codes(stray), std::vector<std::string>{"bad_character"});
  EXPECT_EQ(stray.issues[0].position, 4u);
  EXPECT_EQ(stray.issues[0].character, "\xEF\xBF\xBD");  // U+FFFD
  EXPECT_EQ(stray.issues[0].message, "byte 0xFF is not UTF-8 at byte 4");

  // Ø cut short, overlong '0' and '-', a surrogate, a value above U+10FFFF, a lone continuation
  for (std::string_view text : {"MON-ØØ81\xC3", "MON-ØØ81\xC3-6",
                                "MON-\xC0\xB0"
                                "Ø81Ø-6",
                                "MON\xC0\xAD"
                                "ØØ81Ø-6",
                                "MON-\xED\xA0\x80-6", "\xF4\x90\x80\x80",
                                "\x98"
                                "MON-ØØ81Ø-6",
                                "\xC3\xC3\x98"}) {
    auto result = parse(text);
    EXPECT_EQ(result.status, IdentifierStatus::invalid) << text;
    EXPECT_TRUE(result.has_issue("bad_character")) << text;
  }
  // the stray bytes of an overlong form are each reported
  EXPECT_EQ(parse("MON\xC0\xAD"
                  "ØØ81Ø-6")
                .issues.size(),
            2u);
}

TEST(UniqueIdentifier, WrongLength) {
  auto short_body = parse("MON-ØØ81-6");
  EXPECT_EQ(codes(short_body), std::vector<std::string>{"wrong_length"});
  EXPECT_EQ(short_body.issues[0].message, "expected 8 characters before the check digit, found 7");
  EXPECT_EQ(codes(parse("MON-ØØ81ØØ-6")), std::vector<std::string>{"wrong_length"});
  EXPECT_EQ(codes(parse("MO-ØØ81-6")), std::vector<std::string>{"wrong_length"});
  EXPECT_EQ(codes(parse("MON-ØØ81Ø-66")), std::vector<std::string>{"wrong_length"});
  EXPECT_EQ(parse("MON-ØØ81Ø-66").issues[0].message,
            "expected 8 characters and a check digit, found 10 characters");
  EXPECT_EQ(codes(parse("MON")), std::vector<std::string>{"wrong_length"});
  EXPECT_EQ(codes(parse("6")), std::vector<std::string>{"wrong_length"});
  EXPECT_EQ(codes(parse("MON-89Ø34-3xDAS-Ø15Ø7-1")), std::vector<std::string>{"wrong_length"});
}

TEST(UniqueIdentifier, MissingCheckDigit) {
  for (std::string_view text : {"MON-ØØ81Ø", "MON-00810-", "mon 00810 "}) {
    auto result = parse(text);
    EXPECT_EQ(result.status, IdentifierStatus::invalid) << text;
    EXPECT_EQ(codes(result), std::vector<std::string>{"missing_check_digit"}) << text;
    EXPECT_EQ(result.developer, "MON");
    EXPECT_EQ(result.event, "ØØ81Ø");
    EXPECT_EQ(result.given_check_digit, std::nullopt);
    EXPECT_EQ(result.expected_check_digit, 6);
    EXPECT_EQ(result.issues[0].expected_check_digit, 6);
    EXPECT_EQ(result.canonical, "");
  }
  auto compact = parse("DP305423");
  EXPECT_EQ(codes(compact), (std::vector<std::string>{"missing_check_digit", "split_assumed"}));
  EXPECT_EQ(parse("DP-305423").developer, "DP");
  EXPECT_EQ(parse("DP-305423").expected_check_digit, 1);
}

TEST(UniqueIdentifier, CheckDigitNotADigit) {
  auto result = parse("MON-ØØ81Ø-X");
  EXPECT_EQ(result.status, IdentifierStatus::invalid);
  EXPECT_EQ(codes(result), std::vector<std::string>{"check_digit_not_a_digit"});
  EXPECT_EQ(result.issues[0].expected_check_digit, 6);
  EXPECT_EQ(result.issues[0].message, "the check digit 'X' is not a digit (the characters give 6)");
  EXPECT_EQ(result.developer, "MON");
  EXPECT_EQ(result.given_check_digit, std::nullopt);
  EXPECT_EQ(codes(parse("mon00810b")),
            (std::vector<std::string>{"check_digit_not_a_digit", "split_assumed"}));
}

// ---- Stacks ---------------------------------------------------------------------------------

TEST(UniqueIdentifier, StacksJoinedByTimesSign) {
  const std::string canonical = "MON-89Ø34-3 × DAS-Ø15Ø7-1 × DAS-4Ø278-9";
  for (const std::string& text : {canonical, std::string("MON-89034-3×DAS-01507-1×DAS-40278-9"),
                                  std::string("  mon 89034 3  ×das-01507-1 × das\xE2\x80\x93"
                                              "40278\xE2\x80\x93"
                                              "9 ")}) {
    auto stack = parse_stacked_identifier(text);
    EXPECT_EQ(stack.status, IdentifierStatus::valid) << text;
    ASSERT_EQ(stack.components.size(), 3u) << text;
    EXPECT_EQ(stack.components[1].canonical, "DAS-Ø15Ø7-1");
    EXPECT_EQ(stack.canonical, canonical) << text;
  }
}

TEST(UniqueIdentifier, StacksJoinedByLetterX) {
  for (std::string_view text : {"MON-89034-3xDAS-01507-1", "MON-89034-3 X DAS-01507-1",
                                "mon-89Ø34 3 x das-Ø15Ø7 1", "MON-89034-3x\tDAS-01507-1"}) {
    auto stack = parse_stacked_identifier(text);
    EXPECT_EQ(stack.status, IdentifierStatus::valid) << text;
    EXPECT_EQ(stack.canonical, "MON-89Ø34-3 × DAS-Ø15Ø7-1") << text;
  }
  auto mixed = parse_stacked_identifier("MON-89034-3xDAS-01507-1 × DAS-40278-9");
  EXPECT_EQ(mixed.canonical, "MON-89Ø34-3 × DAS-Ø15Ø7-1 × DAS-4Ø278-9");
}

TEST(UniqueIdentifier, LetterXInsideAnIdentifierIsNotAJoiner) {
  // XYZ-ØØØX1: 24+25+26+0+0+0+24+1 = 100 -> 1; ABX-12345: 1+2+24+1+2+3+4+5 = 42 -> 6
  auto single = parse_stacked_identifier("XYZ-ØØØX1-1");
  EXPECT_EQ(single.status, IdentifierStatus::valid);
  ASSERT_EQ(single.components.size(), 1u);
  EXPECT_EQ(single.canonical, "XYZ-ØØØX1-1");

  auto stack = parse_stacked_identifier("xyz-000x1-1xabx-12345-6");
  ASSERT_EQ(stack.components.size(), 2u);
  EXPECT_EQ(stack.canonical, "XYZ-ØØØX1-1 × ABX-12345-6");

  // an x between an identifier and something that is not one splits nothing
  auto partial = parse_stacked_identifier("MON-89Ø34-3xDAS-Ø15Ø7");
  EXPECT_EQ(partial.status, IdentifierStatus::invalid);
  ASSERT_EQ(partial.components.size(), 1u);
  EXPECT_TRUE(partial.components[0].has_issue("wrong_length"));
  EXPECT_EQ(partial.canonical, "");
  // nor does a letter other than x in the joiner position
  EXPECT_EQ(parse_stacked_identifier("MON-89Ø34-3yDAS-Ø15Ø7-1").components.size(), 1u);
}

TEST(UniqueIdentifier, StackStatusIsTheWorstComponent) {
  auto warned = parse_stacked_identifier("MON-89034-4 x DAS-01507-1");
  EXPECT_EQ(warned.status, IdentifierStatus::valid_with_warnings);
  EXPECT_EQ(warned.canonical, "MON-89Ø34-4 × DAS-Ø15Ø7-1");
  EXPECT_EQ(warned.components[0].expected_check_digit, 3);

  auto trailing = parse_stacked_identifier("MON-89Ø34-3 × ");
  EXPECT_EQ(trailing.status, IdentifierStatus::invalid);
  ASSERT_EQ(trailing.components.size(), 2u);
  EXPECT_EQ(trailing.components[0].status, IdentifierStatus::valid);
  EXPECT_TRUE(trailing.components[1].has_issue("empty"));
  EXPECT_EQ(trailing.canonical, "");

  auto located = parse_stacked_identifier("MON-89Ø34-3 × DAS-Ø15Ø7-1.");
  ASSERT_EQ(located.components.size(), 2u);
  ASSERT_EQ(located.components[1].issues.size(), 1u);
  EXPECT_EQ(located.components[1].issues[0].position, 29u);  // byte offset in the whole input

  EXPECT_EQ(parse_stacked_identifier("").components.size(), 1u);
  EXPECT_EQ(parse_stacked_identifier("×").components.size(), 2u);
  EXPECT_EQ(parse_stacked_identifier("\xFF").status, IdentifierStatus::invalid);
}

TEST(UniqueIdentifier, StacksUseThePrefixHint) {
  auto stack = parse_stacked_identifier("DP3054231xMON008106", kPrefixes);
  EXPECT_EQ(stack.status, IdentifierStatus::valid);
  EXPECT_EQ(stack.canonical, "DP-3Ø5423-1 × MON-ØØ81Ø-6");
  auto unhinted = parse_stacked_identifier("DP3054231xMON008106");
  EXPECT_EQ(unhinted.status, IdentifierStatus::valid_with_warnings);
  EXPECT_EQ(unhinted.canonical, "DP3-Ø5423-1 × MON-ØØ81Ø-6");
}

// ---- Formatting and search ------------------------------------------------------------------

TEST(UniqueIdentifier, FormatAndSearchForm) {
  EXPECT_EQ(format(UniqueIdentifier{"MON", "ØØ81Ø", 6}), "MON-ØØ81Ø-6");
  EXPECT_EQ(format(UniqueIdentifier{"ØØØ", "ØØØØØ", 0}), "ØØØ-ØØØØØ-Ø");
  EXPECT_EQ(format(UniqueIdentifier{"KM", "ØØØH71", 4}), "KM-ØØØH71-4");
  EXPECT_EQ(format(UniqueIdentifier{"MON", "ØØ81Ø", 12}), "MON-ØØ81Ø-?");
  EXPECT_EQ(search_form(UniqueIdentifier{"MON", "ØØ81Ø", 6}), "MONØØ81Ø6");
}

TEST(UniqueIdentifier, FragmentsNormaliseForSearch) {
  EXPECT_EQ(normalize_identifier_fragment("ØØ81Ø"), "ØØ81Ø");
  EXPECT_EQ(normalize_identifier_fragment("00810"), "ØØ81Ø");
  EXPECT_EQ(normalize_identifier_fragment("øø81ø"), "ØØ81Ø");
  EXPECT_EQ(normalize_identifier_fragment(" 0 08-10\t"), "ØØ81Ø");
  EXPECT_EQ(normalize_identifier_fragment("mon-"), "MON");
  EXPECT_EQ(normalize_identifier_fragment("81o"), "81O");  // letters stay letters
  EXPECT_EQ(normalize_identifier_fragment(""), "");
  EXPECT_EQ(normalize_identifier_fragment(" - "), "");
  EXPECT_EQ(normalize_identifier_fragment("81\xD0\x9E"), std::nullopt);  // Cyrillic O
  EXPECT_EQ(normalize_identifier_fragment("\xFF"), std::nullopt);
  EXPECT_EQ(normalize_identifier_fragment("MON×DAS"), std::nullopt);
  EXPECT_EQ(normalize_identifier_fragment("MON%"), std::nullopt);

  const std::string key = search_form(*parse("MON-ØØ81Ø-6").identifier());
  for (std::string_view fragment : {"00810", "n008", "MON-ØØ8", "mon0081", "81ø-6", "0-6"}) {
    auto normal = normalize_identifier_fragment(fragment);
    ASSERT_TRUE(normal) << fragment;
    EXPECT_NE(key.find(*normal), std::string::npos) << fragment;
  }
  EXPECT_EQ(key.find(*normalize_identifier_fragment("81o")), std::string::npos);
}

// ---- Properties over generated identifiers --------------------------------------------------

namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
constexpr std::string_view kLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::string_view kDigits = "0123456789";

struct Generated {
  std::string body;  // 8 characters, '0' for zero
  std::size_t split = 3;
};

// Deterministic: std::mt19937's output sequence is fixed by the standard (distributions are not,
// so none are used).
std::vector<Generated> generate(std::size_t count) {
  std::mt19937 random(20240517u);
  std::vector<Generated> out;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view pool = i % 4 == 0 ? kLetters : i % 4 == 1 ? kDigits : kAlphabet;
    Generated g;
    g.split = i % 2 == 0 ? 3 : 2;
    for (int k = 0; k < 8; ++k) g.body += pool[random() % pool.size()];
    out.push_back(g);
  }
  // corner shapes: all zeros, one non-zero character, all Z, all 9
  out.push_back({"00000000", 3});
  out.push_back({"00000009", 2});
  out.push_back({"A0000000", 3});
  out.push_back({"ZZZZZZZZ", 2});
  out.push_back({"99999999", 3});
  return out;
}

UniqueIdentifier to_identifier(const Generated& g, int check) {
  return UniqueIdentifier{with_zero_as(g.body.substr(0, g.split), kZero),
                          with_zero_as(g.body.substr(g.split), kZero), check};
}

}  // namespace

TEST(UniqueIdentifierProperty, FormatAndParseAreInverse) {
  for (const Generated& g : generate(4000)) {
    const int check = reference_check_digit(g.body);
    const UniqueIdentifier id = to_identifier(g, check);
    const std::string text = canonical_text(g.body, g.split, check);
    ASSERT_EQ(format(id), text);

    auto result = parse(text);
    ASSERT_EQ(result.status, IdentifierStatus::valid) << text;
    EXPECT_EQ(result.identifier(), id) << text;  // parse(format(x)) == x
    EXPECT_EQ(result.canonical, text);           // format(parse(s)) == s
    EXPECT_EQ(format(*result.identifier()), text);
    EXPECT_EQ(compute_check_digit(id.developer + id.event), check);

    // other spellings give the same identifier
    std::string loose = lower_ascii(with_zero_as(g.body.substr(0, g.split), "0")) + " " +
                        with_zero_as(g.body.substr(g.split), kSmallZero) + "\xE2\x80\x93" +
                        std::to_string(check);
    EXPECT_EQ(parse(loose).identifier(), id) << loose;
    EXPECT_EQ(parse(with_zero_as(g.body, "0") + std::to_string(check),
                    {with_zero_as(g.body.substr(0, g.split), "0")})
                  .identifier(),
              id);

    // with a wrong check digit the identifier still round-trips, with a warning
    const int wrong = (check + 1 + static_cast<int>(g.body[0]) % 9) % 10;
    const UniqueIdentifier misprint = to_identifier(g, wrong);
    auto warned = parse(format(misprint));
    EXPECT_EQ(warned.status, IdentifierStatus::valid_with_warnings);
    EXPECT_EQ(warned.identifier(), misprint);
    EXPECT_EQ(warned.expected_check_digit, check);
  }
}

TEST(UniqueIdentifierProperty, ExactlyTheSubstitutionsThatChangeTheDigitalRootAreFlagged) {
  // Each of the 36 characters shares its value mod 9 with exactly 3 others (e.g. 1, A, J, S), so
  // 3 of the 35 substitutions at each position keep the sum mod 9 and are not detected: 24 of
  // 280 per identifier, unless a substitution makes the sum 0 (digital root 0 vs 9).
  std::size_t total = 0;
  std::size_t undetected_total = 0;
  for (const Generated& g : generate(600)) {
    const int check = reference_check_digit(g.body);
    std::size_t undetected = 0;
    for (std::size_t position = 0; position < 8; ++position) {
      for (char replacement : kAlphabet) {
        if (replacement == g.body[position]) continue;
        std::string body = g.body;
        body[position] = replacement;
        const int changed = reference_check_digit(body);
        auto result = parse(canonical_text(body, g.split, check));
        ++total;
        if (changed == check) {
          ++undetected;
          EXPECT_EQ(result.status, IdentifierStatus::valid) << body;
        } else {
          EXPECT_EQ(codes(result), std::vector<std::string>{"check_digit_mismatch"}) << body;
          EXPECT_EQ(result.expected_check_digit, changed) << body;
        }
      }
    }
    const auto nonzero =
        std::count_if(g.body.begin(), g.body.end(), [](char c) { return c != '0'; });
    if (nonzero >= 2) {
      EXPECT_EQ(undetected, 24u) << g.body;
    }
    undetected_total += undetected;
  }
  EXPECT_EQ(total, 605u * 280u);
  // The corner shapes, by hand:
  //   "00000000" (root 0): any substitution makes the sum positive -> all 280 detected.
  //   "00000009" (root 9): 0->9/I/R at 7 positions (21) and 9->I/R (2; 9->0 gives root 0) = 23.
  //   "A0000000" (root 1): A->1/J/S (3) and 0->9/I/R at 7 positions (21) = 24.
  //   "ZZZZZZZZ", "99999999": 24 each.
  EXPECT_EQ(undetected_total, 600u * 24u + 0u + 23u + 24u + 24u + 24u);
}

TEST(UniqueIdentifierProperty, TranspositionsAreNeverDetected) {
  // A sum does not depend on order: swapping two body characters never changes the check digit.
  for (const Generated& g : generate(200)) {
    const int check = reference_check_digit(g.body);
    for (std::size_t i = 0; i + 1 < 8; ++i) {
      std::string body = g.body;
      std::swap(body[i], body[i + 1]);
      EXPECT_EQ(parse(canonical_text(body, g.split, check)).status, IdentifierStatus::valid)
          << body;
    }
  }
}
