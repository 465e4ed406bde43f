// Request and Response as the portal's handlers see them: plain values with no Boost.Beast
// types, so only the server translation unit compiles Beast. Header names are lower case.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lmo::web {

struct Request {
  std::string method;  // as sent, e.g. "GET"
  std::string target;  // raw request target, e.g. "/en/htpi?print=1"
  std::string path;    // decoded path without the query
  std::string query;   // raw query string without '?'
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;
  std::string request_id;
  unsigned version = 11;  // 10 or 11
  std::map<std::string, std::string, std::less<>> path_params;  // filled by the router
  std::chrono::steady_clock::time_point received = std::chrono::steady_clock::now();

  // First value of header `name` (lower case), or "" when absent.
  std::string_view header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) return value;
    }
    return {};
  }
  std::string_view param(std::string_view name) const {
    auto it = path_params.find(name);
    return it == path_params.end() ? std::string_view() : std::string_view(it->second);
  }
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool close = false;  // ask the server to close the connection after sending

  Response& set_header(std::string name, std::string value) {
    for (auto& header : headers) {
      if (header.first == name) {
        header.second = std::move(value);
        return *this;
      }
    }
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  std::string_view header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) return value;
    }
    return {};
  }
};

// A request whose body is handled as it arrives, answered in chunks as it goes (see
// Route::stream and HttpApplication::open_stream).
class StreamSession {
 public:
  virtual ~StreamSession() = default;
  // The answer's bytes for the body bytes received so far (may be empty).
  virtual std::string feed(std::string_view bytes) = 0;
  // The last bytes of the answer once the body has ended.
  virtual std::string finish() = 0;
};

}  // namespace lmo::web
