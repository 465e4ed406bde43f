// Prometheus exposition of request counts, latency histogram and open connections.
#include "web/http/metrics.hpp"

#include <gtest/gtest.h>

using lmo::web::Metrics;

TEST(Metrics, CountsByRouteAndStatusWithCumulativeBuckets) {
  Metrics metrics;
  metrics.record("page", 200, 0.0004);
  metrics.record("page", 200, 0.003);
  metrics.record("page", 404, 7.0);
  metrics.connection_opened();
  metrics.connection_opened();
  metrics.connection_closed();
  std::string text = metrics.render_prometheus();
  EXPECT_NE(text.find("lmo_http_requests_total{route=\"page\",status=\"200\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("lmo_http_requests_total{route=\"page\",status=\"404\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("lmo_http_request_duration_seconds_bucket{route=\"page\",le=\"0.0005\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("lmo_http_request_duration_seconds_bucket{route=\"page\",le=\"0.005\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("lmo_http_request_duration_seconds_bucket{route=\"page\",le=\"2.5\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("lmo_http_request_duration_seconds_bucket{route=\"page\",le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("lmo_http_request_duration_seconds_count{route=\"page\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("lmo_http_open_connections 1\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE lmo_http_request_duration_seconds histogram\n"), std::string::npos);
}
