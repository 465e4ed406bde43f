#include "app/quantify_command.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "services/quantification_service.hpp"

namespace lmo::app {

namespace {

namespace json = boost::json;
constexpr std::string_view command_name = "quantify";

// A command-line value as JSON: a whole number, another finite number, or else the text itself,
// so that the service names the field that is not a number.
json::value cli_value(const std::string& text) {
  long long whole = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, whole);
  if (error == std::errc() && stop == end) return whole;
  char* parsed_end = nullptr;
  double number = std::strtod(text.c_str(), &parsed_end);
  if (!text.empty() && parsed_end == end && std::isfinite(number)) return number;
  return json::value(text);
}

json::array cli_values(const std::vector<std::string>& texts) {
  json::array values;
  for (const auto& text : texts) values.push_back(cli_value(text));
  return values;
}

// "COPIES:CQ" pairs, e.g. 1e5:20.1.
json::array calibrants(const std::vector<std::string>& pairs) {
  json::array points;
  for (const auto& pair : pairs) {
    auto colon = pair.find(':');
    json::object point{{"copies", cli_value(pair.substr(0, colon))}};
    if (colon != std::string::npos) point["cq"] = cli_value(pair.substr(colon + 1));
    points.push_back(std::move(point));
  }
  return points;
}

// The options of one sub-subcommand: `--request FILE|-`, or friendly options (texts or
// comma-separated lists) from which the same JSON request is built.
class OptionSet {
 public:
  explicit OptionSet(CLI::App* command) : command_(command) {
    request_option_ =
        command->add_option("--request", request_, "the API request as JSON: a file, or - for standard input")
            ->type_name("FILE|-");
  }
  OptionSet(const OptionSet&) = delete;
  OptionSet& operator=(const OptionSet&) = delete;

  void text(const std::string& flag, const std::string& help, const std::string& type_name = "NUMBER") {
    auto& value = texts_[flag];
    value = std::make_unique<std::string>();
    friendly_.push_back(command_->add_option(flag, *value, help)->type_name(type_name));
  }
  void list(const std::string& flag, const std::string& help, const std::string& type_name) {
    auto& values = lists_[flag];
    values = std::make_unique<std::vector<std::string>>();
    friendly_.push_back(command_->add_option(flag, *values, help)->delimiter(',')->type_name(type_name));
  }
  bool given(const std::string& flag) const { return command_->count(flag) > 0; }
  bool chosen() const { return command_->parsed(); }
  const std::string& value(const std::string& flag) const { return *texts_.at(flag); }
  const std::vector<std::string>& values(const std::string& flag) const { return *lists_.at(flag); }
  // body[key] = the option's value (a number when it reads as one), when the option was given.
  void put(json::object& body, const char* key, const std::string& flag) const {
    if (given(flag)) body[key] = cli_value(value(flag));
  }

  // The request: read from --request, or built from the friendly options by `build`; nullopt
  // (after saying why) when both were given or the file cannot be read.
  std::optional<json::value> request(const std::function<json::object()>& build) const {
    if (request_option_->count() == 0) return json::value(build());
    for (const auto* option : friendly_) {
      if (option->count() > 0) {
        std::cerr << "lmo-portal " << command_name << ": --request: cannot be combined with " << option->get_name()
                  << "\n";
        return std::nullopt;
      }
    }
    return read_request_file(request_, command_name);
  }

 private:
  CLI::App* command_;
  std::string request_;
  CLI::Option* request_option_ = nullptr;
  std::vector<CLI::Option*> friendly_;
  std::map<std::string, std::unique_ptr<std::string>> texts_;
  std::map<std::string, std::unique_ptr<std::vector<std::string>>> lists_;
};

struct QuantifyCommands {
  QuantifyCommands(CLI::App* quantify)
      : qpcr(quantify->add_subcommand("qpcr", "standard-curve quantification and GM % from Cq values")),
        dpcr(quantify->add_subcommand("dpcr", "digital PCR: copies, concentration and interval (and GM %)")),
        decide(quantify->add_subcommand("decide", "decide a GM % result against a threshold with its uncertainty")),
        thresholds(quantify->add_subcommand("thresholds", "list the jurisdictions' thresholds")) {}
  OptionSet qpcr;
  OptionSet dpcr;
  OptionSet decide;
  CLI::App* thresholds;
};

json::object qpcr_request(const OptionSet& o) {
  json::object request;
  for (auto [key, flag] : {std::pair{"curve", "--curve"}, std::pair{"event_curve", "--event-curve"},
                           std::pair{"reference_curve", "--reference-curve"}}) {
    if (o.given(flag)) request[key] = calibrants(o.values(flag));
  }
  for (auto [key, flag] : {std::pair{"event_cq", "--event-cq"}, std::pair{"reference_cq", "--reference-cq"}}) {
    if (o.given(flag)) request[key] = cli_values(o.values(flag));
  }
  json::object acceptance;
  o.put(acceptance, "min_efficiency_percent", "--min-efficiency");
  o.put(acceptance, "max_efficiency_percent", "--max-efficiency");
  o.put(acceptance, "min_r_squared", "--min-r-squared");
  if (!acceptance.empty()) request["acceptance"] = std::move(acceptance);
  return request;
}

// The reference run falls back on the target's options (a duplex reaction) except for its
// positive count.
json::object dpcr_run(const OptionSet& o, const std::string& prefix, bool inherit) {
  json::object run;
  o.put(run, "positive", prefix + "positive");
  for (auto [key, flag] :
       {std::pair{"partitions", "partitions"}, std::pair{"partition_volume_nl", "partition-volume-nl"},
        std::pair{"reaction_volume_ul", "reaction-volume-ul"}, std::pair{"dilution_factor", "dilution-factor"}}) {
    o.put(run, key, prefix + flag);
    if (inherit && !run.contains(key)) o.put(run, key, std::string("--") + flag);
  }
  return run;
}

json::object dpcr_request(const OptionSet& o) {
  json::object request{{"target", dpcr_run(o, "--", false)}};
  if (o.given("--reference-positive") || o.given("--reference-partitions") ||
      o.given("--reference-partition-volume-nl")) {
    request["reference"] = dpcr_run(o, "--reference-", true);
  }
  o.put(request, "confidence", "--confidence");
  return request;
}

json::object decide_request(const OptionSet& o) {
  json::object request;
  for (auto [key, flag] : {std::pair{"result", "--result"}, std::pair{"threshold", "--threshold"}}) {
    if (o.given(flag)) request[key] = o.value(flag);
  }
  for (auto [key, flag] :
       {std::pair{"value", "--value"}, std::pair{"lod", "--lod"}, std::pair{"rsd_precision", "--rsd-precision"},
        std::pair{"u_precision", "--u-precision"}, std::pair{"rsd_bias", "--rsd-bias"}, std::pair{"u_bias", "--u-bias"},
        std::pair{"coverage_factor", "--coverage-factor"}, std::pair{"threshold_percent", "--threshold-percent"}}) {
    o.put(request, key, flag);
  }
  return request;
}

}  // namespace

