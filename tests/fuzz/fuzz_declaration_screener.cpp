// Fuzzes declaration screening: the input is "hs\0origin\0description" (split at the first two
// 0x00 bytes; with one 0x00 it is "hs\0description", with none all of it is the description).
// Any bytes, no crash; the level agrees with the reasons (lmo_relevant iff an identifier, name
// or gm_term reason; possible iff only hs_crop/gm_origin reasons); reasons and keys are distinct;
// folding is idempotent.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/declaration_screener.hpp"

namespace {

lmo::domain::ScreeningPatterns patterns() {
  lmo::domain::ScreeningPatterns p;
  p.identifiers = {{"MON-ØØ81Ø-6", "MON-ØØ81Ø-6"}, {"DAS-Ø15Ø7-1", "DAS-Ø15Ø7-1"}, {"MON-Ø4Ø32-6", "MON-Ø4Ø32-6"},
                   {"SYN-BTØ11-1", "SYN-BTØ11-1"}, {"KM-ØØØH71-4", "KM-ØØØH71-4"}};
  p.names = {{"MON810", "MON-ØØ81Ø-6"}, {"TC1507", "DAS-Ø15Ø7-1"}, {"DAS1507", "DAS-Ø15Ø7-1"},
             {"GTS 40-3-2", "MON-Ø4Ø32-6"}, {"40-3-2", "MON-Ø4Ø32-6"}, {"Bt11", "SYN-BTØ11-1"},
             {"MS8", "ACS-BNØØ5-8"}, {"H7-1", "KM-ØØØH71-4"}, {"YieldGard", "MON-ØØ81Ø-6"}};
  p.gm_terms = {"genetically modified", "transgenic", "gmo", "ogm", "ovm", "lmo", "genéticamente modificado",
                "génétiquement modifié", "biotech", "roundup ready"};
  p.hs_crops = {{"1005", "zea-mays"}, {"1201", "glycine-max"}, {"120721", "gossypium"}, {"1205", "brassica-napus"}};
  p.gm_origins = {{"US", "zea-mays"}, {"BR", "glycine-max"}, {"CA", "brassica-napus"}};
  return p;
}

bool starts_with(const std::string& s, std::string_view prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

template <typename T>
bool distinct(std::vector<T> items) {
  std::sort(items.begin(), items.end());
  return std::adjacent_find(items.begin(), items.end()) == items.end();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using lmo::domain::ScreeningVerdict;
  static const lmo::domain::DeclarationScreener screener(patterns());
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view hs, origin, description = input;
  if (auto first = input.find('\0'); first != std::string_view::npos) {
    hs = input.substr(0, first);
    description = input.substr(first + 1);
    if (auto second = description.find('\0'); second != std::string_view::npos) {
      origin = description.substr(0, second);
      description = description.substr(second + 1);
    }
  }
  ScreeningVerdict verdict = screener.screen({hs, description, origin});

  bool text_reason = false, hs_reason = false;
  for (const auto& reason : verdict.reasons) {
    if (starts_with(reason, "identifier:") || starts_with(reason, "name:") || starts_with(reason, "gm_term:")) {
      if (hs_reason) __builtin_trap();  // text reasons come first
      text_reason = true;
    } else if (starts_with(reason, "hs_crop:") || starts_with(reason, "gm_origin:")) {
      hs_reason = true;
    } else {
      __builtin_trap();
    }
  }
  bool lmo = verdict.level == ScreeningVerdict::Level::lmo_relevant;
  bool possible = verdict.level == ScreeningVerdict::Level::possible;
  if (lmo != text_reason) __builtin_trap();
  if (possible != (hs_reason && !text_reason)) __builtin_trap();
  if (verdict.level == ScreeningVerdict::Level::not_relevant && !verdict.reasons.empty()) __builtin_trap();
  if (!distinct(verdict.reasons) || !distinct(verdict.registry_keys)) __builtin_trap();
  if (verdict.registry_keys.size() > verdict.reasons.size()) __builtin_trap();

  std::string words = lmo::domain::fold_words(description);
  std::string compact = lmo::domain::fold_compact(description);
  if (lmo::domain::fold_words(words) != words || lmo::domain::fold_compact(compact) != compact) __builtin_trap();
  if (screener.screen({hs, words, origin}).reasons != verdict.reasons) __builtin_trap();  // folding changes nothing
  return 0;
}
