// Text PostgreSQL can hold: well-formed UTF-8 without NUL (libpq sends parameters as C strings,
// the server refuses ill-formed UTF-8). SQLite holds any bytes, so the PostgreSQL stores check
// what users type before sending it: a key that PostgreSQL cannot hold is in no row.
#pragma once

#include <string>
#include <string_view>

#include "domain/utf8_text.hpp"

namespace lmo::store::postgres {

// True when PostgreSQL can hold `text` as it is.
inline bool is_pg_text(std::string_view text) { return domain::is_utf8_text(text); }

// `text` without NUL bytes and ill-formed sequences (each bad byte dropped).
inline std::string pg_text_part(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    std::size_t length = domain::utf8_sequence_length(text);
    if (length == 0) {
      text.remove_prefix(1);
      continue;
    }
    out.append(text.substr(0, length));
    text.remove_prefix(length);
  }
  return out;
}

}  // namespace lmo::store::postgres
