#include "web/http/json_log.hpp"

#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>
#include <atomic>
#include <chrono>
#include <fmt/chrono.h>

namespace lmo::web {

namespace {

std::shared_ptr<spdlog::logger>& logger() {
  static std::shared_ptr<spdlog::logger> instance;
  return instance;
}

std::atomic<bool> access_enabled{true};

std::string timestamp() {
  auto now = std::chrono::system_clock::now();
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(now)),
                     millis.count());
}

void write(boost::json::object& fields) {
  auto& log = logger();
  if (!log) return;
  log->info(boost::json::serialize(fields));
}

}  // namespace

void JsonLog::start(bool access) {
  access_enabled = access;
  if (logger()) return;
  spdlog::init_thread_pool(65536, 1);
  auto sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
  auto log = std::make_shared<spdlog::async_logger>("lmo", sink, spdlog::thread_pool(),
                                                    spdlog::async_overflow_policy::block);
  log->set_pattern("%v");
  // Access lines are flushed in batches (at most a second late); events at once (see event()).
  log->flush_on(spdlog::level::warn);
  spdlog::flush_every(std::chrono::seconds(1));
  logger() = log;
}

void JsonLog::stop() {
  if (auto& log = logger()) {
    log->flush();
    log.reset();
    spdlog::shutdown();
  }
}

void JsonLog::event(std::string_view level, std::string_view message, boost::json::object fields) {
  boost::json::object line;
  line["ts"] = timestamp();
  line["level"] = level;
  line["msg"] = message;
  for (auto& field : fields) line[field.key()] = std::move(field.value());
  write(line);
  if (auto& log = logger()) log->flush();
}

void JsonLog::access(boost::json::object fields) {
  if (!access_enabled.load(std::memory_order_relaxed)) return;
  boost::json::object line;
  line["ts"] = timestamp();
  line["level"] = "info";
  line["msg"] = "request";
  for (auto& field : fields) line[field.key()] = std::move(field.value());
  write(line);
}

}  // namespace lmo::web
