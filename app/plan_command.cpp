#include "app/plan_command.hpp"

#include <boost/json.hpp>
#include <functional>
#include <iostream>
#include <memory>
#include <vector>

#include "services/data_file.hpp"
#include "services/sampling_service.hpp"

namespace lmo::app {

namespace json = boost::json;

namespace {

constexpr std::string_view command_name = "plan";

// The options of one sub-subcommand, each mapped to a field of the JSON request; only the
// options given on the command line become fields.
class RequestOptions {
 public:
  explicit RequestOptions(CLI::App* command) : command_(command) {
    command_->add_option("--request", request_file_, "JSON request as for the API (FILE, or - for standard input)");
  }

  RequestOptions& add_text(const std::string& flag, std::string field, const std::string& help) {
    auto value = std::make_shared<std::string>();
    auto* option = command_->add_option(flag, *value, help);
    fields_.push_back({option, [value, field](json::object& out) { out[field] = *value; }});
    return *this;
  }

  // Numbers go into the request as JSON numbers; anything else as the text itself, so that the
  // service refuses it with the field's name (exit 2) like any other bad input.
  RequestOptions& add_number(const std::string& flag, std::string field, const std::string& help) {
    auto value = std::make_shared<std::string>();
    auto* option = command_->add_option(flag, *value, help);
    fields_.push_back({option, [value, field](json::object& out) {
                         boost::system::error_code error;
                         auto parsed = json::parse(*value, error);
                         out[field] = !error && parsed.is_number() ? parsed : json::value(*value);
                       }});
    return *this;
  }

  RequestOptions& add_flag(const std::string& flag, std::string field, const std::string& help) {
    auto* option = command_->add_flag(flag, help);
    fields_.push_back({option, [field](json::object& out) { out[field] = true; }});
    return *this;
  }

  // The request: from --request, or from the options given; nullopt after printing why not.
  std::optional<json::value> request(const std::function<void(json::object&)>& complete = {}) const {
    bool any_option = false;
    json::object out;
    for (const auto& field : fields_) {
      if (field.option->count() == 0) continue;
      any_option = true;
      field.put(out);
    }
    if (!request_file_.empty()) {
      if (any_option) {
        std::cerr << "lmo-portal " << command_name << ": --request cannot be combined with other options\n";
        return std::nullopt;
      }
      return read_request_file(request_file_, command_name);
    }
    if (complete) complete(out);
    return json::value(std::move(out));
  }

  bool chosen() const { return command_->parsed(); }

