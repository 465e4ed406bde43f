// Cookies: reading the Cookie request header (RFC 6265: name=value pairs separated by ';',
// values optionally in double quotes) and writing Set-Cookie values with the portal's
// attributes. Malformed pairs are skipped; the first occurrence of a name wins; at most 50
// cookies and 4096 bytes per value are read.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace lmo::web {

std::map<std::string, std::string, std::less<>> parse_cookies(std::string_view header);

struct CookieOptions {
  bool secure = false;                 // only over HTTPS
  std::string same_site = "Lax";      // Lax or Strict
  std::optional<long long> max_age;   // seconds; 0 deletes the cookie; unset: a session cookie
};

// "name=value; Path=/; HttpOnly; SameSite=Lax[; Secure][; Max-Age=n]" (always HttpOnly, Path=/).
std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& options);

}  // namespace lmo::web
