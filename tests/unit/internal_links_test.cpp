// Internal links of page texts: resolved for a language, or unwrapped when the target is missing.
#include "web/pages/internal_links.hpp"

#include <gtest/gtest.h>

using lmo::web::resolve_internal_links;

namespace {
bool known(std::string_view slug) { return slug == "htpi" || slug == "registry"; }
}  // namespace

TEST(InternalLinks, ResolvesKnownTargets) {
  EXPECT_EQ(resolve_internal_links(R"(<p>See <a href="{{base}}/htpi">HTPI</a>.</p>)", "fr", known),
            R"(<p>See <a href="/fr/htpi">HTPI</a>.</p>)");
  EXPECT_EQ(resolve_internal_links(R"(<a href="{{base}}/">Home</a>)", "es", known),
            R"(<a href="/es/">Home</a>)");
  EXPECT_EQ(resolve_internal_links(R"(<a href="{{base}}/htpi#transport">x</a>)", "en", known),
            R"(<a href="/en/htpi#transport">x</a>)");
}

TEST(InternalLinks, UnwrapsMissingTargets) {
  EXPECT_EQ(resolve_internal_links(R"(<li><a href="{{base}}/lab">Lab tools</a>: plans</li>)", "en", known),
            "<li>Lab tools: plans</li>");
}

TEST(InternalLinks, LeavesOtherLinksAndBrokenMarkupAlone) {
  std::string external = R"(<a href="https://bch.cbd.int/">BCH</a>)";
  EXPECT_EQ(resolve_internal_links(external, "en", known), external);
  std::string broken = R"(<a href="{{base}}/htpi">never closed)";
  EXPECT_EQ(resolve_internal_links(broken, "en", known), broken);
  EXPECT_EQ(resolve_internal_links("", "en", known), "");
}

TEST(InternalLinks, SeveralLinksInOneText) {
  EXPECT_EQ(resolve_internal_links(
                R"(<a href="{{base}}/registry">R</a>, <a href="{{base}}/check">C</a> and <a href="{{base}}/htpi">H</a>)",
                "es", known),
            R"(<a href="/es/registry">R</a>, C and <a href="/es/htpi">H</a>)");
}
