#include "web/http/cookies.hpp"

namespace lmo::web {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_token_char(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7f) return false;
  return std::string_view("()<>@,;:\\\"/[]?={}").find(c) == std::string_view::npos;
}

bool is_value_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u < 0x7f && c != '"' && c != ',' && c != ';' && c != '\\';
}

}  // namespace

std::map<std::string, std::string, std::less<>> parse_cookies(std::string_view header) {
  std::map<std::string, std::string, std::less<>> cookies;
  while (!header.empty() && cookies.size() < 50) {
    auto end = header.find(';');
    std::string_view pair = trim(header.substr(0, end));
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    auto equals = pair.find('=');
    if (equals == std::string_view::npos || equals == 0) continue;
    std::string_view name = trim(pair.substr(0, equals));
    std::string_view value = trim(pair.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    bool valid = !name.empty() && value.size() <= 4096;
    for (char c : name) valid = valid && is_token_char(c);
    for (char c : value) valid = valid && is_value_char(c);
    if (valid) cookies.emplace(std::string(name), std::string(value));
  }
  return cookies;
}

std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& options) {
  std::string out = std::string(name) + "=" + std::string(value) + "; Path=/; HttpOnly; SameSite=" + options.same_site;
  if (options.secure) out += "; Secure";
  if (options.max_age) out += "; Max-Age=" + std::to_string(*options.max_age);
  return out;
}

}  // namespace lmo::web
