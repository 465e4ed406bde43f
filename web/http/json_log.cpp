#include "web/http/json_log.hpp"

#include <unistd.h>

#include <atomic>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <condition_variable>
#include <fmt/chrono.h>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace lmo::web {

namespace {

// Lines are appended to a buffer of the writing thread (an uncontended lock) and written to
// standard output in large pieces: by the writer when its buffer grows past kFlushBytes, by a
// background thread every kFlushInterval, and at once for events. One write(2) per piece,
// under one lock, so lines from different threads never interleave.
constexpr std::size_t kFlushBytes = 64 * 1024;
constexpr auto kFlushInterval = std::chrono::milliseconds(200);

struct Buffer {
  std::mutex mutex;
  std::string data;
};

struct Writer {
  std::mutex buffers_mutex;
  std::vector<std::shared_ptr<Buffer>> buffers;
  std::mutex output_mutex;
  std::mutex flusher_mutex;
  std::condition_variable wake;
  bool stopping = false;
  std::thread flusher;
  std::atomic<bool> running{false};
  std::atomic<bool> access_enabled{true};
};

Writer& writer() {
  static Writer instance;
  return instance;
}

void write_out(const std::string& bytes) {
  std::lock_guard lock(writer().output_mutex);
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(STDOUT_FILENO, bytes.data() + done, bytes.size() - done);
    if (n <= 0) return;  // standard output closed: nothing sensible left to do with the log
    done += static_cast<std::size_t>(n);
  }
}

Buffer& thread_buffer() {
  thread_local std::shared_ptr<Buffer> buffer = [] {
    auto created = std::make_shared<Buffer>();
    std::lock_guard lock(writer().buffers_mutex);
    writer().buffers.push_back(created);
    return created;
  }();
  return *buffer;
}

void flush_buffer(Buffer& buffer) {
  std::string pending;
  {
    std::lock_guard lock(buffer.mutex);
    pending.swap(buffer.data);
  }
  if (!pending.empty()) write_out(pending);
}

void flush_all() {
  std::vector<std::shared_ptr<Buffer>> buffers;
  {
    std::lock_guard lock(writer().buffers_mutex);
    buffers = writer().buffers;
  }
  for (auto& buffer : buffers) flush_buffer(*buffer);
}

std::string timestamp() {
  auto now = std::chrono::system_clock::now();
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(now)),
                     millis.count());
}

void append(boost::json::object& fields, bool flush_now) {
  std::string line = boost::json::serialize(fields);
  line += '\n';
  auto& buffer = thread_buffer();
  bool full;
  {
    std::lock_guard lock(buffer.mutex);
    buffer.data += line;
    full = buffer.data.size() >= kFlushBytes;
  }
  if (full || flush_now || !writer().running) flush_buffer(buffer);
}

}  // namespace

void JsonLog::start(bool access) {
  auto& w = writer();
  w.access_enabled = access;
  if (w.running.exchange(true)) return;
  w.stopping = false;
  w.flusher = std::thread([&w] {
    std::unique_lock lock(w.flusher_mutex);
    while (!w.stopping) {
      w.wake.wait_for(lock, kFlushInterval, [&w] { return w.stopping; });
      lock.unlock();
      flush_all();
      lock.lock();
    }
  });
}

void JsonLog::stop() {
  auto& w = writer();
  if (!w.running.exchange(false)) return;
  {
    std::lock_guard lock(w.flusher_mutex);
    w.stopping = true;
  }
  w.wake.notify_all();
  w.flusher.join();
  flush_all();
}

void JsonLog::event(std::string_view level, std::string_view message, boost::json::object fields) {
  boost::json::object line;
  line["ts"] = timestamp();
  line["level"] = level;
  line["msg"] = message;
  for (auto& field : fields) line[field.key()] = std::move(field.value());
  append(line, /*flush_now=*/true);
}

void JsonLog::access(boost::json::object fields) {
  if (!writer().access_enabled.load(std::memory_order_relaxed)) return;
  boost::json::object line;
  line["ts"] = timestamp();
  line["level"] = "info";
  line["msg"] = "request";
  for (auto& field : fields) line[field.key()] = std::move(field.value());
  append(line, /*flush_now=*/false);
}

}  // namespace lmo::web
