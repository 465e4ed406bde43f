#include "web/http/http_server.hpp"

#include "domain/utf8_text.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse_path.hpp>
#include <boost/url/pct_string_view.hpp>
#include <condition_variable>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

namespace lmo::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// Per-connection state shared by the session coroutine and its watchdog (same strand).
struct Connection {
  explicit Connection(tcp::socket s) : socket(std::move(s)), deadline(socket.get_executor()) {}

  tcp::socket socket;
  asio::steady_timer deadline;
  bool timed_out = false;
  bool busy = false;  // a request is being read, handled or answered

  void expire_after(std::chrono::milliseconds duration) {
    timed_out = false;
    deadline.expires_after(duration);
  }
};

// Decodes percent-escapes in the path; false when the path is not a valid origin-form path.
bool decode_path(std::string_view raw, std::string& out) {
  if (raw.empty() || raw.front() != '/') return false;
  auto parsed = boost::urls::parse_path(raw);
  if (!parsed) return false;
  out = boost::urls::pct_string_view(parsed->buffer()).decode();
  // Paths are UTF-8 text: a decoded NUL would truncate them in later C APIs, and ill-formed
  // bytes could be neither stored nor compared; refuse both.
  return domain::is_utf8_text(out);
}

}  // namespace

struct HttpServer::Impl {
  Impl(HttpApplication& app, ServerLimits lim) : application(app), limits(lim), acceptor(accept_io) {}

  HttpApplication& application;
  ServerLimits limits;
  asio::io_context io;         // connections: the worker threads run it
  asio::io_context accept_io;  // the listener alone, on a thread of its own, so that new
                               // connections are taken at once however busy the workers are
  tcp::acceptor acceptor;
  std::atomic<bool> stopping{false};

  std::mutex mutex;
  std::condition_variable all_closed;
  std::set<std::shared_ptr<Connection>> connections;

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> session(std::shared_ptr<Connection> connection);
  asio::awaitable<void> watchdog(std::shared_ptr<Connection> connection);
  asio::awaitable<bool> send(Connection& connection, Response response, unsigned version,
                             bool keep_alive, bool head_only);
  void request_stop();
};

asio::awaitable<void> HttpServer::Impl::watchdog(std::shared_ptr<Connection> connection) {
  while (connection->socket.is_open()) {
    boost::system::error_code ignored;
    co_await connection->deadline.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    if (connection->deadline.expiry() <= Clock::now()) {
      connection->timed_out = true;
      connection->deadline.expires_at(Clock::time_point::max());
      connection->socket.cancel(ignored);
    }
  }
}

asio::awaitable<bool> HttpServer::Impl::send(Connection& connection, Response response,
                                             unsigned version, bool keep_alive, bool head_only) {
  http::response<http::string_body> message{static_cast<http::status>(response.status), version};
  for (auto& [name, value] : response.headers) message.insert(name, value);  // insert: Set-Cookie may repeat
  keep_alive = keep_alive && !response.close && !stopping;
  message.keep_alive(keep_alive);
  bool no_body = response.status == 204 || response.status == 304 || response.status < 200;
  if (no_body) {
    message.body().clear();
  } else if (head_only) {
    message.content_length(response.body.size());
  } else {
    message.body() = std::move(response.body);
    message.prepare_payload();
  }
  connection.expire_after(limits.write_timeout);
  boost::system::error_code error;
  if (head_only && !no_body) {
    http::response_serializer<http::string_body> serializer{message};
    co_await http::async_write_header(connection.socket, serializer,
                                      asio::redirect_error(asio::use_awaitable, error));
  } else {
    co_await http::async_write(connection.socket, message,
                               asio::redirect_error(asio::use_awaitable, error));
  }
  co_return !error && keep_alive;
}

