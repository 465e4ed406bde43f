// PageDocument: the bundled page text format (header lines, '---', HTML body).
#include "domain/page_document.hpp"

#include <gtest/gtest.h>

using lmo::domain::PageDocument;
using lmo::domain::PageDocumentError;
using lmo::domain::parse_page_document;

namespace {

PageDocument ok(std::string_view text) {
  auto result = parse_page_document(text);
  if (auto* error = std::get_if<PageDocumentError>(&result)) {
    ADD_FAILURE() << "line " << error->line << ": " << error->message;
    return {};
  }
  return std::get<PageDocument>(result);
}

PageDocumentError fails(std::string_view text) {
  auto result = parse_page_document(text);
  if (auto* error = std::get_if<PageDocumentError>(&result)) return *error;
  ADD_FAILURE() << "expected an error";
  return {};
}

}  // namespace

TEST(PageDocument, ParsesHeaderAndBody) {
  auto document = ok("title: Customs Portal\nsummary: What it is.\n---\n<p>Body</p>\n");
  EXPECT_EQ(document.title, "Customs Portal");
  EXPECT_EQ(document.nav_title, "Customs Portal");
  EXPECT_EQ(document.summary, "What it is.");
  EXPECT_EQ(document.body_html, "<p>Body</p>");
}

TEST(PageDocument, NavTitleAndWhitespace) {
  auto document = ok("\xEF\xBB\xBFtitle:  Long title: with colon \r\nnav: Short\r\n\r\n---\r\n<p>a</p>\n<p>b</p>");
  EXPECT_EQ(document.title, "Long title: with colon");
  EXPECT_EQ(document.nav_title, "Short");
  EXPECT_EQ(document.summary, "");
  EXPECT_EQ(document.body_html, "<p>a</p>\n<p>b</p>");
}

TEST(PageDocument, BodyMayContainSeparatorLines) {
  auto document = ok("title: T\n---\n<p>x</p>\n---\n<p>y</p>");
  EXPECT_EQ(document.body_html, "<p>x</p>\n---\n<p>y</p>");
}

TEST(PageDocument, ErrorsNameTheLine) {
  EXPECT_EQ(fails("summary: s\n---\n<p/>").line, 2);
  EXPECT_EQ(fails("summary: s\n---\n<p/>").message, "header has no title");
  EXPECT_EQ(fails("title: a\ntitle: b\n---\nx").line, 2);
  EXPECT_EQ(fails("title: a\ncolour: red\n---\nx").message, "unknown key 'colour'");
  EXPECT_EQ(fails("title: a\nno colon here\n---\nx").line, 2);
  EXPECT_EQ(fails("title:\n---\nx").message, "empty value for title");
  EXPECT_EQ(fails("Title: a\n---\nx").message, "malformed key");
  EXPECT_EQ(fails("title: a\n---\n   \n").message, "body is empty");
  EXPECT_EQ(fails("title: a\n").message, "no '---' line separating header and body");
  EXPECT_EQ(fails("").message, "no '---' line separating header and body");
}
