// Fuzzes the X-Forwarded-For reading: the answer is always the peer or a valid IP address
// that is not a trusted proxy, never a crash.
#include <boost/asio/ip/address.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "web/http/forwarded_for.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view header(reinterpret_cast<const char*>(data), size);
  static const std::vector<std::string> trusted{"10.0.0.5", "::1"};
  auto client = lmo::web::client_address("10.0.0.5", header, trusted);
  if (client == "10.0.0.5") return 0;
  boost::system::error_code error;
  auto address = boost::asio::ip::make_address(client, error);
  if (error || address.to_string() != client || client == "::1") __builtin_trap();
  return 0;
}
