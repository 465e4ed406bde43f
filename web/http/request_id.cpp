#include "web/http/request_id.hpp"

#include <algorithm>
#include <random>

namespace lmo::web {

std::string request_id_for(std::string_view supplied) {
  bool safe = !supplied.empty() && supplied.size() <= 64 &&
              std::all_of(supplied.begin(), supplied.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.';
              });
  if (safe) return std::string(supplied);
  thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t bits = generator();
  std::string id(16, '0');
  for (int i = 15; i >= 0; --i, bits >>= 4) id[static_cast<size_t>(i)] = kHex[bits & 0xf];
  return id;
}

}  // namespace lmo::web
