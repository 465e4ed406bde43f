// RFC 4180 CSV reading: quoting, line breaks inside fields, line numbers, malformed input.
#include "domain/csv_table.hpp"

#include <gtest/gtest.h>

using lmo::domain::csv_field;
using lmo::domain::parse_csv;

TEST(CsvTable, ReadsQuotedFieldsAndLineEnds) {
  auto table = parse_csv("\xEF\xBB\xBF" "a,b,c\r\n1,\"two, with comma\",\"say \"\"hi\"\"\"\n\n3,\"line\nbreak\",\r\n");
  ASSERT_TRUE(table.error.empty()) << table.error;
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.rows[0].fields, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(table.rows[1].fields, (std::vector<std::string>{"1", "two, with comma", "say \"hi\""}));
  EXPECT_EQ(table.rows[2].fields, (std::vector<std::string>{"3", "line\nbreak", ""}));
  EXPECT_EQ(table.rows[0].line, 1u);
  EXPECT_EQ(table.rows[1].line, 2u);
  EXPECT_EQ(table.rows[2].line, 4u);  // after the blank line
}

TEST(CsvTable, ReportsMalformedInputWithItsLine) {
  auto unterminated = parse_csv("a,b\n1,\"open\n");
  EXPECT_EQ(unterminated.error, "a quoted field is not closed");
  auto stray = parse_csv("a,b\n1,x\"y\n");
  EXPECT_EQ(stray.error, "a quote inside an unquoted field");
  EXPECT_EQ(stray.error_line, 2u);
  auto after = parse_csv("a\n\"x\"y\n");
  EXPECT_EQ(after.error, "text after a closing quote");
  EXPECT_EQ(parse_csv("a\n1\n2\n3\n", 2).error, "too many rows");
  EXPECT_TRUE(parse_csv("").rows.empty());
}

TEST(CsvTable, QuotingRoundTrips) {
  for (std::string text : {"plain", "with, comma", "with \"quotes\"", "multi\nline", ""}) {
    auto table = parse_csv(csv_field(text) + "," + csv_field("x") + "\n");
    ASSERT_TRUE(table.error.empty());
    EXPECT_EQ(table.rows.at(0).fields.at(0), text);
  }
}
