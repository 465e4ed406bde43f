#include "domain/unique_identifier.hpp"

#include <algorithm>
#include <cstdint>

namespace lmo::domain {

namespace {

constexpr std::size_t kBodyLength = 8;
constexpr std::size_t kIdentifierLength = kBodyLength + 1;  // body and check digit
constexpr std::size_t kMaxBadCharacterIssues = 8;
constexpr std::string_view kCanonicalZero = "\xC3\x98";  // Ø U+00D8
constexpr std::string_view kStackJoiner = " \xC3\x97 ";  // " × "

// One decoded character of the input.
enum class Kind { alnum, separator, stack_joiner, bad };

struct Item {
  Kind kind = Kind::bad;
  char ascii = 0;           // alnum: 'A'-'Z' or '0'-'9' (Ø and ø read as '0')
  char32_t code_point = 0;  // U+FFFD for a byte that is not UTF-8
  bool valid_utf8 = true;
  std::size_t offset = 0;  // byte offset in the input
};

struct Decoded {
  char32_t code_point;
  std::size_t length;
  bool valid;
};

// Decodes one UTF-8 sequence at s[i] (i < s.size()); rejects overlong forms, surrogates and values
// above U+10FFFF, consuming one byte in that case.
Decoded decode_at(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
  const std::uint8_t b0 = byte(i);
  if (b0 < 0x80) return {b0, 1, true};
  // Lead byte: sequence length, payload bits, smallest value that needs this length.
  std::size_t length = 4;
  char32_t code_point = b0 & 0x07;
  char32_t minimum = 0x10000;
  if ((b0 & 0xE0) == 0xC0) {
    length = 2;
    code_point = b0 & 0x1F;
    minimum = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3;
    code_point = b0 & 0x0F;
    minimum = 0x800;
  } else if ((b0 & 0xF8) != 0xF0) {
    return {0xFFFD, 1, false};  // a continuation byte or 0xF8..0xFF
  }
  if (length > s.size() - i) return {0xFFFD, 1, false};
  for (std::size_t k = 1; k < length; ++k) {
    const std::uint8_t b = byte(i + k);
    if ((b & 0xC0) != 0x80) return {0xFFFD, 1, false};
    code_point = (code_point << 6) | (b & 0x3F);
  }
  if (code_point < minimum || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return {0xFFFD, 1, false};
  }
  return {code_point, length, true};
}

Item classify(Decoded d, std::size_t offset) {
  Item item;
  item.code_point = d.code_point;
  item.valid_utf8 = d.valid;
  item.offset = offset;
  if (!d.valid) return item;
  const char32_t c = d.code_point;
  if (c >= 'a' && c <= 'z') {
    item.kind = Kind::alnum;
    item.ascii = static_cast<char>(c - 'a' + 'A');
  } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
    item.kind = Kind::alnum;
    item.ascii = static_cast<char>(c);
  } else if (c == 0xD8 || c == 0xF8) {  // Ø ø
    item.kind = Kind::alnum;
    item.ascii = '0';
  } else if (c == '-' || c == ' ' || c == '\t' || c == 0xA0 || c == 0x2013) {
    item.kind = Kind::separator;
  } else if (c == 0xD7) {  // ×
    item.kind = Kind::stack_joiner;
  }
  return item;
}

std::vector<Item> decode(std::string_view text) {
  std::vector<Item> items;
  items.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode_at(text, i);
    items.push_back(classify(d, i));
    i += d.length;
  }
  return items;
}

int value_of(char ascii) { return ascii >= 'A' ? ascii - 'A' + 1 : ascii - '0'; }

// Digital root of the sum of the values of 8 internal ('0'-based) characters.
int check_digit_of(std::string_view body) {
  int sum = 0;
  for (char c : body) sum += value_of(c);
  return sum == 0 ? 0 : 1 + (sum - 1) % 9;
}

// Internal ASCII ('0' for zero) to canonical characters (Ø for zero).
std::string canonical_chars(std::string_view ascii) {
  std::string out;
  out.reserve(ascii.size() * 2);
  for (char c : ascii) {
    if (c == '0') {
      out += kCanonicalZero;
    } else {
      out += c;
    }
  }
  return out;
}

std::string digit_text(int digit) {
  if (digit == 0) return std::string(kCanonicalZero);
  if (digit >= 1 && digit <= 9) return std::string(1, static_cast<char>('0' + digit));
  return "?";
}

// Identifier characters without separators, in internal ASCII; nullopt on any other character.
std::optional<std::string> to_internal(std::string_view text) {
  std::string out;
  for (const Item& item : decode(text)) {
    if (item.kind == Kind::alnum) {
      out += item.ascii;
    } else if (item.kind != Kind::separator) {
      return std::nullopt;
    }
  }
  return out;
}

std::string hex(std::uint32_t value, int digits) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i, value >>= 4)
    out[static_cast<std::size_t>(i)] = kHex[value & 0xF];
  return out;
}

