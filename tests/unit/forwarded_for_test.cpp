// The client's address behind trusted reverse proxies (X-Forwarded-For).
#include <gtest/gtest.h>

#include "web/http/forwarded_for.hpp"

using lmo::web::client_address;

TEST(ForwardedFor, OnlyATrustedProxyIsBelieved) {
  std::vector<std::string> trusted{"10.0.0.5", "10.0.0.6"};
  EXPECT_EQ(client_address("10.0.0.5", "203.0.113.7", trusted), "203.0.113.7");
  EXPECT_EQ(client_address("198.51.100.1", "203.0.113.7", trusted), "198.51.100.1");  // not a proxy of ours
  EXPECT_EQ(client_address("10.0.0.5", "", trusted), "10.0.0.5");
  EXPECT_EQ(client_address("10.0.0.5", "203.0.113.7", {}), "10.0.0.5");
}

TEST(ForwardedFor, TheRightMostUntrustedHopIsTheClient) {
  std::vector<std::string> trusted{"10.0.0.5", "10.0.0.6"};
  // The client may have written anything on the left; only what our proxies appended counts.
  EXPECT_EQ(client_address("10.0.0.5", "1.2.3.4, 203.0.113.7, 10.0.0.6", trusted), "203.0.113.7");
  EXPECT_EQ(client_address("10.0.0.5", "  203.0.113.7 ,10.0.0.6 ", trusted), "203.0.113.7");
  EXPECT_EQ(client_address("10.0.0.5", "10.0.0.6", trusted), "10.0.0.5");  // only proxies
  EXPECT_EQ(client_address("10.0.0.5", "2001:db8::1", trusted), "2001:db8::1");
  EXPECT_EQ(client_address("10.0.0.5", "2001:DB8:0::1", trusted), "2001:db8::1");  // canonical spelling
}

TEST(ForwardedFor, AMalformedHeaderIsIgnored) {
  std::vector<std::string> trusted{"10.0.0.5"};
  EXPECT_EQ(client_address("10.0.0.5", "not-an-address", trusted), "10.0.0.5");
  EXPECT_EQ(client_address("10.0.0.5", "203.0.113.7, <script>", trusted), "10.0.0.5");
  EXPECT_EQ(client_address("10.0.0.5", ",,", trusted), "10.0.0.5");
  EXPECT_EQ(client_address("10.0.0.5", "203.0.113.7:443", trusted), "10.0.0.5");
}
