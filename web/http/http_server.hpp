// HttpServer: accepts TCP connections on one address and serves HTTP/1.1 on them with
// Boost.Beast over Asio C++20 coroutines, one coroutine per connection on its own strand.
// Owns the limits that protect the process from slow, idle or oversized clients; hands every
// well-formed request to an HttpApplication and every rejected one to the same application
// for rendering, so all responses share one format and one set of headers.
// Thread-safe: stop() may be called from any thread (and is, by SIGINT/SIGTERM).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "web/http/http_types.hpp"

namespace lmo::web {

struct ServerLimits {
  std::size_t header_limit = 16 * 1024;                 // bytes of request line + headers → 431
  std::chrono::milliseconds read_timeout{10'000};       // to receive a whole request → 408
  std::chrono::milliseconds idle_timeout{60'000};       // keep-alive wait between requests
  std::chrono::milliseconds write_timeout{30'000};      // to send a response
  std::chrono::milliseconds shutdown_grace{10'000};     // in-flight requests may finish
  std::size_t max_connections = 10'000;                 // beyond: 503 and close
};

// What the server needs from the web application.
class HttpApplication {
 public:
  virtual ~HttpApplication() = default;
  // Largest body accepted for this method and path (413 beyond it).
  virtual std::size_t body_limit(std::string_view method, std::string_view path) const = 0;
  virtual Response handle(Request& request) = 0;
  // Renders a request the server refused before routing: 400, 408, 413, 431 or 503.
  // `request` holds whatever was parsed (possibly only the remote address).
  virtual Response reject(Request& request, int status, std::string_view reason) = 0;
  // Streaming routes: a session to feed the body through, with the response head in
  // `response`; nullptr for other routes (response.status left 0) or with an error response
  // (response.status set) to send instead.
  virtual std::unique_ptr<StreamSession> open_stream(Request&, Response&) { return nullptr; }
  // Called when a streamed answer has been sent (or abandoned), for logs and metrics.
  virtual void stream_closed(Request&, int /*status*/, std::size_t /*bytes_sent*/) {}
  virtual void connection_opened() {}
  virtual void connection_closed() {}
};

class HttpServer {
 public:
  HttpServer(HttpApplication& application, ServerLimits limits);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens; returns the bound port (useful with port 0). Throws std::runtime_error.
  unsigned short listen(const std::string& host, unsigned short port);
  // Serves on `threads` threads until stop() or, if `handle_signals`, SIGINT/SIGTERM; then
  // stops accepting, lets in-flight requests finish (up to the grace period) and returns.
  void run(std::size_t threads, bool handle_signals);
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lmo::web
