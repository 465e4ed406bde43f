// Router: literal and parameter segments, specificity, 404 vs 405 with Allow, HEAD as GET.
#include "web/http/router.hpp"

#include <gtest/gtest.h>

using lmo::web::Request;
using lmo::web::Response;
using lmo::web::Route;
using lmo::web::RouteMatch;
using lmo::web::Router;

namespace {

Route route(std::string method, std::string pattern, std::string name) {
  return Route{std::move(method), std::move(pattern), std::move(name),
               [](Request&) { return Response{}; }};
}

Router portal_router() {
  Router router;
  router.add(route("GET", "/", "root"));
  router.add(route("GET", "/healthz", "health"));
  router.add(route("GET", "/{first}", "unprefixed"));
  router.add(route("GET", "/{lang}/", "home"));
  router.add(route("GET", "/{lang}/{slug}", "page"));
  router.add(route("GET", "/{lang}/{slug}/print", "print"));
  router.add(route("GET", "/api/v1/resources", "resources"));
  router.add(route("GET", "/api/v1/pages/{slug}", "api.page"));
  router.add(route("POST", "/api/v1/checks", "checks"));
  return router;
}

}  // namespace

TEST(Router, MatchesLiteralsBeforeParameters) {
  auto router = portal_router();
  EXPECT_EQ(router.match("GET", "/healthz").route->name, "health");
  EXPECT_EQ(router.match("GET", "/htpi").route->name, "unprefixed");
  EXPECT_EQ(router.match("GET", "/").route->name, "root");
}

TEST(Router, BindsParameters) {
  auto router = portal_router();
  auto match = router.match("GET", "/es/customs-portal");
  ASSERT_EQ(match.kind, RouteMatch::Kind::found);
  EXPECT_EQ(match.route->name, "page");
  EXPECT_EQ(match.params.at("lang"), "es");
  EXPECT_EQ(match.params.at("slug"), "customs-portal");
  match = router.match("GET", "/api/v1/pages/htpi");
  EXPECT_EQ(match.route->name, "api.page");
  EXPECT_EQ(match.params.at("slug"), "htpi");
}

TEST(Router, TrailingSlashIsSignificant) {
  auto router = portal_router();
  EXPECT_EQ(router.match("GET", "/fr/").route->name, "home");
  EXPECT_EQ(router.match("GET", "/fr").route->name, "unprefixed");
  EXPECT_EQ(router.match("GET", "/fr/htpi/print").route->name, "print");
  EXPECT_EQ(router.match("GET", "/fr/htpi/print/").kind, RouteMatch::Kind::not_found);
}

TEST(Router, EmptySegmentsDoNotBindParameters) {
  auto router = portal_router();
  EXPECT_EQ(router.match("GET", "//htpi").kind, RouteMatch::Kind::not_found);
  EXPECT_EQ(router.match("GET", "/en//print").kind, RouteMatch::Kind::not_found);
}

TEST(Router, UnknownPathsAreNotFound) {
  auto router = portal_router();
  EXPECT_EQ(router.match("GET", "/a/b/c/d").kind, RouteMatch::Kind::not_found);
  EXPECT_EQ(router.match("GET", "").kind, RouteMatch::Kind::not_found);
  EXPECT_EQ(router.match("GET", "relative").kind, RouteMatch::Kind::not_found);
}

TEST(Router, WrongMethodIsNotAllowedWithAllow) {
  auto router = portal_router();
  auto match = router.match("DELETE", "/api/v1/resources");
  EXPECT_EQ(match.kind, RouteMatch::Kind::method_not_allowed);
  EXPECT_EQ(match.allow, "GET, HEAD");
  match = router.match("GET", "/api/v1/checks");
  // GET /{lang}/{slug}/print does not fit three segments "api/v1/checks"; only POST does.
  EXPECT_EQ(match.kind, RouteMatch::Kind::method_not_allowed);
  EXPECT_EQ(match.allow, "POST");
}

TEST(Router, HeadMatchesGet) {
  auto router = portal_router();
  auto match = router.match("HEAD", "/healthz");
  ASSERT_EQ(match.kind, RouteMatch::Kind::found);
  EXPECT_EQ(match.route->name, "health");
}

TEST(Router, RejectsDuplicateAndRelativePatterns) {
  Router router;
  router.add(route("GET", "/x", "x"));
  EXPECT_THROW(router.add(route("GET", "/x", "again")), std::invalid_argument);
  EXPECT_NO_THROW(router.add(route("POST", "/x", "post")));
  EXPECT_THROW(router.add(route("GET", "x", "relative")), std::invalid_argument);
}
