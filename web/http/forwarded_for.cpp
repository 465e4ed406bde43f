#include "web/http/forwarded_for.hpp"

#include <boost/asio/ip/address.hpp>

#include <algorithm>

namespace lmo::web {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_trusted(std::string_view address, const std::vector<std::string>& trusted) {
  return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
}

}  // namespace

std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted) {
  if (forwarded_for.empty() || !is_trusted(peer, trusted)) return std::string(peer);
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    auto comma = rest.rfind(',');
    auto entry = trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    boost::system::error_code error;
    auto address = boost::asio::ip::make_address(std::string(entry), error);
    if (error) return std::string(peer);
    auto text = address.to_string();
    if (!is_trusted(text, trusted)) return text;
  }
  return std::string(peer);  // every hop is a trusted proxy
}

}  // namespace lmo::web
