// Well-formed UTF-8 (Unicode table 3-7): what every text the portal stores or compares must be.
#pragma once

#include <string_view>

namespace lmo::domain {

// Length of the well-formed UTF-8 sequence at the start of `text` (Unicode table 3-7), 0 when
// it starts with NUL or an ill-formed sequence.
inline std::size_t utf8_sequence_length(std::string_view text) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  if (text.empty() || byte(0) == 0) return 0;
  unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = lead >= 0xC2 && lead <= 0xDF   ? 2
                       : lead >= 0xE0 && lead <= 0xEF ? 3
                       : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                      : 0;
  if (length == 0 || text.size() < length) return 0;
  unsigned char low = 0x80, high = 0xBF;  // range of the second byte
  if (lead == 0xE0) low = 0xA0;
  if (lead == 0xED) high = 0x9F;
  if (lead == 0xF0) low = 0x90;
  if (lead == 0xF4) high = 0x8F;
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return length;
}

// True when `text` is well-formed UTF-8 without NUL characters.
inline bool is_utf8_text(std::string_view text) {
  while (!text.empty()) {
    std::size_t length = utf8_sequence_length(text);
    if (length == 0) return false;
    text.remove_prefix(length);
  }
  return true;
}

}  // namespace lmo::domain
