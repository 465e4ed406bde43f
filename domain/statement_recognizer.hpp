// StatementRecognizer: finds the statements Article 18 asks for ("may contain LMOs", "not
// intended for intentional introduction into the environment", a contact point...) in the
// free text of an accompanying document, in any language for which phrases are given (the
// phrases are data: data/rules/article18.json). Text and phrases are compared folded: case,
// accents, punctuation and runs of white space do not matter. A phrase preceded by a negation
// ("does not", "no", "ne … pas", "sin", "without") does not count. Pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lmo::domain {

struct StatementPhrase {
  std::string statement;  // the rule id it satisfies, e.g. "a.contains_or_may_contain"
  std::string language;   // "en", "es", "fr"
  std::string phrase;     // as written in the data
  std::string kind;       // optional sub-kind, e.g. "contains" or "may_contain"
};

struct RecognisedStatement {
  std::string statement;
  std::string kind;
  std::string language;
  std::string phrase;       // the phrase that matched
  std::size_t position = 0; // byte offset of the match in the folded text
};

// Folds text for comparison: ASCII lower case, Latin accented letters to their base letter
// (é → e, ñ → n, ç → c, ø → o...), other punctuation to spaces, white space collapsed.
std::string fold_text(std::string_view text);

class StatementRecognizer {
 public:
  explicit StatementRecognizer(std::vector<StatementPhrase> phrases);
  // Every statement found in `text` (at most one entry per statement and kind, the first match).
  std::vector<RecognisedStatement> recognise(std::string_view text) const;

 private:
  struct Folded {
    StatementPhrase phrase;
    std::string folded;
  };
  std::vector<Folded> phrases_;
};

}  // namespace lmo::domain
