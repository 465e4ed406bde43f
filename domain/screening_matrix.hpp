// ScreeningMatrix: which screening methods detect which events (domain.md §7, "method t
// detects event e"), as bit rows, with each method's cost and kind. Owns the two ways a
// matrix comes to be — a laboratory's CSV table and the registry's detection methods and
// LMOs — and their validation; a matrix that exists is well-formed (unique non-empty names,
// one row per method, sizes within the limits).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/bit_set.hpp"
#include "domain/field_error.hpp"
#include "domain/registry_records.hpp"

namespace lmo::domain {

inline constexpr std::size_t kMaxMatrixEvents = 5000;
inline constexpr std::size_t kMaxMatrixMethods = 2000;
inline constexpr std::size_t kMaxMatrixNameLength = 200;
inline constexpr double kMaxMethodCost = 1e9;

// What a method targets. A virus marker detects no event: it tells whether a plant virus
// (CaMV, FMV) is in the sample, which a positive element screen (P-35S, P-FMV) may come from.
enum class MethodKind { element, construct, event, virus_marker, unspecified };
// "element", "construct", "event", "virus_marker", "unspecified".
std::string_view method_kind_name(MethodKind kind);
std::optional<MethodKind> parse_method_kind(std::string_view name);

struct ScreeningMethod {
  std::string name;   // what results refer to: "P-35S", "QT-ELE-00-004"
  std::string label;  // a longer description (the name when there is none)
  double cost = 1.0;  // in (0, kMaxMethodCost]
  MethodKind kind = MethodKind::unspecified;
  // For a screening method: a plant virus whose genome also carries the target (a positive
  // may come from the virus). For a virus marker: the virus it detects. Empty: none.
  std::string virus;
  std::vector<std::string> targets;  // genetic element ids, when known
};

struct ScreeningEvent {
  std::string name;   // what requests refer to: the registry key, or the CSV column header
  std::string label;  // the event name shown to people (the name when there is none)
};

class ScreeningMatrix {
 public:
  // Checks and assembles a matrix: at least one event and one method, at most
  // kMaxMatrixEvents / kMaxMatrixMethods, names non-empty, unique and at most
  // kMaxMatrixNameLength bytes, costs in (0, kMaxMethodCost], one row of events.size() bits
  // per method. Fields in errors: "events[i]", "methods[i]", "methods[i].cost", "detects[i]".
  static Checked<ScreeningMatrix> make(std::vector<ScreeningEvent> events, std::vector<ScreeningMethod> methods,
                                       std::vector<BitSet> detects);

  const std::vector<ScreeningEvent>& events() const { return events_; }
  const std::vector<ScreeningMethod>& methods() const { return methods_; }
  // The events method m detects.
  const BitSet& detects(std::size_t method) const { return detects_[method]; }

  std::optional<std::size_t> find_method(std::string_view name) const;
  // By name; else by label when exactly one event has it.
  std::optional<std::size_t> find_event(std::string_view name_or_label) const;

 private:
  ScreeningMatrix() = default;
  std::vector<ScreeningEvent> events_;
  std::vector<ScreeningMethod> methods_;
  std::vector<BitSet> detects_;
};

// A laboratory's matrix as CSV: a header row, then one row per method. The first column holds
// the method names (its header is free, e.g. "method"); the other header cells name the
// events, except the optional columns "cost" (a positive number, default 1), "kind" (element,
// construct, event, virus_marker; empty = unspecified) and "virus" (the plant virus a positive
// may come from, or that a virus marker detects), recognised by header case-insensitively.
// Cells are 0 or 1 (spaces around them are ignored). Without a "virus" column, methods whose
// name mentions 35S or CaMV get "Cauliflower mosaic virus" and FMV "Figwort mosaic virus".
// Errors name `field` and say where: "row 4 (method bar), column MON810: must be 0 or 1".
// Rows are counted as lines of the text, the header being row 1.
Checked<ScreeningMatrix> parse_screening_matrix_csv(std::string_view text, const std::string& field = "matrix_csv");

// The registry's screening matrix: one column per LMO (name = key, label = event name), one
// row per element, construct or event method (name = code; cost 1) and per virus marker.
// - element methods detect every LMO whose elements, with its stack parents' elements
//   (recursively), contain a target — or an element that contains a target's sequence
//   (the enhanced 35S promoter p-e35s carries the 35S promoter p-35s);
// - construct and event methods detect the LMOs in `detects` and every stack that has one of
//   them among its parents (recursively); `detects` entries naming no LMO are left out;
// - a taxon method whose target names the viral origin of an element (e.g. "Cauliflower
//   mosaic virus ORF IV") is a virus marker; other taxon methods (reference genes) are left
//   out. An element method's `virus` is the origin of its targets when that is a virus.
// LMO `parents` must already be registry keys (services::resolve_lmo_references does that).
// Errors: duplicate codes or keys ("methods[i].code", "lmos[i].key"), too many of either.
Checked<ScreeningMatrix> build_matrix_from_registry(const std::vector<DetectionMethod>& methods,
                                                   const std::vector<Lmo>& lmos,
                                                   const std::vector<GeneticElement>& elements);

}  // namespace lmo::domain
