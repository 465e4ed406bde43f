#include "web/http/router.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace lmo::web {

namespace {

std::vector<std::string_view> split_path(std::string_view path, bool* trailing_slash) {
  std::vector<std::string_view> segments;
  *trailing_slash = path.size() > 1 && path.back() == '/';
  size_t position = 1;  // skip the leading '/'
  while (position < path.size()) {
    size_t end = path.find('/', position);
    if (end == std::string_view::npos) end = path.size();
    segments.push_back(path.substr(position, end - position));
    position = end + 1;
  }
  if (*trailing_slash && !segments.empty() && segments.back().empty()) segments.pop_back();
  return segments;
}

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

Router::Compiled Router::compile(std::string_view pattern) {
  Compiled compiled;
  for (auto segment : split_path(pattern, &compiled.trailing_slash)) {
    compiled.segments.emplace_back(segment);
  }
  return compiled;
}

void Router::add(Route route) {
  if (route.pattern.empty() || route.pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + route.pattern);
  }
  for (const auto& existing : routes_) {
    if (existing.method == route.method && existing.pattern == route.pattern) {
      throw std::invalid_argument("route defined twice: " + route.method + " " + route.pattern);
    }
  }
  compiled_.push_back(compile(route.pattern));
  routes_.push_back(std::move(route));
}

int Router::fit(const Compiled& compiled, const std::vector<std::string_view>& segments,
                bool trailing_slash, std::map<std::string, std::string, std::less<>>* params) {
  if (compiled.segments.size() != segments.size() || compiled.trailing_slash != trailing_slash) {
    return -1;
  }
  int score = 0;
  for (size_t i = 0; i < segments.size(); ++i) {
    const auto& want = compiled.segments[i];
    if (is_parameter(want)) {
      if (segments[i].empty()) return -1;
      if (params) params->emplace(want.substr(1, want.size() - 2), segments[i]);
    } else {
      if (want != segments[i]) return -1;
      score += 1 << std::min<size_t>(20, segments.size() - i);  // earlier literals weigh more
    }
  }
  return score;
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  if (path.empty() || path.front() != '/') return result;
  bool trailing_slash = false;
  auto segments = split_path(path, &trailing_slash);
  std::string_view wanted = method == "HEAD" ? std::string_view("GET") : method;

  // The most specific route for this method wins; for 405, the methods of the most
  // specific pattern that fits the path.
  int best = -1;
  int best_any_method = -1;
  size_t best_index = 0;
  std::vector<size_t> same_path;
  for (size_t i = 0; i < routes_.size(); ++i) {
    int score = fit(compiled_[i], segments, trailing_slash, nullptr);
    if (score < 0) continue;
    if (score > best_any_method) {
      best_any_method = score;
      same_path.clear();
    }
    if (score == best_any_method) same_path.push_back(i);
    if (routes_[i].method == wanted && score > best) {
      best = score;
      best_index = i;
    }
  }
  if (best >= 0) {
    result.kind = RouteMatch::Kind::found;
    result.route = &routes_[best_index];
    fit(compiled_[best_index], segments, trailing_slash, &result.params);
    return result;
  }
  if (same_path.empty()) return result;
  std::set<std::string> methods;
  for (size_t i : same_path) {
    methods.insert(routes_[i].method);
    if (routes_[i].method == "GET") methods.insert("HEAD");
  }
  for (const auto& m : methods) {
    if (!result.allow.empty()) result.allow += ", ";
    result.allow += m;
  }
  result.kind = RouteMatch::Kind::method_not_allowed;
  return result;
}

}  // namespace lmo::web