asio::awaitable<void> HttpServer::Impl::session(std::shared_ptr<Connection> connection) {
  auto& socket = connection->socket;
  Request base;
  boost::system::error_code error;
  auto remote = socket.remote_endpoint(error);
  if (!error) base.remote_address = remote.address().to_string();
  socket.set_option(tcp::no_delay(true), error);

  beast::flat_buffer buffer;
  for (;;) {
    // Idle: wait for the first byte of the next request, without a request in flight.
    connection->busy = false;
    if (stopping) break;
    if (buffer.size() == 0) {
      connection->expire_after(limits.idle_timeout);
      co_await socket.async_wait(tcp::socket::wait_read,
                                 asio::redirect_error(asio::use_awaitable, error));
      if (error || stopping) break;  // idle timeout, peer closed, or shutdown: close quietly
    }
    connection->busy = true;
    connection->expire_after(limits.read_timeout);

    Request request = base;
    request.received = Clock::now();
    http::request_parser<http::empty_body> header_parser;
    header_parser.header_limit(static_cast<std::uint32_t>(limits.header_limit));
    header_parser.eager(false);
    header_parser.body_limit(boost::none);  // the route's limit is applied once the path is known
    co_await http::async_read_header(socket, buffer, header_parser,
                                     asio::redirect_error(asio::use_awaitable, error));
    if (error) {
      if (error == http::error::end_of_stream && buffer.size() == 0) break;
      int status = 400;
      std::string_view reason = "malformed request";
      if (connection->timed_out) {
        status = 408, reason = "the request was not received in time";
      } else if (error == http::error::header_limit) {
        status = 431, reason = "request headers are too large";
      } else if (error == http::error::body_limit) {
        status = 413, reason = "request body is too large";
      } else if (error == asio::error::operation_aborted || error == asio::error::eof ||
                 error == asio::error::connection_reset || error == http::error::end_of_stream) {
        break;  // shutdown or the peer went away mid-request: nobody to answer
      }
      co_await send(*connection, application.reject(request, status, reason), 11, false, false);
      break;
    }

    auto& head = header_parser.get();
    request.method = std::string(head.method_string());
    request.target = std::string(head.target());
    request.version = head.version();
    for (const auto& field : head) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    std::string_view target = request.target;
    size_t question = target.find('?');
    std::string_view raw_path = target.substr(0, question);
    if (question != std::string_view::npos) request.query = std::string(target.substr(question + 1));
    bool keep_alive = head.keep_alive();
    bool head_only = head.method() == http::verb::head;
    if (!decode_path(raw_path, request.path)) {
      co_await send(*connection, application.reject(request, 400, "malformed request target"),
                    request.version, false, false);
      break;
    }

    // Streaming routes read the body in pieces and answer in chunks as they go.
    Response stream_head;
    stream_head.status = 0;
    if (auto session = application.open_stream(request, stream_head)) {
      http::response<http::empty_body> head{static_cast<http::status>(stream_head.status ? stream_head.status : 200),
                                            request.version};
      for (auto& [name, value] : stream_head.headers) head.insert(name, value);
      bool keep = keep_alive && !stopping;
      head.keep_alive(keep);
      head.chunked(true);
      http::response_serializer<http::empty_body> serializer{head};
      connection->expire_after(limits.write_timeout);
      co_await http::async_write_header(socket, serializer, asio::redirect_error(asio::use_awaitable, error));
      if (error) break;
      http::request_parser<http::buffer_body> body_parser{std::move(header_parser)};
      body_parser.body_limit(boost::none);
      std::vector<char> piece(64 * 1024);
      std::size_t sent = 0;
      auto send_chunk = [&](const std::string& bytes) -> asio::awaitable<bool> {
        if (bytes.empty()) co_return true;
        connection->expire_after(limits.write_timeout);
        co_await asio::async_write(socket, http::make_chunk(asio::buffer(bytes)),
                                   asio::redirect_error(asio::use_awaitable, error));
        sent += bytes.size();
        co_return !error;
      };
      bool ok = true;
      while (ok && !body_parser.is_done()) {
        body_parser.get().body().data = piece.data();
        body_parser.get().body().size = piece.size();
        connection->expire_after(limits.read_timeout);
        // read_some returns with what has arrived, so answers follow the body as it comes.
        co_await http::async_read_some(socket, buffer, body_parser, asio::redirect_error(asio::use_awaitable, error));
        if (error == http::error::need_buffer) error = {};
        if (error) {
          ok = false;
          break;
        }
        std::size_t got = piece.size() - body_parser.get().body().size;
        ok = co_await send_chunk(session->feed(std::string_view(piece.data(), got)));
      }
      if (ok) ok = co_await send_chunk(session->finish());
      if (ok) {
        connection->expire_after(limits.write_timeout);
        co_await asio::async_write(socket, http::make_chunk_last(), asio::redirect_error(asio::use_awaitable, error));
        ok = !error;
      }
      application.stream_closed(request, static_cast<int>(head.result_int()), sent);
      if (!ok || !keep) break;
      continue;
    }
    if (stream_head.status != 0) {  // a streaming route refused the request
      co_await send(*connection, std::move(stream_head), request.version, false, false);
      break;
    }

    // Body: bounded per route, refused before reading when the declared length is too large.
    std::size_t body_limit = application.body_limit(request.method, request.path);
    http::request_parser<http::string_body> parser{std::move(header_parser)};
    parser.body_limit(body_limit);
    auto declared = parser.content_length();
    if (declared && *declared > body_limit) {
      co_await send(*connection, application.reject(request, 413, "request body is too large"),
                    request.version, false, false);
      break;
    }
    if (!parser.is_done()) {
      if (beast::iequals(parser.get()[http::field::expect], "100-continue")) {
        http::response<http::empty_body> proceed{http::status::continue_, request.version};
        co_await http::async_write(socket, proceed, asio::redirect_error(asio::use_awaitable, error));
        if (error) break;
      }
      co_await http::async_read(socket, buffer, parser,
                                asio::redirect_error(asio::use_awaitable, error));
      if (error) {
        int status = 400;
        std::string_view reason = "malformed request body";
        if (connection->timed_out) {
          status = 408, reason = "the request body was not received in time";
        } else if (error == http::error::body_limit) {
          status = 413, reason = "request body is too large";
        } else if (error == asio::error::operation_aborted || error == asio::error::eof ||
                   error == asio::error::connection_reset || error == http::error::end_of_stream ||
                   error == http::error::partial_message) {
          break;
        }
        co_await send(*connection, application.reject(request, status, reason), request.version,
                      false, false);
        break;
      }
    }
    request.body = std::move(parser.get().body());

    Response response = application.handle(request);
    if (!co_await send(*connection, std::move(response), request.version, keep_alive, head_only)) {
      break;
    }
  }
  socket.shutdown(tcp::socket::shutdown_send, error);
  socket.close(error);
  connection->deadline.cancel();
}

