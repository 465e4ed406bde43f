#include "domain/declaration_screener.hpp"

#include <algorithm>
#include <array>
#include <deque>

namespace lmo::domain {

namespace {

constexpr std::uint32_t kSymbols = 37;  // a–z (0..25), 0–9 (26..35), separator (36)
constexpr std::uint8_t kSpace = 36;     // anything that is neither letter nor digit
constexpr std::size_t kMaxStates = (std::size_t{1} << 31) / kSymbols - 1;

constexpr std::uint8_t symbol_of(char c) {
  if (c >= 'a' && c <= 'z') return static_cast<std::uint8_t>(c - 'a');
  if (c >= 'A' && c <= 'Z') return static_cast<std::uint8_t>(c - 'A');
  if (c >= '0' && c <= '9') return static_cast<std::uint8_t>(26 + (c - '0'));
  return kSpace;
}

constexpr char char_of(std::uint8_t symbol) {
  return symbol < 26 ? static_cast<char>('a' + symbol) : symbol < 36 ? static_cast<char>('0' + symbol - 26) : ' ';
}

// Symbol of every single byte: ASCII letters and digits; everything else separates.
constexpr std::array<std::uint8_t, 256> kByteSymbol = [] {
  std::array<std::uint8_t, 256> table{};
  for (int b = 0; b < 256; ++b) table[b] = b < 0x80 ? symbol_of(static_cast<char>(b)) : kSpace;
  return table;
}();

// Symbol of U+0080..U+07FF: Latin-1 letters to their base letter, Ø/ø to 0, Œ/œ to o.
std::uint8_t two_byte_symbol(unsigned char lead, unsigned char trail) {
  unsigned code = ((lead & 0x1Fu) << 6) | (trail & 0x3Fu);
  static constexpr const char* latin1 =  // U+00C0 .. U+00FF; '*' = not a letter (× ÷)
      "aaaaaaaceeeeiiiidnooooo*0uuuuyts"
      "aaaaaaaceeeeiiiidnooooo*0uuuuyty";
  if (code >= 0xC0 && code <= 0xFF) return symbol_of(latin1[code - 0xC0]);
  if (code == 0x152 || code == 0x153) return symbol_of('o');
  return kSpace;
}

// Calls emit(symbol) for each character of `text`: a letter/digit symbol or kSpace. Only
// two-byte UTF-8 sequences can be letters; every other byte of 0x80 and above (lead or
// continuation of a longer character, or invalid) is a separator of its own, which gives the
// same folded text as decoding longer characters whole, since they all separate.
// Reads the symbols of a text one at a time, as decode() emits them.
class SymbolReader {
 public:
  explicit SymbolReader(std::string_view text)
      : p_(reinterpret_cast<const unsigned char*>(text.data())), end_(p_ + text.size()) {}
  bool done() const { return p_ == end_; }
  std::uint8_t next() {  // only when !done()
    unsigned char b = *p_++;
    if (b >= 0xC2 && b <= 0xDF && p_ != end_ && (*p_ & 0xC0) == 0x80) [[unlikely]] return two_byte_symbol(b, *p_++);
    return kByteSymbol[b];
  }

 private:
  const unsigned char* p_;
  const unsigned char* end_;
};

template <typename Emit>
inline void decode(std::string_view text, Emit&& emit) {
  for (SymbolReader reader(text); !reader.done();) emit(reader.next());
}

// Remembers which patterns were found, in order, each once: linear search while few were found,
// then a bitmap.
class FoundSet {
 public:
  explicit FoundSet(std::size_t universe) : universe_(universe) {}
  void add(std::uint32_t id) {
    if (bits_.empty()) {
      if (std::find(found_.begin(), found_.end(), id) != found_.end()) return;
      if (found_.size() >= 32) {
        bits_.assign((universe_ + 63) / 64, 0);
        for (auto f : found_) bits_[f / 64] |= std::uint64_t{1} << (f % 64);
      }
    } else if (bits_[id / 64] & (std::uint64_t{1} << (id % 64))) {
      return;
    }
    if (!bits_.empty()) bits_[id / 64] |= std::uint64_t{1} << (id % 64);
    found_.push_back(id);
  }
  std::vector<std::size_t> take() { return {found_.begin(), found_.end()}; }

