#include "domain/content_hash.hpp"

namespace lmo::domain {

namespace {
constexpr std::uint64_t kPrime = 1099511628211ULL;
}

ContentHash& ContentHash::add(std::string_view bytes) {
  for (unsigned char c : bytes) hash_ = (hash_ ^ c) * kPrime;
  return *this;
}

ContentHash& ContentHash::add_field(std::string_view bytes) {
  add(bytes);
  hash_ = (hash_ ^ 0xffU) * kPrime;
  return *this;
}

std::string ContentHash::hex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  std::uint64_t rest = hash_;
  for (int i = 15; i >= 0; --i, rest >>= 4) out[i] = kDigits[rest & 0xf];
  return out;
}

std::string content_hash_hex(std::string_view bytes) { return ContentHash().add(bytes).hex(); }

}  // namespace lmo::domain
