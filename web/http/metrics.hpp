// Metrics: request counts by route and status, a latency histogram per route and the number
// of open connections, rendered in the Prometheus text exposition format (version 0.0.4).
// Recording takes one short lock to find the route's series, then atomic increments; thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace lmo::web {

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds (+Inf is implicit).
  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

  void record(std::string_view route, int status, double seconds);
  void connection_opened() { open_connections_.fetch_add(1, std::memory_order_relaxed); }
  void connection_closed() { open_connections_.fetch_sub(1, std::memory_order_relaxed); }
  std::int64_t open_connections() const { return open_connections_.load(); }
  std::string render_prometheus() const;

 private:
  struct RouteSeries {
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum_microseconds{0};
    std::array<std::atomic<std::uint64_t>, 600> by_status{};  // index: status code - 100
  };
  RouteSeries& series(std::string_view route);

  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<RouteSeries>, std::less<>> routes_;
  std::atomic<std::int64_t> open_connections_{0};
};

}  // namespace lmo::web
