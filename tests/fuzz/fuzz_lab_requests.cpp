// Fuzz target: the laboratory tools' JSON requests. The first byte picks a tool (sampling plan
// evaluation, plan search, seeds, pooled and stacked estimation, qPCR, dPCR, compliance
// decision, matrix interpretation, panel design); the rest is the request text. Invariants:
// nothing throws or crashes; an answer is either a field error with a non-empty field and
// message, or a document whose every number is finite (never NaN or infinity).
#include <boost/json.hpp>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>

#include "services/crop_table.hpp"
#include "services/estimation_service.hpp"
#include "services/json_request.hpp"
#include "services/quantification_service.hpp"
#include "services/sampling_service.hpp"
#include "services/screening_matrix_service.hpp"
#include "services/threshold_table.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace lmo;

bool all_finite(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::double_: return std::isfinite(value.get_double());
    case boost::json::kind::array:
      for (const auto& item : value.get_array()) {
        if (!all_finite(item)) return false;
      }
      return true;
    case boost::json::kind::object:
      for (const auto& member : value.get_object()) {
        if (!all_finite(member.value())) return false;
      }
      return true;
    default: return true;
  }
}

struct Data {
  services::CropTable crops = services::CropTable::load(LMO_SOURCE_DIR "/data/lab/crops.json");
  services::ThresholdTable thresholds{std::filesystem::path(LMO_SOURCE_DIR "/data/lab/thresholds.json")};
  domain::ScreeningMatrix matrix = std::get<domain::ScreeningMatrix>(
      domain::parse_screening_matrix_csv("method,cost,kind,E1,E2,E3\nP-35S,1,element,1,1,0\nT-nos,2,element,0,1,1\nbar,1,element,1,0,0\n"));
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  static const Data data;
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(bytes) + 1, size - 1);
  domain::FieldError parse_error;
  auto request = services::parse_request_json(text, parse_error);
  if (!request) {
    fuzz::require(!parse_error.message.empty());
    return 0;
  }
  services::ServiceResult result;
  switch (bytes[0] % 10) {
    case 0: result = services::evaluate_sampling_plan(*request); break;
    case 1: result = services::search_sampling_plans(*request); break;
    case 2: result = services::seeds_for_detection(*request, data.crops); break;
    case 3: result = services::estimate_pooled(*request); break;
    case 4: result = services::estimate_stacked(*request); break;
    case 5: result = services::quantify_qpcr(*request); break;
    case 6: result = services::quantify_dpcr(*request); break;
    case 7: result = services::decide_compliance(*request, data.thresholds); break;
    case 8: result = services::interpret_screening(*request, &data.matrix); break;
    default: result = services::design_panel(*request, &data.matrix); break;
  }
  if (const auto* error = domain::error_of(result)) {
    fuzz::require(!error->field.empty() && !error->message.empty());
  } else {
    fuzz::require(all_finite(std::get<boost::json::value>(result)));
  }
  return 0;
}