 private:
  struct Field {
    CLI::Option* option;
    std::function<void(json::object&)> put;
  };
  CLI::App* command_;
  std::string request_file_;
  std::vector<Field> fields_;
};

int answer(const std::optional<json::value>& request,
           const std::function<services::ServiceResult(const json::value&)>& service) {
  if (!request) return 2;
  return print_result(service(*request), command_name);
}

}  // namespace

LabCommand add_plan_command(CLI::App& cli, const std::filesystem::path& share_dir) {
  auto* plan =
      cli.add_subcommand("plan", "sampling plans for seed lots: evaluate a plan, search the cheapest, seeds to detect");
  plan->require_subcommand(1);

  auto evaluate = std::make_shared<RequestOptions>(
      plan->add_subcommand("evaluate", "operating characteristic, producer and consumer risks of a plan"));
  (*evaluate)
      .add_text("--type", "type", "individual, pooled or double_stage (default: from the options given)")
      .add_number("--seeds", "seeds", "seeds tested one by one (individual plan)")
      .add_number("--pools", "pools", "pools (first-stage pools of a double-stage plan)")
      .add_number("--pool-size", "pool_size", "seeds per pool")
      .add_number("--accept", "acceptance_number", "accept when at most this many test positive")
      .add_number("--reject", "rejection_number", "double stage: reject when this many first-stage pools test positive")
      .add_number("--second-pools", "second_pools", "double stage: pools of the second stage")
      .add_number("--second-accept", "second_acceptance_number",
                  "double stage: accept when at most this many of all pools test positive")
      .add_number("--fpr", "false_positive_rate", "assay false-positive rate per pool")
      .add_number("--fnr", "false_negative_rate", "assay false-negative rate per pool")
      .add_number("--aql", "aql", "acceptable quality level, a fraction (0.001 = 0.1 %)")
      .add_number("--lql", "lql", "limiting quality level, a fraction")
      .add_number("--points", "points", "points of the operating characteristic (default 60)")
      .add_number("--max-pool-size", "max_pool_size", "largest pool the assay's detection limit allows")
      .add_number("--lod", "lod", "the assay's detection limit as a fraction (largest pool = 1/lod)");

  auto search = std::make_shared<RequestOptions>(
      plan->add_subcommand("search", "the cheapest plans meeting the producer and consumer risks"));
  (*search)
      .add_number("--lql", "lql", "limiting quality level, a fraction (required)")
      .add_number("--beta", "max_consumer_risk", "largest consumer risk at the LQL (default 0.05)")
      .add_number("--aql", "aql", "acceptable quality level, a fraction")
      .add_number("--alpha", "max_producer_risk", "largest producer risk at the AQL (default 0.05)")
      .add_number("--cost-assay", "cost_per_assay", "cost of one assay (default 1)")
      .add_number("--cost-seed", "cost_per_seed", "cost of one seed (default 0)")
      .add_number("--max-pool-size", "max_pool_size", "largest pool the assay's detection limit allows")
      .add_number("--lod", "lod", "the assay's detection limit as a fraction (largest pool = 1/lod)")
      .add_number("--fpr", "false_positive_rate", "assay false-positive rate per pool")
      .add_number("--fnr", "false_negative_rate", "assay false-negative rate per pool")
      .add_number("--max-pools", "max_pools", "most pools a plan may use (default 10000)")
      .add_number("--max-seeds", "max_seeds", "most seeds a sample may hold")
      .add_number("--max-accept", "max_acceptance_number", "largest acceptance number tried (default 20)")
      .add_flag("--double-stage", "include_double_stage", "also search double-stage plans (needs --aql)")
      .add_number("--limit", "limit", "how many plans to list (default 10)");

  auto seeds = std::make_shared<RequestOptions>(
      plan->add_subcommand("seeds", "seeds (and sample mass) needed to detect a GM fraction"));
  (*seeds)
      .add_number("--proportion", "proportion", "GM fraction to detect (0.001 = 0.1 %) (required)")
      .add_number("--confidence", "confidence", "confidence of detection (default 0.95)")
      .add_number("--pool-size", "pool_size", "seeds per pool (default 1: seeds one by one)")
      .add_number("--accept", "acceptance_number", "positives tolerated (default 0)")
      .add_number("--fpr", "false_positive_rate", "assay false-positive rate")
      .add_number("--fnr", "false_negative_rate", "assay false-negative rate")
      .add_text("--crop", "crop", "crop id for the sample mass, e.g. zea-mays (see `plan crops`)")
      .add_number("--tkw", "thousand_kernel_weight_g", "the lot's own thousand-kernel weight in grams")
      .add_number("--sample-mass", "sample_mass_g", "mass of the sample at hand in grams: is it enough?");

  auto crops = std::make_shared<RequestOptions>(
      plan->add_subcommand("crops", "the crops and thousand-kernel weights used for sample masses"));
  crops->add_text("--id", "id", "one crop only");

  auto crop_table = [share_dir] { return services::CropTable::load(share_dir / "data" / "lab" / "crops.json"); };

  LabCommand command;
  command.command = plan;
  command.run = [evaluate, search, seeds, crops, crop_table]() -> int {
    try {
      if (evaluate->chosen()) {
        auto request = evaluate->request([&](json::object& out) {
          if (out.contains("type")) return;
          bool double_stage = out.contains("second_pools") || out.contains("rejection_number");
          out["type"] = out.contains("seeds") ? "individual" : double_stage ? "double_stage" : "pooled";
        });
        return answer(request, services::evaluate_sampling_plan);
      }
      if (search->chosen()) return answer(search->request(), services::search_sampling_plans);
      if (seeds->chosen()) {
        auto table = crop_table();
        return answer(seeds->request(),
                      [&](const json::value& request) { return services::seeds_for_detection(request, table); });
      }
      if (crops->chosen()) {
        auto table = crop_table();
        return answer(crops->request(),
                      [&](const json::value& request) { return services::list_crops(request, table); });
      }
    } catch (const services::BundledDataError& error) {
      std::cerr << "lmo-portal " << command_name << ": " << error.what() << "\n";
      return 1;
    }
    return 2;
  };
  return command;
}

}  // namespace lmo::app
