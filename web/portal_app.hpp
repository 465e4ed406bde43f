// PortalApp: the web application the HTTP server calls. Owns the router and runs the
// middleware chain around every handler: request id, routing (404/405 with Allow), handler
// errors (500 without details to the client, logged with the request id), security headers,
// metrics and the JSON-lines access log.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "web/http/http_server.hpp"
#include "web/http/router.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

struct BodyLimits {
  std::size_t default_limit = 64 * 1024;  // routes that declare no limit of their own
};

class PortalApp final : public HttpApplication {
 public:
  // Builds every route. REQUIRES: `context` outlives the app. Connections from
  // `trusted_proxies` (IP addresses) are attributed to the client their X-Forwarded-For names.
  PortalApp(const WebContext& context, const std::filesystem::path& static_dir,
            BodyLimits limits = {}, std::vector<std::string> trusted_proxies = {});

  std::size_t body_limit(std::string_view method, std::string_view path) const override;
  Response handle(Request& request) override;
  Response reject(Request& request, int status, std::string_view reason) override;
  std::unique_ptr<StreamSession> open_stream(Request& request, Response& response) override;
  void stream_closed(Request& request, int status, std::size_t bytes_sent) override;
  void connection_opened() override { context_.metrics.connection_opened(); }
  void connection_closed() override { context_.metrics.connection_closed(); }

  const Router& router() const { return router_; }

 private:
  // Replaces a trusted proxy's address by its client's.
  void resolve_client(Request& request) const;
  Response finish(Request& request, Response response, std::string_view route);
  // Counts the answer in the metrics and writes its access-log line.
  void record(const Request& request, std::string_view route, int status, std::size_t bytes_sent);

  const WebContext& context_;
  BodyLimits limits_;
  std::vector<std::string> trusted_proxies_;
  Router router_;
};

}  // namespace lmo::web
