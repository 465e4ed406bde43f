// ServeSettings: everything `lmo-portal serve` can be told, and where each value comes from.
// Precedence, lowest to highest: built-in default, config file (--config FILE, TOML/INI
// "key = value" lines, optionally under [serve]), environment variable (LMO_<KEY>),
// command-line option (--key). Every value is checked; a bad one names its key and source.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace lmo::app {

struct ServeSettings {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::filesystem::path data_dir = "./var";
  std::string database;              // SQLite file or postgresql:// URI; empty: <data>/portal.db
  std::filesystem::path share_dir;   // templates/, static/, data/, web/api/openapi.json
  std::filesystem::path locale_dir;  // compiled catalogs
  std::size_t threads = 0;           // 0: one per core
  bool access_log = true;
  std::size_t max_connections = 10'000;
  std::size_t header_limit = 16 * 1024;
  std::size_t body_limit = 64 * 1024;
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds shutdown_grace{10'000};
  std::vector<std::string> trusted_proxies;  // reverse proxies whose X-Forwarded-For is believed
  std::string admin_token;  // allows POST /api/v1/admin/imports; empty: disabled
};

// Collects the serve options on a CLI11 subcommand and resolves them after parsing.
class ServeSettingsParser {
 public:
  explicit ServeSettingsParser(CLI::App& command);
  // Merges defaults, config file, environment and command line. Throws std::runtime_error
  // naming the key and where the bad value came from.
  ServeSettings resolve() const;

  struct Key {
    std::string name;         // "port"; option --port; environment LMO_PORT
    std::string description;
  };
  static const std::vector<Key>& keys();

 private:
  std::map<std::string, std::string> command_line_;
  std::string config_path_;
};

}  // namespace lmo::app
