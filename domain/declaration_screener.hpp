// DeclarationScreener: screens customs declaration lines (HS code, goods description, country of
// origin) at line rate for possible living modified organisms (domain.md §4–§5). The description
// is searched, in one pass per automaton, for registry identifiers (any spelling: 0/Ø/ø, any case,
// missing or extra spaces, hyphens and dashes), registry names and aliases (whole words, accents
// and punctuation folded) and terms that say "genetically modified" (en/es/fr); the HS code is
// matched against the crops traded as LMOs, and the origin against the countries growing GM
// varieties of that crop. All patterns are data (ScreeningPatterns), compiled once into
// Aho–Corasick automata. Pure and thread-safe after construction; nothing throws for bad input:
// any byte string, including invalid UTF-8, is screened.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lmo::domain {

// Compact fold for identifiers: ASCII letters lower-cased, Latin-1 accented letters to their base
// letter, Ø/ø (U+00D8/U+00F8) to '0', digits kept, everything else (spaces, hyphens, en dashes,
// punctuation, other characters, invalid bytes) dropped. "MON-ØØ81Ø-6" → "mon008106".
std::string fold_compact(std::string_view text);

// Word fold for names and terms: as fold_compact for letters and digits (so Ø/ø → '0', unlike
// fold_text, which reads them as the letter o), every run of other bytes becomes one space, no
// leading or trailing space. "Maïs  GÉNÉTIQUEMENT-modifié!" → "mais genetiquement modifie".
// Idempotent: fold_words(fold_words(x)) == fold_words(x).
std::string fold_words(std::string_view text);

// A multi-pattern matcher over folded text: an Aho–Corasick automaton with a dense transition
// table (37 symbols: a–z, 0–9, space), built once. Text is folded on the fly while it is scanned
// (no copy of the text, no allocation per byte).
//   compact: a pattern matches wherever fold_compact(pattern) occurs in fold_compact(text).
//   words:   a pattern matches wherever fold_words(pattern) occurs in fold_words(text) as whole
//            words, i.e. " " + fold_words(pattern) + " " occurs in " " + fold_words(text) + " ".
// Patterns that fold to nothing never match. Memory: about 150 bytes per byte of folded pattern;
// the total folded pattern length must stay below 50 million bytes.
class PatternAutomaton {
 public:
  enum class Mode { compact, words };

  PatternAutomaton(Mode mode, const std::vector<std::string>& patterns);

  // The indices (into the constructor's `patterns`) of the patterns found in `text`, each once,
  // in the order in which their first occurrence ends.
  std::vector<std::size_t> find_all(std::string_view text) const;

  // What two automata found in one text: indices into each one's patterns, as for find_all.
  struct Matches {
    std::vector<std::size_t> first, second;
  };
  // find_all of two automata over the same text in one pass: the two state chains are
  // independent, so this is nearly twice as fast as two calls.
  static void find_all(const PatternAutomaton& first, const PatternAutomaton& second, std::string_view text,
                       Matches& found);
  // The same for two texts at once: four independent state chains keep the processor busy
  // while each waits for its table lookups.
  static void find_all(const PatternAutomaton& first, const PatternAutomaton& second, std::string_view text_a,
                       std::string_view text_b, Matches& found_a, Matches& found_b);

  Mode mode() const { return mode_; }
  std::size_t state_count() const { return out_begin_.empty() ? 0 : out_begin_.size() - 1; }

 private:
  class Scan;
  Mode mode_;
  // delta_[state * kSymbols + symbol] = (next_state * kSymbols) << 1 | (next state reports a match)
  std::vector<std::uint32_t> delta_;
  std::vector<std::uint32_t> out_begin_;  // per state: range in out_ of patterns ending exactly here
  std::vector<std::uint32_t> out_;
  std::vector<std::int32_t> dict_link_;   // per state: nearest proper suffix state with output, or -1
  std::uint32_t start_ = 0;               // pre-multiplied state the scan starts from
  std::size_t pattern_count_ = 0;
};

