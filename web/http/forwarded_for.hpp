// The client's address behind reverse proxies: when the connection comes from a trusted proxy,
// the X-Forwarded-For header names the hops; the client is the right-most address that is not
// itself a trusted proxy (addresses further left could have been written by the client).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lmo::web {

// `peer`: the address the connection comes from; `forwarded_for`: the header's value (all of
// its lines joined with commas); `trusted`: the proxies' addresses. Returns `peer` when it is
// not trusted, when the header is absent or malformed (an entry that is not an IP address).
std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted);

}  // namespace lmo::web
