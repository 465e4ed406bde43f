#include "domain/csv_table.hpp"

namespace lmo::domain {

CsvResult parse_csv(std::string_view text, std::size_t max_rows) {
  CsvResult result;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t line = 1;
  std::size_t i = 0;
  auto fail = [&](std::string message) {
    result.error = std::move(message);
    result.error_line = line;
    return result;
  };
  while (i < text.size()) {
    CsvRow row;
    row.line = line;
    bool row_done = false;
    while (!row_done) {
      std::string field;
      if (i < text.size() && text[i] == '"') {
        ++i;
        for (;;) {
          if (i >= text.size()) return fail("a quoted field is not closed");
          char c = text[i++];
          if (c == '"') {
            if (i < text.size() && text[i] == '"') {
              field += '"';
              ++i;
            } else {
              break;
            }
          } else {
            if (c == '\n') ++line;
            field += c;
          }
        }
        if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          return fail("text after a closing quote");
        }
      } else {
        while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"') return fail("a quote inside an unquoted field");
          field += text[i++];
        }
      }
      row.fields.push_back(std::move(field));
      if (i >= text.size()) {
        row_done = true;
      } else if (text[i] == ',') {
        ++i;
      } else {  // line end
        if (text[i] == '\r') ++i;
        if (i < text.size() && text[i] == '\n') ++i;
        ++line;
        row_done = true;
      }
    }
    bool blank = row.fields.size() == 1 && row.fields.front().empty();
    if (!blank) {
      if (result.rows.size() >= max_rows) return fail("too many rows");
      result.rows.push_back(std::move(row));
    }
  }
  return result;
}

std::string csv_field(std::string_view text) {
  bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos;
  std::string out = quote ? "\"" : "";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  if (quote) out += '"';
  return out;
}

}  // namespace lmo::domain
