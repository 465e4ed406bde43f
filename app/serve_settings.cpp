#include "app/serve_settings.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/ip/address.hpp>
#include <charconv>
#include <cstdlib>
#include <thread>

#include "app/install_paths.hpp"

namespace lmo::app {

namespace {

std::string environment_name(const std::string& key) {
  std::string name = "LMO_";
  for (char c : key) name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

// A value and where it came from, for error messages.
struct Sourced {
  std::string value;
  std::string origin;
};

template <typename Number>
Number parse_number(const std::string& key, const Sourced& raw, Number low, Number high) {
  Number value{};
  auto [end, error] = std::from_chars(raw.value.data(), raw.value.data() + raw.value.size(), value);
  if (error != std::errc() || end != raw.value.data() + raw.value.size() || value < low || value > high) {
    throw std::runtime_error(key + " (from " + raw.origin + ") must be a whole number from " +
                             std::to_string(low) + " to " + std::to_string(high) + ", not '" +
                             raw.value + "'");
  }
  return value;
}

bool parse_switch(const std::string& key, const Sourced& raw) {
  if (raw.value == "on" || raw.value == "true" || raw.value == "1" || raw.value == "yes") return true;
  if (raw.value == "off" || raw.value == "false" || raw.value == "0" || raw.value == "no") return false;
  throw std::runtime_error(key + " (from " + raw.origin + ") must be on or off, not '" + raw.value + "'");
}

// "10.0.0.5, 10.0.0.6" → each address in its canonical spelling.
std::vector<std::string> parse_addresses(const std::string& key, const Sourced& raw) {
  std::vector<std::string> out;
  std::string_view rest = raw.value;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    auto entry = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    while (!entry.empty() && entry.front() == ' ') entry.remove_prefix(1);
    while (!entry.empty() && entry.back() == ' ') entry.remove_suffix(1);
    boost::system::error_code error;
    auto address = boost::asio::ip::make_address(std::string(entry), error);
    if (error) {
      throw std::runtime_error(key + " (from " + raw.origin + ") must list IP addresses separated by commas; '" +
                               std::string(entry) + "' is not one");
    }
    out.push_back(address.to_string());
  }
  return out;
}

}  // namespace

const std::vector<ServeSettingsParser::Key>& ServeSettingsParser::keys() {
  static const std::vector<Key> all = {
      {"host", "address to listen on (default 127.0.0.1)"},
      {"port", "TCP port to listen on, 0 for any free port (default 8080)"},
      {"data", "folder of the database and other state (default ./var)"},
      {"database", "SQLite file or postgresql:// URI of the database (default: portal.db in the data folder); "
                   "several instances share one PostgreSQL database"},
      {"share", "folder holding templates/, static/, data/ (default: next to the binary)"},
      {"locale-dir", "folder of compiled message catalogs (default: next to the binary)"},
      {"threads", "worker threads (default: one per core)"},
      {"access-log", "write a JSON line per request: on or off (default on)"},
      {"max-connections", "open connections before new ones get 503 (default 10000)"},
      {"header-limit", "largest request head in bytes, 431 beyond (default 16384)"},
      {"body-limit", "largest request body in bytes where a route sets none (default 65536)"},
      {"read-timeout-ms", "time to receive a whole request, 408 beyond (default 10000)"},
      {"idle-timeout-ms", "keep-alive wait for the next request (default 60000)"},
      {"shutdown-grace-ms", "time in-flight requests get on SIGTERM (default 10000)"},
      {"trusted-proxies", "comma-separated IP addresses of reverse proxies whose X-Forwarded-For names the "
                          "client (default: none)"},
      {"admin-token", "secret that allows registry imports over the API (default: none, disabled)"},
  };
  return all;
}

ServeSettingsParser::ServeSettingsParser(CLI::App& command) {
  command.add_option("--config", config_path_, "configuration file (key = value lines)")
      ->envname("LMO_CONFIG");
  for (const auto& key : keys()) {
    command.add_option_function<std::string>(
        "--" + key.name, [this, name = key.name](const std::string& value) { command_line_[name] = value; },
        key.description + "; environment " + environment_name(key.name));
  }
}

ServeSettings ServeSettingsParser::resolve() const {
  std::map<std::string, Sourced> values;
  if (!config_path_.empty()) {
    std::vector<CLI::ConfigItem> items;
    try {
      items = CLI::ConfigTOML().from_file(config_path_);
    } catch (const CLI::Error& error) {
      throw std::runtime_error("cannot read config file " + config_path_ + ": " + error.what());
    }
    for (const auto& item : items) {
      if (item.name == "++" || item.name == "--") continue;  // section markers
      if (!item.parents.empty() && !(item.parents.size() == 1 && item.parents[0] == "serve")) {
        throw std::runtime_error("config file " + config_path_ + ": unknown section for '" +
                                 item.fullname() + "' (use top-level keys or [serve])");
      }
      bool known = false;
      for (const auto& key : keys()) known = known || key.name == item.name;
      if (!known) {
        throw std::runtime_error("config file " + config_path_ + ": unknown key '" + item.name + "'");
      }
      if (item.inputs.size() != 1) {
        throw std::runtime_error("config file " + config_path_ + ": key '" + item.name +
                                 "' needs exactly one value");
      }
      values[item.name] = {item.inputs.front(), "config file " + config_path_};
    }
  }
  for (const auto& key : keys()) {
    if (const char* env = std::getenv(environment_name(key.name).c_str()); env && *env) {
      values[key.name] = {env, "environment " + environment_name(key.name)};
    }
  }
  for (const auto& [name, value] : command_line_) values[name] = {value, "--" + name};

  ServeSettings settings;
  settings.share_dir = default_share_dir();
  settings.locale_dir = default_locale_dir();
  for (const auto& [key, raw] : values) {
    if (key == "host") settings.host = raw.value;
    else if (key == "port") settings.port = parse_number<unsigned short>(key, raw, 0, 65535);
    else if (key == "data") settings.data_dir = raw.value;
    else if (key == "database") settings.database = raw.value;
    else if (key == "share") settings.share_dir = raw.value;
    else if (key == "locale-dir") settings.locale_dir = raw.value;
    else if (key == "threads") settings.threads = parse_number<std::size_t>(key, raw, 1, 256);
    else if (key == "access-log") settings.access_log = parse_switch(key, raw);
    else if (key == "max-connections") settings.max_connections = parse_number<std::size_t>(key, raw, 1, 1'000'000);
    else if (key == "header-limit") settings.header_limit = parse_number<std::size_t>(key, raw, 1024, 1 << 20);
    else if (key == "body-limit") settings.body_limit = parse_number<std::size_t>(key, raw, 0, 1 << 30);
    else if (key == "read-timeout-ms") settings.read_timeout = std::chrono::milliseconds(parse_number<long>(key, raw, 10, 3'600'000));
    else if (key == "idle-timeout-ms") settings.idle_timeout = std::chrono::milliseconds(parse_number<long>(key, raw, 10, 3'600'000));
    else if (key == "trusted-proxies") settings.trusted_proxies = parse_addresses(key, raw);
    else if (key == "admin-token") {
      if (raw.value.size() < 24) throw std::runtime_error("admin-token (from " + raw.origin + ") must be at least 24 characters");
      settings.admin_token = raw.value;
    }
    else if (key == "shutdown-grace-ms") settings.shutdown_grace = std::chrono::milliseconds(parse_number<long>(key, raw, 0, 3'600'000));
  }
  if (settings.threads == 0) settings.threads = std::max(1u, std::thread::hardware_concurrency());
  return settings;
}

}  // namespace lmo::app
