#include "services/crop_table.hpp"

#include <boost/json.hpp>

#include "services/data_file.hpp"

namespace lmo::services {

namespace json = boost::json;

namespace {

double weight(const json::object& weights, std::string_view name, const std::string& where) {
  const auto* value = weights.if_contains(name);
  if (!value || !value->is_number()) {
    throw BundledDataError(where + ": thousand_kernel_weight_g." + std::string(name) + " must be a number");
  }
  return value->to_number<double>();
}

bool has_text(const json::object& record, std::string_view name) {
  const auto* value = record.if_contains(name);
  return value && value->is_string() && !value->as_string().empty();
}

bool has_source(const json::object& record) {
  const auto* value = record.if_contains("source");
  if (!value) return false;
  if (value->is_string()) return !value->as_string().empty();
  if (!value->is_array() || value->as_array().empty()) return false;
  for (const auto& item : value->as_array()) {
    if (!item.is_string() || item.as_string().empty()) return false;
  }
  return true;
}

Crop read_crop(const json::value& entry, const std::string& origin, std::size_t index) {
  std::string where = origin + ": crops[" + std::to_string(index) + "]";
  const auto* record = entry.if_object();
  if (!record) throw BundledDataError(where + " must be an object");
  if (!has_text(*record, "id") || !has_text(*record, "scientific_name")) {
    throw BundledDataError(where + " needs an id and a scientific_name");
  }
  const auto* names = record->if_contains("common_names");
  if (!names || !names->is_object() || !names->as_object().if_contains("en")) {
    throw BundledDataError(where + " needs common_names with at least \"en\"");
  }
  if (!has_source(*record) || !has_text(*record, "retrieved") || !record->if_contains("verified") ||
      !record->at("verified").is_bool()) {
    throw BundledDataError(where + " needs source, retrieved and verified");
  }
  const auto* weights = record->if_contains("thousand_kernel_weight_g");
  if (!weights || !weights->is_object()) throw BundledDataError(where + " needs thousand_kernel_weight_g");
  Crop crop;
  crop.id = std::string(record->at("id").as_string());
  crop.scientific_name = std::string(record->at("scientific_name").as_string());
  crop.typical_g = weight(weights->as_object(), "typical", where);
  crop.min_g = weight(weights->as_object(), "min", where);
  crop.max_g = weight(weights->as_object(), "max", where);
  if (!(crop.min_g > 0.0 && crop.min_g <= crop.typical_g && crop.typical_g <= crop.max_g && crop.max_g <= 10'000.0)) {
    throw BundledDataError(where + ": thousand_kernel_weight_g needs 0 < min <= typical <= max <= 10000");
  }
  crop.verified = record->at("verified").as_bool();
  crop.record = *record;
  return crop;
}

}  // namespace

CropTable::CropTable(const json::value& document, const std::string& origin) {
  const auto* root = document.if_object();
  const auto* crops = root ? root->if_contains("crops") : nullptr;
  if (!crops || !crops->is_array()) throw BundledDataError(origin + ": needs a \"crops\" array");
  if (const auto* version = root->if_contains("version"); version && version->is_string()) {
    version_ = std::string(version->as_string());
  }
  for (std::size_t i = 0; i < crops->as_array().size(); ++i) {
    auto crop = read_crop(crops->as_array()[i], origin, i);
    if (find(crop.id)) throw BundledDataError(origin + ": crop \"" + crop.id + "\" appears twice");
    crops_.push_back(std::move(crop));
  }
}

CropTable CropTable::load(const std::filesystem::path& file) { return CropTable(read_json_file(file), file.string()); }

const Crop* CropTable::find(std::string_view id) const {
  for (const auto& crop : crops_) {
    if (crop.id == id) return &crop;
  }
  return nullptr;
}

}  // namespace lmo::services
