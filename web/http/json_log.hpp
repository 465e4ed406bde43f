// JsonLog: the process's structured log, one JSON object per line on standard output
// (access log entries and events alike). Request threads append to buffers of their own and
// the lines reach standard output in large writes: events at once, access lines in batches at
// most 200 ms after the request. Fields are escaped by Boost.JSON. Thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

namespace lmo::web {

class JsonLog {
 public:
  // Starts the background writer. With `access_enabled` false, access entries are dropped
  // (events are always written).
  static void start(bool access_enabled);
  // Flushes pending lines and stops the writer.
  static void stop();

  static void event(std::string_view level, std::string_view message, boost::json::object fields = {});
  static void access(boost::json::object fields);
};

}  // namespace lmo::web