std::string utf8_of(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

IdentifierIssue error(std::string code, std::string message) {
  return IdentifierIssue{std::move(code), IssueSeverity::error, std::move(message), {}, {}, {}};
}

IdentifierIssue warning(std::string code, std::string message) {
  return IdentifierIssue{std::move(code), IssueSeverity::warning, std::move(message), {}, {}, {}};
}

IdentifierIssue bad_character(const Item& item, std::string_view text) {
  std::string message;
  if (item.valid_utf8) {
    message = "unexpected character U+" + hex(item.code_point, item.code_point > 0xFFFF ? 6 : 4);
  } else {
    message = "byte 0x" + hex(static_cast<std::uint8_t>(text[item.offset]), 2) + " is not UTF-8";
  }
  message += " at byte " + std::to_string(item.offset);
  if (item.kind == Kind::stack_joiner) message += " (a stack joiner: read it as a stack)";
  IdentifierIssue issue = error("bad_character", std::move(message));
  issue.position = item.offset;
  issue.character = utf8_of(item.code_point);
  return issue;
}

IdentifierStatus status_of(const std::vector<IdentifierIssue>& issues) {
  IdentifierStatus status = IdentifierStatus::valid;
  for (const IdentifierIssue& issue : issues) {
    if (issue.severity == IssueSeverity::error) return IdentifierStatus::invalid;
    status = IdentifierStatus::valid_with_warnings;
  }
  return status;
}

// Known prefixes in internal ASCII, only those of 2 or 3 identifier characters.
std::vector<std::string> normalise_prefixes(const std::vector<std::string>& prefixes) {
  std::vector<std::string> out;
  for (const std::string& prefix : prefixes) {
    auto internal = to_internal(prefix);
    if (internal && (internal->size() == 2 || internal->size() == 3)) out.push_back(*internal);
  }
  return out;
}

// Length of the developer code: from the separators, else from the prefixes, else 3 (assumed).
std::size_t developer_length(std::string_view body, const std::vector<bool>& separator_before,
                             const std::vector<std::string>& prefixes, bool& assumed) {
  assumed = false;
  const bool after_two = separator_before[2];
  const bool after_three = separator_before[3];
  if (after_two && !after_three) return 2;
  if (after_three && !after_two) return 3;
  const auto listed = [&](std::string_view prefix) {
    return std::find(prefixes.begin(), prefixes.end(), prefix) != prefixes.end();
  };
  const bool two = listed(body.substr(0, 2));
  const bool three = listed(body.substr(0, 3));
  if (two != three) return two ? 2 : 3;
  assumed = true;
  return 3;
}

// Parses items[begin, end) as one identifier.
IdentifierParse parse_items(const std::vector<Item>& items, std::size_t begin, std::size_t end,
                            std::string_view text, const std::vector<std::string>& prefixes) {
  IdentifierParse result;
  while (begin < end && items[begin].kind == Kind::separator) ++begin;
  while (end > begin && items[end - 1].kind == Kind::separator) --end;
  if (begin == end) {
    result.issues.push_back(error("empty", "no identifier given"));
    return result;
  }

  std::string chars;                   // identifier characters, internal ASCII
  std::vector<bool> separator_before;  // separator_before[i]: a separator precedes chars[i]
  std::size_t bad = 0;
  bool pending_separator = false;
  for (std::size_t i = begin; i < end; ++i) {
    const Item& item = items[i];
    if (item.kind == Kind::alnum) {
      chars += item.ascii;
      separator_before.push_back(pending_separator);
      pending_separator = false;
    } else if (item.kind == Kind::separator) {
      pending_separator = true;
    } else {
      if (bad++ < kMaxBadCharacterIssues) result.issues.push_back(bad_character(item, text));
    }
  }
  if (bad > 0) return result;

  const std::size_t n = chars.size();
  const bool check_set_apart = n >= 2 && separator_before[n - 1];
  bool has_check_character = true;
  if (n == kBodyLength && !check_set_apart) {
    has_check_character = false;
  } else if (n != kIdentifierLength) {
    result.issues.push_back(error(
        "wrong_length", check_set_apart ? "expected 8 characters before the check digit, found " +
                                              std::to_string(n - 1)
                                        : "expected 8 characters and a check digit, found " +
                                              std::to_string(n) + " characters"));
    return result;
  }

  const std::string_view body = std::string_view(chars).substr(0, kBodyLength);
  bool assumed = false;
  const std::size_t split = developer_length(body, separator_before, prefixes, assumed);
  result.developer = canonical_chars(body.substr(0, split));
  result.event = canonical_chars(body.substr(split));
  const int expected = check_digit_of(body);
  result.expected_check_digit = expected;

  if (!has_check_character) {
    IdentifierIssue issue =
        error("missing_check_digit",
              "the check digit is missing (the characters give " + std::to_string(expected) + ")");
    issue.expected_check_digit = expected;
    result.issues.push_back(std::move(issue));
  } else if (const char given = chars[kBodyLength]; given < '0' || given > '9') {
    IdentifierIssue issue =
        error("check_digit_not_a_digit", std::string("the check digit '") + given +
                                             "' is not a digit (the characters give " +
                                             std::to_string(expected) + ")");
    issue.expected_check_digit = expected;
    result.issues.push_back(std::move(issue));
  } else {
    result.given_check_digit = given - '0';
    if (*result.given_check_digit != expected) {
      IdentifierIssue issue = warning("check_digit_mismatch",
                                      "check digit " + std::to_string(*result.given_check_digit) +
                                          " does not match the " + std::to_string(expected) +
                                          " the characters give: possible typo");
      issue.expected_check_digit = expected;
      result.issues.push_back(std::move(issue));
    }
  }
  if (assumed) {
    result.issues.push_back(
        warning("split_assumed",
                "no separator shows where the developer code ends: assumed 3 + 5 characters"));
  }

  result.status = status_of(result.issues);
  if (result.status != IdentifierStatus::invalid) {
    result.canonical =
        result.developer + "-" + result.event + "-" + digit_text(*result.given_check_digit);
  }
  return result;
}

// Splits items[begin, end) at x/X letters that stand between complete identifiers. An identifier
// has exactly 9 characters, so the only candidate joiners are the 10th, 20th, ... characters;
// the split is used only when it gives at least two pieces and every piece parses.
bool split_on_letter_x(const std::vector<Item>& items, std::size_t begin, std::size_t end,
                       std::string_view text, const std::vector<std::string>& prefixes,
                       std::vector<IdentifierParse>& out) {
  std::vector<std::size_t> joiners;
  std::size_t count = 0;
  for (std::size_t i = begin; i < end; ++i) {
    if (items[i].kind != Kind::alnum) continue;
    if (count == kIdentifierLength) {
      if (items[i].ascii != 'X') return false;
      joiners.push_back(i);
      count = 0;
    } else {
      ++count;
    }
  }
  if (joiners.empty()) return false;
  std::vector<IdentifierParse> pieces;
  std::size_t start = begin;
  joiners.push_back(end);
  for (std::size_t joiner : joiners) {
    pieces.push_back(parse_items(items, start, joiner, text, prefixes));
    if (pieces.back().status == IdentifierStatus::invalid) return false;
    start = joiner + 1;
  }
  for (IdentifierParse& piece : pieces) out.push_back(std::move(piece));
  return true;
}

}  // namespace

