// CropTable: the crops whose thousand-kernel weight (grams per 1000 seeds) turns a sampling
// plan's seed count into a sample mass, from data/lab/crops.json. Each crop keeps its bundled
// record (names, weights, source, retrieved, verified, note) for GET /api/v1/lab/crops.
// Immutable after load; thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace lmo::services {

struct Crop {
  std::string id;  // the registry organism id where there is one ("zea-mays")
  std::string scientific_name;
  double typical_g = 0.0;  // thousand-kernel weight, grams per 1000 seeds
  double min_g = 0.0;
  double max_g = 0.0;
  bool verified = false;
  boost::json::object record;  // as bundled
};

class CropTable {
 public:
  // Throws BundledDataError naming `origin` when the document is malformed: a missing or
  // duplicate id, weights that are not 0 < min ≤ typical ≤ max, or missing provenance.
  explicit CropTable(const boost::json::value& document, const std::string& origin = "crops.json");
  static CropTable load(const std::filesystem::path& file);

  const Crop* find(std::string_view id) const;
  const std::vector<Crop>& crops() const { return crops_; }
  const std::string& version() const { return version_; }

 private:
  std::vector<Crop> crops_;
  std::string version_;
};

}  // namespace lmo::services
