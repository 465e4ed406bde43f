#include "web/static_files.hpp"

#include <fstream>
#include <memory>
#include <sstream>

#include "domain/content_hash.hpp"

namespace lmo::web {

namespace fs = std::filesystem;

namespace {

std::string content_type(const fs::path& path) {
  auto extension = path.extension().string();
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".js") return "text/javascript; charset=utf-8";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".png") return "image/png";
  if (extension == ".json") return "application/json";
  if (extension == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

struct Asset {
  std::string body;
  std::string type;
  std::string etag;
};

}  // namespace

void add_static_routes(Router& router, const fs::path& directory) {
  if (!fs::is_directory(directory)) return;
  for (const auto& entry : fs::recursive_directory_iterator(directory)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto asset = std::make_shared<Asset>();
    asset->body = bytes.str();
    asset->type = content_type(entry.path());
    asset->etag = "\"" + domain::content_hash_hex(asset->body) + "\"";
    std::string url = "/static/" + fs::relative(entry.path(), directory).generic_string();
    router.add({"GET", url, "static", [asset](Request& request) {
                  Response response;
                  response.set_header("ETag", asset->etag);
                  response.set_header("Cache-Control", "public, max-age=3600");
                  if (request.header("if-none-match") == asset->etag) {
                    response.status = 304;
                    return response;
                  }
                  response.set_header("Content-Type", asset->type);
                  response.body = asset->body;
                  return response;
                }});
  }
}

}  // namespace lmo::web