LabCommand add_quantify_command(CLI::App& cli, const std::filesystem::path& share_dir) {
  auto* quantify = cli.add_subcommand("quantify", "qPCR and digital PCR quantification, GM %, compliance decisions");
  quantify->require_subcommand(1);
  auto commands = std::make_shared<QuantifyCommands>(quantify);

  auto& q = commands->qpcr;
  q.list("--curve", "one standard curve for both targets, comma-separated", "COPIES:CQ");
  q.list("--event-curve", "the event's standard curve, comma-separated", "COPIES:CQ");
  q.list("--reference-curve", "the taxon reference's standard curve, comma-separated", "COPIES:CQ");
  q.list("--event-cq", "the sample's event Cq replicates, comma-separated", "CQ");
  q.list("--reference-cq", "the sample's taxon reference Cq replicates, comma-separated", "CQ");
  q.text("--min-efficiency", "lowest acceptable efficiency in % (default 90)");
  q.text("--max-efficiency", "highest acceptable efficiency in % (default 110)");
  q.text("--min-r-squared", "lowest acceptable R² (default 0.98)");

  auto& d = commands->dpcr;
  d.text("--positive", "positive partitions");
  d.text("--partitions", "partitions analysed");
  d.text("--partition-volume-nl", "volume of one partition in nL");
  d.text("--reaction-volume-ul", "reaction volume in µL (default: partitions × partition volume)");
  d.text("--dilution-factor", "sample concentration = reaction concentration × this (default 1)");
  d.text("--reference-positive", "taxon reference: positive partitions (adds GM %)");
  d.text("--reference-partitions", "taxon reference: partitions (default: --partitions)");
  d.text("--reference-partition-volume-nl", "taxon reference: partition volume (default: the target's)");
  d.text("--reference-reaction-volume-ul", "taxon reference: reaction volume (default: the target's)");
  d.text("--reference-dilution-factor", "taxon reference: dilution factor (default: the target's)");
  d.text("--confidence", "confidence level of the intervals (default 0.95)");

  auto& c = commands->decide;
  c.text("--result", "quantified (default), identified or not_detected", "RESULT");
  c.text("--value", "the GM % result");
  c.text("--lod", "limit of detection in %: a lower value is not detected");
  c.text("--rsd-precision", "precision as a relative standard deviation, % of the value");
  c.text("--u-precision", "precision as a standard uncertainty, in % GM");
  c.text("--rsd-bias", "bias as a relative standard deviation, % of the value");
  c.text("--u-bias", "bias as a standard uncertainty, in % GM");
  c.text("--coverage-factor", "k in U = k·u (default 2)");
  c.text("--threshold", "threshold id, e.g. eu-labelling (see: quantify thresholds)", "ID");
  c.text("--threshold-percent", "an explicit threshold in %");

  auto thresholds_file = share_dir / "data" / "lab" / "thresholds.json";
  return LabCommand{
      quantify, [commands, thresholds_file]() -> int {
        if (commands->qpcr.chosen()) {
          auto request = commands->qpcr.request([&] { return qpcr_request(commands->qpcr); });
          return request ? print_result(services::quantify_qpcr(*request), command_name) : 2;
        }
        if (commands->dpcr.chosen()) {
          auto request = commands->dpcr.request([&] { return dpcr_request(commands->dpcr); });
          return request ? print_result(services::quantify_dpcr(*request), command_name) : 2;
        }
        if (commands->decide.chosen()) {
          auto request = commands->decide.request([&] { return decide_request(commands->decide); });
          if (!request) return 2;
          return print_result(services::decide_compliance(*request, services::ThresholdTable(thresholds_file)),
                              command_name);
        }
        if (commands->thresholds->parsed()) {
          return print_result(services::list_thresholds(services::ThresholdTable(thresholds_file)), command_name);
        }
        return 2;
      }};
}

}  // namespace lmo::app
