// Fuzzes route matching with the portal's pattern shapes: any method and path give a
// consistent answer (found with a route, 405 with an Allow list, or 404).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "web/http/router.hpp"

using namespace lmo::web;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Router router = [] {
    Router r;
    auto ok = [](Request&) { return Response{}; };
    for (const char* pattern : {"/", "/healthz", "/{first}", "/{lang}/", "/{lang}/{slug}",
                                "/{lang}/{slug}/print", "/api/v1/pages/{slug}", "/static/css/portal.css"}) {
      r.add({"GET", pattern, pattern, ok});
    }
    r.add({"POST", "/api/v1/checks", "checks", ok});
    return r;
  }();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t space = input.find(' ');
  std::string_view method = input.substr(0, space);
  std::string_view path = space == std::string_view::npos ? std::string_view() : input.substr(space + 1);
  auto match = router.match(method, path);
  switch (match.kind) {
    case RouteMatch::Kind::found:
      if (!match.route) __builtin_trap();
      break;
    case RouteMatch::Kind::method_not_allowed:
      if (match.allow.empty()) __builtin_trap();
      break;
    case RouteMatch::Kind::not_found:
      break;
  }
  return 0;
}
