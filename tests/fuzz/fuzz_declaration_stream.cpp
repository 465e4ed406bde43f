// Fuzzes the declaration-stream readers: the same bytes screened as CSV and as NDJSON, whole
// and fed in pieces; no crash, and feeding in pieces gives the same NDJSON answer as one piece.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "domain/declaration_screener.hpp"
#include "services/declaration_screening.hpp"

namespace {

const lmo::domain::DeclarationScreener& screener() {
  static const lmo::domain::DeclarationScreener instance([] {
    lmo::domain::ScreeningPatterns p;
    p.identifiers = {{"MON-ØØ81Ø-6", "MON-ØØ81Ø-6"}};
    p.names = {{"MON810", "MON-ØØ81Ø-6"}, {"YieldGard", "MON-ØØ81Ø-6"}};
    p.gm_terms = {"genetically modified", "ogm"};
    p.hs_crops = {{"1005", "zea-mays"}};
    p.gm_origins = {{"US", "zea-mays"}};
    return p;
  }());
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  for (auto format : {lmo::services::StreamFormat::csv, lmo::services::StreamFormat::ndjson}) {
    std::istringstream in(bytes);
    std::ostringstream out, problems;
    lmo::services::screen_stream(in, format, screener(), out, problems);
  }
  lmo::services::NdjsonScreening whole(screener());
  std::string one = whole.feed(bytes) + whole.finish();
  lmo::services::NdjsonScreening pieces(screener());
  std::string many;
  std::size_t step = size % 7 + 1;
  for (std::size_t i = 0; i < bytes.size(); i += step) many += pieces.feed(std::string_view(bytes).substr(i, step));
  many += pieces.finish();
  if (one != many) __builtin_trap();
  return 0;
}
