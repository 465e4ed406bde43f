#include "web/http/metrics.hpp"

#include <fmt/format.h>

namespace lmo::web {

Metrics::RouteSeries& Metrics::series(std::string_view route) {
  std::lock_guard lock(mutex_);
  auto it = routes_.find(route);
  if (it == routes_.end()) {
    it = routes_.emplace(std::string(route), std::make_unique<RouteSeries>()).first;
  }
  return *it->second;
}

void Metrics::record(std::string_view route, int status, double seconds) {
  auto& s = series(route);
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  s.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  s.count.fetch_add(1, std::memory_order_relaxed);
  s.sum_microseconds.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  if (status >= 100 && status < 700) s.by_status[status - 100].fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::render_prometheus() const {
  std::string out;
  std::lock_guard lock(mutex_);
  out += "# HELP lmo_http_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE lmo_http_requests_total counter\n";
  for (const auto& [route, s] : routes_) {
    for (size_t i = 0; i < s->by_status.size(); ++i) {
      auto n = s->by_status[i].load(std::memory_order_relaxed);
      if (n) out += fmt::format("lmo_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", route, i + 100, n);
    }
  }
  out += "# HELP lmo_http_request_duration_seconds Time from request received to response ready.\n";
  out += "# TYPE lmo_http_request_duration_seconds histogram\n";
  for (const auto& [route, s] : routes_) {
    std::uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += s->buckets[i].load(std::memory_order_relaxed);
      out += fmt::format("lmo_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                         route, kBuckets[i], cumulative);
    }
    cumulative += s->buckets[kBuckets.size()].load(std::memory_order_relaxed);
    out += fmt::format("lmo_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                       route, cumulative);
    out += fmt::format("lmo_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route,
                       static_cast<double>(s->sum_microseconds.load()) / 1e6);
    out += fmt::format("lmo_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route,
                       s->count.load());
  }
  out += "# HELP lmo_http_open_connections Client connections currently open.\n";
  out += "# TYPE lmo_http_open_connections gauge\n";
  out += fmt::format("lmo_http_open_connections {}\n", open_connections_.load());
  return out;
}

}  // namespace lmo::web
