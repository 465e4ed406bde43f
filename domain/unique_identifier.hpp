// UniqueIdentifier: the OECD unique identifier of an LMO, DDD-EEEEE-C (domain.md §4): a developer
// code and an event code of 2+6 or 3+5 alphanumeric characters, then one check digit. Zero is
// written Ø (U+00D8) in canonical form, e.g. MON-ØØ81Ø-6.
//
// This module owns reading identifiers as documents write them (0/Ø/ø, any letter case, missing or
// extra '-', ' ', tab, U+00A0, U+2013), stacks joined by ×/x/X, the canonical spelling, the
// check digit (digital root of the character values, A=1..Z=26) and the normalisation of partial
// identifiers for search. Letters are never changed into digits (O stays O). Nothing here throws
// for bad input: every byte string, including invalid UTF-8, gives a result with located issues.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lmo::domain {

// A well-formed identifier in canonical characters: upper-case ASCII letters, digits 1-9, Ø for 0.
struct UniqueIdentifier {
  std::string developer;  // 2 or 3 characters
  std::string event;      // 6 or 5 characters (developer + event = 8)
  int check_digit = 0;    // 0..9, as written in the input (it may differ from the computed one)

  friend bool operator==(const UniqueIdentifier&, const UniqueIdentifier&) = default;
};

enum class IdentifierStatus {
  valid,                // well formed, no issues
  valid_with_warnings,  // well formed; only warnings (check_digit_mismatch, split_assumed)
  invalid,              // at least one error; no canonical form
};

enum class IssueSeverity { warning, error };

// One problem found in an input. `code` is a stable machine code:
//   errors:   "empty", "bad_character", "wrong_length", "missing_check_digit",
//             "check_digit_not_a_digit"
//   warnings: "check_digit_mismatch" (possible typo), "split_assumed"
struct IdentifierIssue {
  std::string code;
  IssueSeverity severity = IssueSeverity::error;
  std::string message;                      // short English text, always valid UTF-8
  std::optional<std::size_t> position;      // byte offset in the input (bad_character)
  std::string character;                    // bad_character: the character as UTF-8
                                            // (U+FFFD for a byte that is not UTF-8)
  std::optional<int> expected_check_digit;  // check-digit issues: the digit the body gives
};

// The result of reading one identifier.
struct IdentifierParse {
  IdentifierStatus status = IdentifierStatus::invalid;
  std::string canonical;  // e.g. "MON-ØØ81Ø-6"; empty when invalid
  // Canonical characters; set whenever 8 body characters were found and split, also for some
  // invalid inputs (missing or non-digit check digit), otherwise empty.
  std::string developer;
  std::string event;
  std::optional<int> given_check_digit;     // the digit as written, when it is a digit
  std::optional<int> expected_check_digit;  // computed from developer + event, when known
  std::vector<IdentifierIssue> issues;      // in the order found

  // The identifier when status is not invalid.
  std::optional<UniqueIdentifier> identifier() const;
  bool has_issue(std::string_view code) const;
};

// The result of reading a stack ("MON-89Ø34-3 × DAS-Ø15Ø7-1"); a single identifier is a stack
// of one.
struct StackedIdentifierParse {
  IdentifierStatus status = IdentifierStatus::invalid;  // worst status of the components
  std::vector<IdentifierParse> components;              // at least one, in input order
  std::string canonical;  // canonical components joined by " × "; empty when invalid
};

// Reads one identifier. `known_developer_prefixes` (any spelling, e.g. {"DP","KM","MON"}) decides
// the 2+6 / 3+5 split when the separators do not and exactly one of the 2- and 3-character
// prefixes of the input is listed; otherwise such a split is 3+5 with a "split_assumed" warning.
// A separator after the 2nd body character and none after the 3rd gives 2+6; after the 3rd and
// none after the 2nd gives 3+5. '×' is a bad_character here (see parse_stacked_identifier).
// REQUIRES: nothing (any bytes). Issue positions are byte offsets into `text`.
IdentifierParse parse_unique_identifier(
    std::string_view text, const std::vector<std::string>& known_developer_prefixes = {});

// Reads a stack of identifiers joined by × (always a joiner) or x/X (a joiner only where it stands
// between two complete identifiers that each parse; otherwise it is a letter of the identifier).
// REQUIRES: nothing (any bytes). Component issue positions are byte offsets into `text`.
StackedIdentifierParse parse_stacked_identifier(
    std::string_view text, const std::vector<std::string>& known_developer_prefixes = {});

// The canonical form "DEV-EVENT-C" with Ø for zero (also in the check digit).
// REQUIRES: id holds canonical characters (as returned by a parse); a check digit outside 0..9 is
// written '?'.
std::string format(const UniqueIdentifier& id);

// The identifier without separators ("MONØØ81Ø6"): the text that search matches fragments against.
std::string search_form(const UniqueIdentifier& id);

// Normalises a typed fragment of an identifier for search: letters to upper case, 0/ø/Ø to Ø,
// separators (as for parsing) dropped: "øø81ø", "00810", "0 08-10" all give "ØØ81Ø", which is then
// a substring of search_form(). Returns nullopt when the fragment holds any other character
// (including × and invalid UTF-8); "" for an empty or separator-only fragment.
std::optional<std::string> normalize_identifier_fragment(std::string_view fragment);

// The check digit of the 8 body characters (digital root of the sum of the values; 0 only for an
// all-zero body). Accepts any spelling normalize_identifier_fragment accepts, e.g. "MONØØ81Ø",
// "MON-00810". Returns nullopt unless the text holds exactly 8 identifier characters.
std::optional<int> compute_check_digit(std::string_view body);

}  // namespace lmo::domain