asio::awaitable<void> HttpServer::Impl::accept_loop() {
  for (;;) {
    boost::system::error_code error;
    tcp::socket socket{asio::make_strand(io)};
    co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, error));
    if (error) {
      if (error == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      // Out of descriptors or a reset before accept: wait a moment instead of spinning.
      asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(20));
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, error));
      continue;
    }
    auto connection = std::make_shared<Connection>(std::move(socket));
    bool full;
    {
      std::lock_guard lock(mutex);
      full = connections.size() >= limits.max_connections;
      if (!full) connections.insert(connection);
    }
    auto executor = connection->socket.get_executor();
    if (full) {
      // Answer from the connection's strand so a slow reader cannot stall accepting.
      asio::co_spawn(executor, watchdog(connection), asio::detached);
      asio::co_spawn(executor, [this, connection]() -> asio::awaitable<void> {
        Request request;
        connection->expire_after(limits.write_timeout);
        co_await send(*connection, application.reject(request, 503, "too many connections"), 11,
                      false, false);
        boost::system::error_code ignored;
        connection->socket.close(ignored);
        connection->deadline.cancel();
      }, asio::detached);
      continue;
    }
    application.connection_opened();
    asio::co_spawn(executor, watchdog(connection), asio::detached);
    asio::co_spawn(executor, session(connection), [this, connection](std::exception_ptr) {
      application.connection_closed();
      std::lock_guard lock(mutex);
      connections.erase(connection);
      if (connections.empty()) all_closed.notify_all();
    });
  }
}

void HttpServer::Impl::request_stop() {
  if (stopping.exchange(true)) return;
  asio::post(acceptor.get_executor(), [this] {
    boost::system::error_code ignored;
    acceptor.close(ignored);
  });
  std::lock_guard lock(mutex);
  for (const auto& connection : connections) {
    // Idle connections close now; busy ones finish their response first (see send()).
    asio::post(connection->socket.get_executor(), [connection] {
      if (!connection->busy) {
        boost::system::error_code ignored;
        connection->socket.cancel(ignored);
      }
    });
  }
}

HttpServer::HttpServer(HttpApplication& application, ServerLimits limits)
    : impl_(std::make_unique<Impl>(application, limits)) {}

HttpServer::~HttpServer() = default;

unsigned short HttpServer::listen(const std::string& host, unsigned short port) {
  boost::system::error_code error;
  auto address = asio::ip::make_address(host, error);
  if (error) throw std::runtime_error("invalid listen address '" + host + "'");
  tcp::endpoint endpoint{address, port};
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint, error);
  if (error) {
    throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                             error.message());
  }
  acceptor.listen(asio::socket_base::max_listen_connections);
  return acceptor.local_endpoint().port();
}

void HttpServer::run(std::size_t threads, bool handle_signals) {
  auto& io = impl_->io;
  asio::co_spawn(impl_->accept_io, impl_->accept_loop(), asio::detached);
  std::thread acceptor_thread([this] { impl_->accept_io.run(); });  // ends when the listener closes
  asio::signal_set signals(io);
  if (handle_signals) {
    signals.add(SIGINT);
    signals.add(SIGTERM);
    signals.async_wait([this](boost::system::error_code error, int) {
      if (!error) stop();
    });
  }
  std::thread grace_keeper([this, &signals] {
    // Waits for a stop request, then for the connections to drain or the grace to end.
    std::unique_lock lock(impl_->mutex);
    impl_->all_closed.wait(lock, [this] { return impl_->stopping.load(); });
    bool drained = impl_->all_closed.wait_for(lock, impl_->limits.shutdown_grace,
                                              [this] { return impl_->connections.empty(); });
    lock.unlock();
    asio::post(impl_->io, [&signals] {
      boost::system::error_code ignored;
      signals.cancel(ignored);
    });
    if (!drained) impl_->io.stop();
  });
  std::vector<std::thread> workers;
  for (std::size_t i = 1; i < threads; ++i) workers.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& worker : workers) worker.join();
  stop();  // if run() ended by itself, release the grace keeper
  grace_keeper.join();
  acceptor_thread.join();
}

void HttpServer::stop() {
  impl_->request_stop();
  std::lock_guard lock(impl_->mutex);
  impl_->all_closed.notify_all();
}

}  // namespace lmo::web
