// Fuzzes the OECD unique identifier reader: any bytes give a result, and whatever reads as an
// identifier (or a stack of them) has a canonical form that reads back to itself.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/unique_identifier.hpp"

#include "tests/fuzz/fuzz_support.hpp"

namespace {

using lmo::fuzz::is_valid_utf8;
using lmo::fuzz::require;

using lmo::domain::IdentifierParse;
using lmo::domain::IdentifierStatus;
using lmo::domain::IssueSeverity;


// Invariants of any single result; for a readable one, its canonical form is a fixed point.
void check_single(const IdentifierParse& result, std::size_t input_size,
                  const std::vector<std::string>& prefixes) {
  bool has_error = false;
  for (const auto& issue : result.issues) {
    require(!issue.code.empty() && !issue.message.empty());
    require(is_valid_utf8(issue.message) && is_valid_utf8(issue.character));
    require(!issue.position || *issue.position < input_size);
    has_error = has_error || issue.severity == IssueSeverity::error;
  }
  require(has_error == (result.status == IdentifierStatus::invalid));
  require((result.status == IdentifierStatus::valid) == result.issues.empty());
  require(result.canonical.empty() == (result.status == IdentifierStatus::invalid));
  if (result.status == IdentifierStatus::invalid) return;

  const auto id = result.identifier();
  require(id.has_value() && result.expected_check_digit.has_value());
  require(lmo::domain::format(*id) == result.canonical);
  require(is_valid_utf8(result.canonical));
  require(lmo::domain::compute_check_digit(id->developer + id->event) ==
          result.expected_check_digit);

  const IdentifierParse again = lmo::domain::parse_unique_identifier(result.canonical, prefixes);
  require(again.canonical == result.canonical);
  require(again.identifier() == id);
  for (const auto& issue : again.issues) require(issue.code == "check_digit_mismatch");
  require((again.status == IdentifierStatus::valid) ==
          (id->check_digit == *result.expected_check_digit));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const std::vector<std::string> kNoPrefixes;
  static const std::vector<std::string> kPrefixes = {"DP", "KM", "MON", "SYN", "xy", "XYZ"};

  for (const auto* prefixes : {&kNoPrefixes, &kPrefixes}) {
    const IdentifierParse single = lmo::domain::parse_unique_identifier(text, *prefixes);
    check_single(single, size, *prefixes);

    const auto stack = lmo::domain::parse_stacked_identifier(text, *prefixes);
    require(!stack.components.empty());
    IdentifierStatus worst = IdentifierStatus::valid;
    for (const auto& component : stack.components) {
      check_single(component, size, *prefixes);
      if (component.status == IdentifierStatus::invalid ||
          (component.status == IdentifierStatus::valid_with_warnings &&
           worst == IdentifierStatus::valid)) {
        worst = component.status;
      }
    }
    require(stack.status == worst);
    require(stack.canonical.empty() == (stack.status == IdentifierStatus::invalid));
    if (stack.status != IdentifierStatus::invalid) {
      const auto again = lmo::domain::parse_stacked_identifier(stack.canonical, *prefixes);
      require(again.canonical == stack.canonical);
      require(again.components.size() == stack.components.size());
    }
    // A readable single identifier is a stack of one with the same canonical form.
    if (single.status != IdentifierStatus::invalid) {
      require(stack.components.size() == 1 && stack.canonical == single.canonical);
    }
  }

  const auto fragment = lmo::domain::normalize_identifier_fragment(text);
  if (fragment) {
    require(is_valid_utf8(*fragment));
    require(lmo::domain::normalize_identifier_fragment(*fragment) == fragment);
  }
  const auto digit = lmo::domain::compute_check_digit(text);
  require(!digit || (*digit >= 0 && *digit <= 9 && fragment));
  return 0;
}
