// A cheap fingerprint of bytes (64-bit FNV-1a), enough to notice that content changed: ETags
// and the version of the bundled data. Not a cryptographic hash.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lmo::domain {

class ContentHash {
 public:
  // Mixes in the bytes as they are (add("ab") then add("c") equals add("abc")).
  ContentHash& add(std::string_view bytes);
  // Mixes in the bytes and then a 0xff separator, so that ("ab","c") and ("a","bc") differ.
  ContentHash& add_field(std::string_view bytes);
  std::uint64_t value() const { return hash_; }
  // 16 lower-case hex digits.
  std::string hex() const;

 private:
  std::uint64_t hash_ = 14695981039346656037ULL;
};

// ContentHash().add(bytes).hex()
std::string content_hash_hex(std::string_view bytes);

}  // namespace lmo::domain
