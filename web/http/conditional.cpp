#include "web/http/conditional.hpp"

#include <cstdio>
#include <ctime>

#include "domain/content_hash.hpp"

namespace lmo::web {

std::string http_date(const std::string& iso) {
  std::tm tm{};
  int year, month, day, hour, minute, second;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &year, &month, &day, &hour, &minute, &second) != 6) {
    return {};
  }
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  std::time_t t = timegm(&tm);
  std::tm normal{};
  gmtime_r(&t, &normal);
  char out[64];
  std::strftime(out, sizeof out, "%a, %d %b %Y %H:%M:%S GMT", &normal);
  return out;
}

void apply_conditional_get(const Request& request, Response& response, const std::string& last_modified_iso) {
  if (response.status != 200) return;
  std::string etag = "\"" + domain::content_hash_hex(response.body) + "\"";
  response.set_header("ETag", etag);
  std::string modified = http_date(last_modified_iso);
  if (!modified.empty()) response.set_header("Last-Modified", modified);
  std::string_view if_none_match = request.header("if-none-match");
  bool not_modified = false;
  if (!if_none_match.empty()) {
    // A list of tags, or "*"; weak comparison is enough for GET.
    not_modified = if_none_match == "*" || if_none_match.find(etag) != std::string_view::npos;
  } else if (!modified.empty() && request.header("if-modified-since") == modified) {
    not_modified = true;
  }
  if (not_modified) {
    response.status = 304;
    response.body.clear();
  }
}

}  // namespace lmo::web
