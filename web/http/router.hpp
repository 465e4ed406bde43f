// Router: an explicit table of (method, path pattern) → handler. Patterns are '/'-separated
// segments; a segment "{name}" matches one non-empty segment and binds it as a path
// parameter. Literal segments win over parameters. The router answers which route matches,
// or that the path exists for other methods (405 with Allow), or that nothing matches (404).
// Built once at start, then read-only and safe to share between threads.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "web/http/http_types.hpp"

namespace lmo::web {

using Handler = std::function<Response(Request&)>;

struct Route {
  std::string method;
  std::string pattern;
  std::string name;  // label for metrics and logs, e.g. "page" or "api.resources"
  Handler handler;
  std::size_t body_limit = 0;  // largest request body accepted, in bytes
  // For routes that stream: opens a session for the request (filling the response's status
  // and headers), or returns nullptr with an error response to send instead.
  std::function<std::unique_ptr<StreamSession>(Request&, Response&)> stream = nullptr;
};

struct RouteMatch {
  enum class Kind { found, method_not_allowed, not_found };
  Kind kind = Kind::not_found;
  const Route* route = nullptr;
  std::map<std::string, std::string, std::less<>> params;
  std::string allow;  // for method_not_allowed: "GET, HEAD"
};

class Router {
 public:
  // REQUIRES: pattern starts with '/'; the (method, pattern) pair is new.
  void add(Route route);
  // HEAD requests match GET routes.
  RouteMatch match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{x}" marks a parameter
    bool trailing_slash = false;
  };
  static Compiled compile(std::string_view pattern);
  // Returns a score (higher is more specific) or -1 if the path does not fit.
  static int fit(const Compiled& compiled, const std::vector<std::string_view>& segments,
                 bool trailing_slash, std::map<std::string, std::string, std::less<>>* params);

  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

}  // namespace lmo::web
