// ContentHash: 64-bit FNV-1a against the published test vectors, and the field separator.
#include "domain/content_hash.hpp"

#include <gtest/gtest.h>

#include <string>

using lmo::domain::content_hash_hex;
using lmo::domain::ContentHash;

TEST(ContentHash, MatchesPublishedFnv1aVectors) {
  // Vectors from the FNV reference test suite (64-bit FNV-1a).
  EXPECT_EQ(content_hash_hex(""), "cbf29ce484222325");
  EXPECT_EQ(content_hash_hex("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(content_hash_hex("foobar"), "85944171f73967e8");
  EXPECT_EQ(ContentHash().add("foobar").value(), 0x85944171f73967e8ULL);
}

TEST(ContentHash, AddIsIncrementalOverTheSameBytes) {
  EXPECT_EQ(ContentHash().add("foo").add("bar").hex(), content_hash_hex("foobar"));
}

TEST(ContentHash, FieldsAreSeparatedSoBoundariesMatter) {
  EXPECT_NE(ContentHash().add_field("ab").add_field("c").hex(), ContentHash().add_field("a").add_field("bc").hex());
  std::string with_separator = "foo";
  with_separator.push_back('\xff');
  EXPECT_EQ(ContentHash().add_field("foo").hex(), content_hash_hex(with_separator));
}

TEST(ContentHash, HexKeepsLeadingZeros) {
  for (char c = 0; c < 100; ++c) EXPECT_EQ(content_hash_hex(std::string(1, c)).size(), 16u) << int(c);
}