std::optional<UniqueIdentifier> IdentifierParse::identifier() const {
  if (status == IdentifierStatus::invalid || !given_check_digit) return std::nullopt;
  return UniqueIdentifier{developer, event, *given_check_digit};
}

bool IdentifierParse::has_issue(std::string_view code) const {
  return std::any_of(issues.begin(), issues.end(),
                     [&](const IdentifierIssue& issue) { return issue.code == code; });
}

IdentifierParse parse_unique_identifier(std::string_view text,
                                        const std::vector<std::string>& known_developer_prefixes) {
  const std::vector<Item> items = decode(text);
  return parse_items(items, 0, items.size(), text, normalise_prefixes(known_developer_prefixes));
}

StackedIdentifierParse parse_stacked_identifier(
    std::string_view text, const std::vector<std::string>& known_developer_prefixes) {
  const std::vector<Item> items = decode(text);
  const std::vector<std::string> prefixes = normalise_prefixes(known_developer_prefixes);
  StackedIdentifierParse result;
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= items.size(); ++i) {
    if (i < items.size() && items[i].kind != Kind::stack_joiner) continue;
    if (!split_on_letter_x(items, begin, i, text, prefixes, result.components)) {
      result.components.push_back(parse_items(items, begin, i, text, prefixes));
    }
    begin = i + 1;
  }
  result.status = IdentifierStatus::valid;
  for (const IdentifierParse& component : result.components) {
    if (component.status == IdentifierStatus::invalid) {
      result.status = IdentifierStatus::invalid;
    } else if (component.status == IdentifierStatus::valid_with_warnings &&
               result.status == IdentifierStatus::valid) {
      result.status = IdentifierStatus::valid_with_warnings;
    }
  }
  if (result.status != IdentifierStatus::invalid) {
    for (std::size_t i = 0; i < result.components.size(); ++i) {
      if (i > 0) result.canonical += kStackJoiner;
      result.canonical += result.components[i].canonical;
    }
  }
  return result;
}

std::string format(const UniqueIdentifier& id) {
  return id.developer + "-" + id.event + "-" + digit_text(id.check_digit);
}

std::string search_form(const UniqueIdentifier& id) {
  return id.developer + id.event + digit_text(id.check_digit);
}

std::optional<std::string> normalize_identifier_fragment(std::string_view fragment) {
  auto internal = to_internal(fragment);
  if (!internal) return std::nullopt;
  return canonical_chars(*internal);
}

std::optional<int> compute_check_digit(std::string_view body) {
  auto internal = to_internal(body);
  if (!internal || internal->size() != kBodyLength) return std::nullopt;
  return check_digit_of(*internal);
}

}  // namespace lmo::domain
