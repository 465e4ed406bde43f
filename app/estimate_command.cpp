#include "app/estimate_command.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>
#include <memory>

#include "services/estimation_service.hpp"

namespace lmo::app {

namespace json = boost::json;

namespace {

constexpr std::string_view kCommandName = "estimate";

std::optional<long long> whole_number(std::string_view text) {
  long long value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Options that go into the request only when given, so that the service's defaults apply.
struct GivenOptions {
  std::vector<std::pair<CLI::Option*, std::string>> fields;  // option, request field

  bool any() const {
    for (const auto& [option, field] : fields) {
      if (option->count() > 0) return true;
    }
    return false;
  }
};

struct PooledOptions {
  long long pool_size = 0;
  long long pools = 0;
  long long positive = 0;
  std::vector<std::string> groups;
  double confidence = 0.95;
  std::string interval;
  double fpr = 0.0;
  double fnr = 0.0;
  long long max_iterations = 0;
  std::string request;
  GivenOptions given;
};

struct StackedOptions {
  long long pool_size = 0;
  long long pools = 0;
  std::vector<std::string> events;
  std::vector<std::string> counts;
  std::vector<double> fpr;
  std::vector<double> fnr;
  std::vector<std::string> seed_types;
  long long max_iterations = 0;
  std::string request;
  GivenOptions given;
};

// The request from --request, or nullopt after printing why not (exit code 2).
std::optional<json::value> request_from_file(const std::string& path, const GivenOptions& given) {
  if (given.any()) {
    print_result(domain::FieldError{"request", "cannot be combined with the other options"}, kCommandName);
    return std::nullopt;
  }
  return read_request_file(path, kCommandName);
}

services::ServiceResult pooled_request(const PooledOptions& options) {
  json::object request;
  json::array groups;
  for (std::size_t i = 0; i < options.groups.size(); ++i) {
    const std::string& text = options.groups[i];
    auto first = text.find(':');
    auto second = first == std::string::npos ? first : text.find(':', first + 1);
    std::optional<long long> size, pools, positive;
    if (second != std::string::npos) {
      size = whole_number(std::string_view(text).substr(0, first));
      pools = whole_number(std::string_view(text).substr(first + 1, second - first - 1));
      positive = whole_number(std::string_view(text).substr(second + 1));
    }
    if (!size || !pools || !positive) {
      return domain::FieldError{fmt::format("groups[{}]", i), "must be written SIZE:POOLS:POSITIVE, e.g. 100:10:2"};
    }
    groups.push_back(json::object{{"pool_size", *size}, {"pools", *pools}, {"positive_pools", *positive}});
  }
  if (!groups.empty()) request["groups"] = std::move(groups);
  for (const auto& [option, field] : options.given.fields) {
    if (option->count() == 0 || field == "groups") continue;
    if (field == "interval") request[field] = options.interval;
    else if (field == "confidence") request[field] = options.confidence;
    else if (field == "fpr") request[field] = options.fpr;
    else if (field == "fnr") request[field] = options.fnr;
    else if (field == "pool_size") request[field] = options.pool_size;
    else if (field == "pools") request[field] = options.pools;
    else if (field == "positive_pools") request[field] = options.positive;
    else if (field == "max_iterations") request[field] = options.max_iterations;
  }
  return services::estimate_pooled(request);
}

json::value rates(const std::vector<double>& values) {
  if (values.size() == 1) return values.front();
  json::array array;
  for (double value : values) array.push_back(value);
  return array;
}

services::ServiceResult stacked_request(const StackedOptions& options) {
  json::object request;
  json::object counts;
  for (const auto& text : options.counts) {
    auto equals = text.rfind('=');
    auto count = equals == std::string::npos ? std::nullopt : whole_number(std::string_view(text).substr(equals + 1));
    if (!count) return domain::FieldError{"class_counts", "must be written CLASS=COUNT, e.g. none=30 or A+B=3"};
    counts[text.substr(0, equals)] = *count;
  }
  for (const auto& [option, field] : options.given.fields) {
    if (option->count() == 0) continue;
    if (field == "pool_size") request[field] = options.pool_size;
    else if (field == "pools") request[field] = options.pools;
    else if (field == "events") request[field] = json::value_from(options.events);
    else if (field == "class_counts") request[field] = counts;
    else if (field == "fpr") request[field] = rates(options.fpr);
    else if (field == "fnr") request[field] = rates(options.fnr);
    else if (field == "seed_types") request[field] = json::value_from(options.seed_types);
    else if (field == "max_iterations") request[field] = options.max_iterations;
  }
  return services::estimate_stacked(request);
}

}  // namespace

LabCommand add_estimate_command(CLI::App& cli, const std::filesystem::path& /*share_dir*/) {
  auto* estimate = cli.add_subcommand("estimate", "share of GM seeds in a lot from qualitative results on pools");
  estimate->require_subcommand(1);

  auto pooled_options = std::make_shared<PooledOptions>();
  auto* pooled = estimate->add_subcommand("pooled", "one or several pool sizes: MLE and confidence interval");
  auto& p = *pooled_options;
  p.given.fields = {
      {pooled->add_option("--pool-size", p.pool_size, "seeds per pool"), "pool_size"},
      {pooled->add_option("--pools", p.pools, "pools tested"), "pools"},
      {pooled->add_option("--positive", p.positive, "pools that tested positive"), "positive_pools"},
      {pooled->add_option("--group", p.groups, "SIZE:POOLS:POSITIVE, repeated for several pool sizes"), "groups"},
      {pooled->add_option("--confidence", p.confidence, "confidence level (default 0.95)"), "confidence"},
      {pooled->add_option("--interval", p.interval, "two_sided (default) or upper"), "interval"},
      {pooled->add_option("--fpr", p.fpr, "assay false-positive rate per pool (default 0)"), "fpr"},
      {pooled->add_option("--fnr", p.fnr, "assay false-negative rate per pool (default 0)"), "fnr"},
      {pooled->add_option("--max-iterations", p.max_iterations, "Newton steps allowed (several pool sizes)"),
       "max_iterations"}};
  pooled->add_option("--request", p.request, "the API's JSON request from a file, or - for standard input");

  auto stacked_options = std::make_shared<StackedOptions>();
  auto* stacked = estimate->add_subcommand("stacked", "shares of single-event and stacked seeds (1 to 3 events)");
  auto& s = *stacked_options;
  s.given.fields = {
      {stacked->add_option("--pool-size", s.pool_size, "seeds per pool"), "pool_size"},
      {stacked->add_option("--pools", s.pools, "pools tested (checked against the counts)"), "pools"},
      {stacked->add_option("--event", s.events, "event name, repeated (1 to 3)"), "events"},
      {stacked->add_option("--count", s.counts, "CLASS=COUNT: pools whose positive assays were CLASS (none, A, A+B, ...)"),
       "class_counts"},
      {stacked->add_option("--fpr", s.fpr, "false-positive rate: one for all assays, or one per event"), "fpr"},
      {stacked->add_option("--fnr", s.fnr, "false-negative rate: one for all assays, or one per event"), "fnr"},
      {stacked->add_option("--seed-type", s.seed_types, "GM seed type to model (e.g. A+B), repeated; default all"),
       "seed_types"},
      {stacked->add_option("--max-iterations", s.max_iterations, "EM steps allowed"), "max_iterations"}};
  stacked->add_option("--request", s.request, "the API's JSON request from a file, or - for standard input");

  auto run = [pooled, stacked, pooled_options, stacked_options]() -> int {
    if (pooled->parsed()) {
      if (pooled_options->request.empty()) return print_result(pooled_request(*pooled_options), kCommandName);
      auto request = request_from_file(pooled_options->request, pooled_options->given);
      return request ? print_result(services::estimate_pooled(*request), kCommandName) : 2;
    }
    if (stacked->parsed()) {
      if (stacked_options->request.empty()) return print_result(stacked_request(*stacked_options), kCommandName);
      auto request = request_from_file(stacked_options->request, stacked_options->given);
      return request ? print_result(services::estimate_stacked(*request), kCommandName) : 2;
    }
    return 2;
  };
  return LabCommand{estimate, run};
}

}  // namespace lmo::app