struct ScreeningPatterns {
  // (pattern, registry key), e.g. ("MON-ØØ81Ø-6", "MON-ØØ81Ø-6"); matched in compact form.
  std::vector<std::pair<std::string, std::string>> identifiers;
  // Event names, aliases and trade names → registry key, e.g. ("MON810", "MON-ØØ81Ø-6"); matched
  // as whole words. Names with fewer than 4 letters or digits ("MS8", "55-1") are ignored.
  std::vector<std::pair<std::string, std::string>> names;
  // Terms that say the goods are GM: "genetically modified", "transgenic", "gmo", "ogm", "ovm",
  // "lmo", "genéticamente modificado", "génétiquement modifié", "roundup ready"... whole words.
  std::vector<std::string> gm_terms;
  // (HS prefix, crop id), e.g. ("1005", "zea-mays"), or a national code ("1005 90 00"); dots and
  // spaces in the prefix are ignored; prefixes that are not 4 to 10 digits are ignored.
  std::vector<std::pair<std::string, std::string>> hs_crops;
  // (country ISO 3166 alpha-2, crop id): countries that grow GM varieties of that crop.
  std::vector<std::pair<std::string, std::string>> gm_origins;
};

struct DeclarationLine {
  std::string_view hs_code;         // "1005.90", "100590", "1005 90 00"... (non-digits ignored)
  std::string_view description;     // free text, any language, any bytes
  std::string_view origin_country;  // ISO alpha-2, any case, surrounding spaces ignored
};

struct ScreeningVerdict {
  enum class Level { lmo_relevant, possible, not_relevant };
  Level level = Level::not_relevant;
  // Machine codes with detail, in this order, each at most once:
  //   "identifier:<pattern>"             an identifier pattern (as given) found in the description
  //   "name:<name>→<key>"                a registry name found
  //   "gm_term:<term>"                   a GM term found
  //   "hs_crop:<prefix>→<crop>"          the HS code starts with a crop's prefix (longest first)
  //   "gm_origin:<ISO2>/<crop>"          ... and the origin grows GM varieties of that crop
  // Within the first three kinds, in the order in which the first occurrence ends in the text.
  std::vector<std::string> reasons;
  std::vector<std::string> registry_keys;  // keys of matched identifiers and names, each once
};

// "lmo_relevant", "possible", "not_relevant".
std::string_view level_name(ScreeningVerdict::Level level);

class DeclarationScreener {
 public:
  explicit DeclarationScreener(const ScreeningPatterns& patterns);

  // lmo_relevant when an identifier or a name matches or a GM term appears; otherwise possible
  // when the HS code falls under a crop traded as LMOs (a gm_origin reason strengthens it, the
  // level stays possible); otherwise not_relevant. Cost: linear in the line's length.
  ScreeningVerdict screen(const DeclarationLine& line) const;
  // Two lines at once (faster than two calls; see PatternAutomaton::find_all); same verdicts.
  std::pair<ScreeningVerdict, ScreeningVerdict> screen(const DeclarationLine& a, const DeclarationLine& b) const;

 private:
  struct Hit {
    enum class Kind { identifier, name, gm_term } kind;
    std::string reason;
    std::string key;  // empty for gm_term
  };
  PatternAutomaton identifiers_;
  PatternAutomaton words_;
  std::vector<Hit> identifier_hits_;  // parallel to the identifier automaton's patterns
  std::vector<Hit> word_hits_;        // parallel to the word automaton's patterns
  struct HsCrop {
    std::string prefix;  // digits
    std::string crop;
    std::string reason;  // "hs_crop:<prefix>→<crop>"
    std::vector<std::uint16_t> gm_countries;  // countries growing GM varieties of the crop, as numbers; sorted
  };
  ScreeningVerdict verdict_of(const DeclarationLine& line, const PatternAutomaton::Matches& found) const;
  std::vector<HsCrop> hs_crops_;  // longest prefix first
  // (4-digit heading as a number, index into hs_crops_), by heading, longest prefix first within one.
  std::vector<std::pair<std::uint32_t, std::size_t>> headings_;
};

}  // namespace lmo::domain