 private:
  std::size_t universe_;
  std::vector<std::uint32_t> found_;
  std::vector<std::uint64_t> bits_;
};

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::size_t alnum_count(const std::string& folded) {
  return static_cast<std::size_t>(std::count_if(folded.begin(), folded.end(), [](char c) { return c != ' '; }));
}

std::vector<std::string> identifier_patterns(const ScreeningPatterns& patterns) {
  std::vector<std::string> out;
  for (const auto& [pattern, key] : patterns.identifiers) out.push_back(pattern);
  return out;
}

// Names first, then GM terms; names with fewer than 4 letters/digits become "" (never match).
std::vector<std::string> word_patterns(const ScreeningPatterns& patterns) {
  std::vector<std::string> out;
  for (const auto& [name, key] : patterns.names) out.push_back(alnum_count(fold_words(name)) >= 4 ? name : std::string());
  for (const auto& term : patterns.gm_terms) out.push_back(term);
  return out;
}

std::string digits_of(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

// The first digits of an HS code (at most 12: prefixes have at most 6), without allocating.
struct HsDigits {
  char digits[12];
  std::size_t size = 0;
  explicit HsDigits(std::string_view text) {
    for (char c : text) {
      if (c >= '0' && c <= '9' && size < sizeof digits) digits[size++] = c;
    }
  }
  std::string_view view() const { return {digits, size}; }
};

// A two-letter country code as a number (0 when the text is not two letters after trimming).
std::uint16_t country_number(std::string_view text) {
  char letters[2];
  std::size_t n = 0;
  for (char c : text) {
    if (c == ' ' || c == '\t') continue;
    if (n == 2) return 0;
    letters[n++] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  if (n != 2) return 0;
  return static_cast<std::uint16_t>(static_cast<unsigned char>(letters[0]) << 8 | static_cast<unsigned char>(letters[1]));
}

std::string country_of(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '\t') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

}  // namespace

std::string fold_compact(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  decode(text, [&](std::uint8_t symbol) {
    if (symbol != kSpace) out += char_of(symbol);
  });
  return out;
}

std::string fold_words(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = true;
  decode(text, [&](std::uint8_t symbol) {
    if (symbol == kSpace) {
      if (!space) out += ' ';
      space = true;
    } else {
      out += char_of(symbol);
      space = false;
    }
  });
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

PatternAutomaton::PatternAutomaton(Mode mode, const std::vector<std::string>& patterns)
    : mode_(mode), pattern_count_(patterns.size()) {
  // 1. The trie (goto function), -1 for no edge; state 0 is the root.
  std::vector<std::int32_t> go(kSymbols, -1);
  std::vector<std::vector<std::uint32_t>> ends(1);
  std::vector<bool> by_space(1, false);  // the state's last symbol is a space
  std::size_t states = 1;
  for (std::size_t id = 0; id < patterns.size(); ++id) {
    std::string folded = mode == Mode::compact ? fold_compact(patterns[id]) : fold_words(patterns[id]);
    if (folded.empty()) continue;
    if (mode == Mode::words) folded = " " + folded + " ";
    if (states + folded.size() > kMaxStates) continue;  // beyond the documented limit: never matches
    std::size_t state = 0;
    for (char c : folded) {
      std::uint8_t symbol = c == ' ' ? kSpace : symbol_of(c);
      std::int32_t& next = go[state * kSymbols + symbol];
      if (next < 0) {
        next = static_cast<std::int32_t>(states++);
        go.resize(states * kSymbols, -1);
        ends.emplace_back();
        by_space.push_back(symbol == kSpace);
      }
      state = static_cast<std::size_t>(go[state * kSymbols + symbol]);
    }
    ends[state].push_back(static_cast<std::uint32_t>(id));
  }

  // 2. Failure links in breadth-first order, turning the trie into a complete DFA, and
  //    dictionary links (the nearest suffix state where a pattern ends).
  std::vector<std::uint32_t> fail(states, 0);
  dict_link_.assign(states, -1);
  std::deque<std::uint32_t> queue;
  for (std::uint32_t symbol = 0; symbol < kSymbols; ++symbol) {
    std::int32_t& next = go[symbol];
    if (next < 0) {
      next = 0;
    } else {
      queue.push_back(static_cast<std::uint32_t>(next));
    }
  }
  while (!queue.empty()) {
    std::uint32_t state = queue.front();
    queue.pop_front();
    for (std::uint32_t symbol = 0; symbol < kSymbols; ++symbol) {
      std::int32_t& next = go[state * kSymbols + symbol];
      std::int32_t via_fail = go[fail[state] * kSymbols + symbol];
      if (next < 0) {
        next = via_fail;
        continue;
      }
      auto child = static_cast<std::uint32_t>(next);
      fail[child] = static_cast<std::uint32_t>(via_fail);
      dict_link_[child] = !ends[fail[child]].empty() ? static_cast<std::int32_t>(fail[child]) : dict_link_[fail[child]];
      queue.push_back(child);
    }
  }

  // 3. Separators need no branch in the scan: in compact form they are dropped (every state
  //    loops on them), in word form a run of them is one space (a state reached by a space
  //    loops on further spaces; patterns hold no double space). Loops report nothing new.
  const std::vector<bool> loops = mode == Mode::compact ? std::vector<bool>(states, true) : by_space;

  // 4. Flat outputs and the pre-multiplied transition table with the "reports" flag.
  out_begin_.assign(states + 1, 0);
  for (std::size_t s = 0; s < states; ++s) {
    out_begin_[s] = static_cast<std::uint32_t>(out_.size());
    out_.insert(out_.end(), ends[s].begin(), ends[s].end());
  }
  out_begin_[states] = static_cast<std::uint32_t>(out_.size());
  delta_.resize(states * kSymbols);
  for (std::size_t i = 0; i < delta_.size(); ++i) {
    auto next = static_cast<std::uint32_t>(go[i]);
    bool reports = !ends[next].empty() || dict_link_[next] >= 0;
    delta_[i] = ((next * kSymbols) << 1) | (reports ? 1u : 0u);
  }
  for (std::uint32_t s = 0; s < states; ++s) {
    if (loops[s]) delta_[s * kSymbols + kSpace] = (s * kSymbols) << 1;
  }
  // The word scan starts after a virtual leading space.
  start_ = mode == Mode::words ? delta_[kSpace] >> 1 : 0;
}

// What one automaton found in one text so far. The scanning loops keep each current state in
// a local variable (a register), not in this object: a state stored to memory and loaded again
// at every byte would lengthen the chain of dependent steps.
class PatternAutomaton::Scan {
 public:
  explicit Scan(const PatternAutomaton& automaton) : automaton_(automaton), found_(automaton.pattern_count_) {}

  const std::uint32_t* delta() const { return automaton_.delta_.data(); }
  std::uint32_t start() const { return automaton_.start_; }

  // One step from `offset` (state * kSymbols) on `symbol`, noting the patterns that end there.
  void step(std::uint32_t& offset, const std::uint32_t* delta, std::uint8_t symbol) {
    std::uint32_t v = delta[offset + symbol];
    offset = v >> 1;
    if (v & 1u) [[unlikely]] report(offset);
  }

  // Ends the text (with the virtual trailing space of word mode) and returns the patterns found.
  std::vector<std::size_t> finish(std::uint32_t offset) {
    if (std::uint32_t v = automaton_.delta_[offset + kSpace]; automaton_.mode_ == Mode::words && (v & 1u)) report(v >> 1);
    return found_.take();
  }

 private:
  void report(std::uint32_t offset) {
    const auto& a = automaton_;
    for (auto s = static_cast<std::int32_t>(offset / kSymbols); s >= 0; s = a.dict_link_[static_cast<std::size_t>(s)]) {
      auto state = static_cast<std::size_t>(s);
      for (std::uint32_t k = a.out_begin_[state]; k < a.out_begin_[state + 1]; ++k) found_.add(a.out_[k]);
    }
  }

  const PatternAutomaton& automaton_;
  FoundSet found_;
};

std::vector<std::size_t> PatternAutomaton::find_all(std::string_view text) const {
  Scan scan(*this);
  const std::uint32_t* delta = scan.delta();
  std::uint32_t offset = scan.start();
  decode(text, [&](std::uint8_t symbol) { scan.step(offset, delta, symbol); });
  return scan.finish(offset);
}

void PatternAutomaton::find_all(const PatternAutomaton& first, const PatternAutomaton& second, std::string_view text,
                                Matches& found) {
  Scan scan1(first), scan2(second);
  const std::uint32_t *delta1 = scan1.delta(), *delta2 = scan2.delta();
  std::uint32_t offset1 = scan1.start(), offset2 = scan2.start();
  decode(text, [&](std::uint8_t symbol) {
    scan1.step(offset1, delta1, symbol);
    scan2.step(offset2, delta2, symbol);
  });
  found.first = scan1.finish(offset1);
  found.second = scan2.finish(offset2);
}

void PatternAutomaton::find_all(const PatternAutomaton& first, const PatternAutomaton& second, std::string_view text_a,
                                std::string_view text_b, Matches& found_a, Matches& found_b) {
  Scan a1(first), a2(second), b1(first), b2(second);
  const std::uint32_t *delta1 = a1.delta(), *delta2 = a2.delta();
  std::uint32_t oa1 = a1.start(), oa2 = a2.start(), ob1 = b1.start(), ob2 = b2.start();
  SymbolReader reader_a(text_a), reader_b(text_b);
  while (!reader_a.done() && !reader_b.done()) {
    std::uint8_t x = reader_a.next();
    std::uint8_t y = reader_b.next();
    a1.step(oa1, delta1, x);
    b1.step(ob1, delta1, y);
    a2.step(oa2, delta2, x);
    b2.step(ob2, delta2, y);
  }
  while (!reader_a.done()) {
    std::uint8_t x = reader_a.next();
    a1.step(oa1, delta1, x);
    a2.step(oa2, delta2, x);
  }
  while (!reader_b.done()) {
    std::uint8_t y = reader_b.next();
    b1.step(ob1, delta1, y);
    b2.step(ob2, delta2, y);
  }
  found_a = {a1.finish(oa1), a2.finish(oa2)};
  found_b = {b1.finish(ob1), b2.finish(ob2)};
}

std::string_view level_name(ScreeningVerdict::Level level) {
  switch (level) {
    case ScreeningVerdict::Level::lmo_relevant: return "lmo_relevant";
    case ScreeningVerdict::Level::possible: return "possible";
    case ScreeningVerdict::Level::not_relevant: return "not_relevant";
  }
  return "not_relevant";
}

DeclarationScreener::DeclarationScreener(const ScreeningPatterns& patterns)
    : identifiers_(PatternAutomaton::Mode::compact, identifier_patterns(patterns)),
      words_(PatternAutomaton::Mode::words, word_patterns(patterns)) {
  for (const auto& [pattern, key] : patterns.identifiers) {
    identifier_hits_.push_back({Hit::Kind::identifier, "identifier:" + pattern, key});
  }
  for (const auto& [name, key] : patterns.names) {
    word_hits_.push_back({Hit::Kind::name, "name:" + name + "\u2192" + key, key});
  }
  for (const auto& term : patterns.gm_terms) word_hits_.push_back({Hit::Kind::gm_term, "gm_term:" + term, {}});

  for (const auto& [prefix, crop] : patterns.hs_crops) {
    std::string digits = digits_of(prefix);
    bool only_digits = std::all_of(prefix.begin(), prefix.end(), [](char c) {
      return (c >= '0' && c <= '9') || c == '.' || c == ' ';
    });
    if (only_digits && digits.size() >= 4 && digits.size() <= 10) {
      std::string reason = "hs_crop:" + digits + "\u2192" + crop;
      hs_crops_.push_back({std::move(digits), crop, std::move(reason), {}});
    }
  }
  std::stable_sort(hs_crops_.begin(), hs_crops_.end(),
                   [](const auto& a, const auto& b) { return a.prefix.size() > b.prefix.size(); });
  for (std::size_t i = 0; i < hs_crops_.size(); ++i) {
    headings_.emplace_back(static_cast<std::uint32_t>(std::stoul(hs_crops_[i].prefix.substr(0, 4))), i);
  }
  // By heading; within a heading, longest prefix first (the stable sort keeps that order).
  std::stable_sort(headings_.begin(), headings_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& crop : hs_crops_) {
    for (const auto& [country, grown] : patterns.gm_origins) {
      if (grown == crop.crop && country_number(country) != 0) crop.gm_countries.push_back(country_number(country));
    }
    std::sort(crop.gm_countries.begin(), crop.gm_countries.end());
    crop.gm_countries.erase(std::unique(crop.gm_countries.begin(), crop.gm_countries.end()), crop.gm_countries.end());
  }
}

ScreeningVerdict DeclarationScreener::screen(const DeclarationLine& line) const {
  PatternAutomaton::Matches found;
  PatternAutomaton::find_all(identifiers_, words_, line.description, found);
  return verdict_of(line, found);
}

std::pair<ScreeningVerdict, ScreeningVerdict> DeclarationScreener::screen(const DeclarationLine& a,
                                                                          const DeclarationLine& b) const {
  PatternAutomaton::Matches found_a, found_b;
  PatternAutomaton::find_all(identifiers_, words_, a.description, b.description, found_a, found_b);
  return {verdict_of(a, found_a), verdict_of(b, found_b)};
}

ScreeningVerdict DeclarationScreener::verdict_of(const DeclarationLine& line, const PatternAutomaton::Matches& found) const {
  ScreeningVerdict verdict;
  if (!found.first.empty() || !found.second.empty()) {
    std::vector<const Hit*> hits;
    for (std::size_t id : found.first) hits.push_back(&identifier_hits_[id]);
    for (std::size_t id : found.second) hits.push_back(&word_hits_[id]);
    // Identifiers, then names, then GM terms; each kind in the order found.
    std::stable_sort(hits.begin(), hits.end(), [](const Hit* x, const Hit* y) { return x->kind < y->kind; });
    for (const Hit* hit : hits) {
      if (!has(verdict.reasons, hit->reason)) verdict.reasons.push_back(hit->reason);
      if (!hit->key.empty() && !has(verdict.registry_keys, hit->key)) verdict.registry_keys.push_back(hit->key);
    }
    verdict.level = ScreeningVerdict::Level::lmo_relevant;
  }

  HsDigits digits(line.hs_code);
  std::string_view hs = digits.view();
  if (hs.size() < 4) return verdict;
  // Most lines are other goods: one binary search on the 4-digit heading settles them.
  auto heading = static_cast<std::uint32_t>((hs[0] - '0') * 1000 + (hs[1] - '0') * 100 + (hs[2] - '0') * 10 + (hs[3] - '0'));
  auto [begin, end] = std::equal_range(headings_.begin(), headings_.end(), std::make_pair(heading, std::size_t{0}),
                                       [](const auto& a, const auto& b) { return a.first < b.first; });
  if (begin == end) return verdict;
  std::uint16_t origin = country_number(line.origin_country);
  std::vector<std::string> origin_reasons;
  bool crop_found = false;
  for (auto it = begin; it != end; ++it) {
    const HsCrop& crop = hs_crops_[it->second];
    if (!hs.starts_with(crop.prefix)) continue;
    crop_found = true;
    if (!has(verdict.reasons, crop.reason)) verdict.reasons.push_back(crop.reason);
    if (origin != 0 && std::binary_search(crop.gm_countries.begin(), crop.gm_countries.end(), origin)) {
      std::string strengthened = "gm_origin:" + country_of(line.origin_country) + "/" + crop.crop;
      if (!has(origin_reasons, strengthened)) origin_reasons.push_back(std::move(strengthened));
    }
  }
  for (auto& reason : origin_reasons) verdict.reasons.push_back(std::move(reason));
  if (crop_found && verdict.level == ScreeningVerdict::Level::not_relevant) {
    verdict.level = ScreeningVerdict::Level::possible;
  }
  return verdict;
}

}  // namespace lmo::domain
