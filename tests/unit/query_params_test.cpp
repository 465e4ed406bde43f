// Query-string and form decoding with errors that name the parameter.
#include "web/http/query_params.hpp"

#include <gtest/gtest.h>

using lmo::web::parse_query;
using lmo::web::QueryError;

TEST(QueryParams, DecodesNamesAndValues) {
  QueryError error;
  auto params = parse_query("lang=es&q=ma%C3%ADz+dulce&empty=&flag", &error);
  ASSERT_TRUE(params);
  EXPECT_EQ(params->get("lang"), "es");
  EXPECT_EQ(params->get("q"), "ma\xC3\xADz dulce");
  EXPECT_TRUE(params->has("empty"));
  EXPECT_EQ(params->get("empty"), "");
  EXPECT_TRUE(params->has("flag"));
  EXPECT_FALSE(params->has("missing"));
}

TEST(QueryParams, FirstValueWins) {
  auto params = parse_query("lang=fr&lang=es", nullptr);
  ASSERT_TRUE(params);
  EXPECT_EQ(params->get("lang"), "fr");
}

TEST(QueryParams, EmptyPairsAreSkipped) {
  auto params = parse_query("&&a=1&&", nullptr);
  ASSERT_TRUE(params);
  EXPECT_EQ(params->values.size(), 1u);
}

TEST(QueryParams, MalformedEscapesNameTheField) {
  QueryError error;
  EXPECT_FALSE(parse_query("lang=%ZZ", &error));
  EXPECT_EQ(error.field, "lang");
  EXPECT_FALSE(parse_query("la%2=1", &error));
  EXPECT_EQ(error.field, "query");
  EXPECT_FALSE(parse_query("x=%00", &error));  // a decoded NUL is refused
  EXPECT_EQ(error.field, "x");
  EXPECT_FALSE(parse_query("x=%", &error));
}

TEST(QueryParams, TooManyParameters) {
  std::string query;
  for (int i = 0; i < 101; ++i) query += "p" + std::to_string(i) + "=1&";
  QueryError error;
  EXPECT_FALSE(parse_query(query, &error));
  EXPECT_EQ(error.message, "too many parameters");
}

TEST(QueryParams, TextThatIsNotUtf8OrHoldsNulIsRefusedNamingTheField) {
  QueryError error;
  EXPECT_FALSE(parse_query("username=admin%00junk&password=x", &error));
  EXPECT_EQ(error.field, "username");
  EXPECT_FALSE(parse_query("user%00name=admin", &error));
  EXPECT_EQ(error.field, "query");
  EXPECT_TRUE(parse_query("q=%2500", &error));  // an encoded percent sign followed by 00 is text
  EXPECT_FALSE(parse_query("q=ma%EDz", &error));     // Latin-1, not UTF-8
  EXPECT_EQ(error.field, "q");
  EXPECT_FALSE(parse_query("q=%C0%AF", &error));     // an overlong encoding
  EXPECT_TRUE(parse_query("q=ma%C3%ADz", &error));   // maíz
}
