#include "domain/screening_matrix.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "domain/csv_table.hpp"

namespace lmo::domain {

namespace {

std::string trim(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  return std::string(text.substr(begin, end - begin));
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Lower-case letters and digits only: "P-35S" → "p35s".
std::string compact(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

constexpr std::string_view kCauliflowerMosaicVirus = "Cauliflower mosaic virus";
constexpr std::string_view kFigwortMosaicVirus = "Figwort mosaic virus";

// The plant virus a method's name points to: the 35S promoter and terminator come from CaMV,
// the 34S promoter "P-FMV" from FMV.
std::string virus_named_in(std::string_view method_name) {
  std::string c = compact(method_name);
  if (c.find("35s") != std::string::npos || c.find("camv") != std::string::npos ||
      c.find("cauliflowermosaic") != std::string::npos) {
    return std::string(kCauliflowerMosaicVirus);
  }
  if (c.find("fmv") != std::string::npos || c.find("figwortmosaic") != std::string::npos) {
    return std::string(kFigwortMosaicVirus);
  }
  return "";
}

std::optional<double> parse_cost(std::string_view text) {
  double value = 0;
  auto [end, code] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (code != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool cost_in_range(double cost) { return std::isfinite(cost) && cost > 0 && cost <= kMaxMethodCost; }

// Elements that carry another element's sequence, so a method for the latter detects them.
// The enhanced 35S promoter is the 35S promoter with its enhancer region duplicated.
const std::multimap<std::string, std::string>& elements_containing() {
  static const std::multimap<std::string, std::string> table{{"p-35s", "p-e35s"}};
  return table;
}

}  // namespace

std::string_view method_kind_name(MethodKind kind) {
  switch (kind) {
    case MethodKind::element: return "element";
    case MethodKind::construct: return "construct";
    case MethodKind::event: return "event";
    case MethodKind::virus_marker: return "virus_marker";
    case MethodKind::unspecified: return "unspecified";
  }
  return "unspecified";
}

std::optional<MethodKind> parse_method_kind(std::string_view name) {
  for (MethodKind kind : {MethodKind::element, MethodKind::construct, MethodKind::event, MethodKind::virus_marker,
                          MethodKind::unspecified}) {
    if (method_kind_name(kind) == name) return kind;
  }
  return std::nullopt;
}

Checked<ScreeningMatrix> ScreeningMatrix::make(std::vector<ScreeningEvent> events, std::vector<ScreeningMethod> methods,
                                               std::vector<BitSet> detects) {
  if (events.empty()) return FieldError{"events", "must hold at least one event"};
  if (methods.empty()) return FieldError{"methods", "must hold at least one method"};
  if (events.size() > kMaxMatrixEvents) {
    return FieldError{"events", "must hold at most " + std::to_string(kMaxMatrixEvents) + " events"};
  }
  if (methods.size() > kMaxMatrixMethods) {
    return FieldError{"methods", "must hold at most " + std::to_string(kMaxMatrixMethods) + " methods"};
  }
  auto check_name = [](const std::string& name, const std::string& field,
                       std::set<std::string_view>& seen) -> std::optional<FieldError> {
    if (name.empty()) return FieldError{field, "must have a name"};
    if (name.size() > kMaxMatrixNameLength) {
      return FieldError{field, "must have a name of at most " + std::to_string(kMaxMatrixNameLength) + " bytes"};
    }
    if (!seen.insert(name).second) return FieldError{field, "repeats the name \"" + name + "\""};
    return std::nullopt;
  };
  std::set<std::string_view> event_names;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (auto error = check_name(events[i].name, "events[" + std::to_string(i) + "]", event_names)) return *error;
    if (events[i].label.empty()) events[i].label = events[i].name;
  }
  std::set<std::string_view> method_names;
  for (std::size_t i = 0; i < methods.size(); ++i) {
    std::string field = "methods[" + std::to_string(i) + "]";
    if (auto error = check_name(methods[i].name, field, method_names)) return *error;
    if (!cost_in_range(methods[i].cost)) return FieldError{field + ".cost", "must be a number above 0 and at most 1e9"};
    if (methods[i].label.empty()) methods[i].label = methods[i].name;
  }
  if (detects.size() != methods.size()) return FieldError{"detects", "must hold one row per method"};
  for (std::size_t i = 0; i < detects.size(); ++i) {
    if (detects[i].size() != events.size()) {
      return FieldError{"detects[" + std::to_string(i) + "]", "must hold one bit per event"};
    }
  }
  ScreeningMatrix matrix;
  matrix.events_ = std::move(events);
  matrix.methods_ = std::move(methods);
  matrix.detects_ = std::move(detects);
  return matrix;
}

std::optional<std::size_t> ScreeningMatrix::find_method(std::string_view name) const {
  for (std::size_t i = 0; i < methods_.size(); ++i) {
    if (methods_[i].name == name) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> ScreeningMatrix::find_event(std::string_view name_or_label) const {
  std::optional<std::size_t> by_label;
  std::size_t labelled = 0;
  for (std::size_t i = 0; i < events_.size(); ++i) {
    if (events_[i].name == name_or_label) return i;
    if (events_[i].label == name_or_label) {
      by_label = i;
      ++labelled;
    }
  }
  if (labelled == 1) return by_label;
  return std::nullopt;
}

Checked<ScreeningMatrix> parse_screening_matrix_csv(std::string_view text, const std::string& field) {
  CsvResult table = parse_csv(text, kMaxMatrixMethods + 1);
  if (!table.error.empty()) {
    if (table.error == "too many rows") {
      return FieldError{field, "must hold at most " + std::to_string(kMaxMatrixMethods) + " method rows"};
    }
    return FieldError{field, "line " + std::to_string(table.error_line) + ": " + table.error};
  }
  if (table.rows.empty()) return FieldError{field, "is empty"};
  const CsvRow& header = table.rows.front();

  // Columns: 0 = method names; then the optional columns and the events.
  std::optional<std::size_t> cost_column, kind_column, virus_column;
  std::vector<std::size_t> event_columns;
  std::vector<ScreeningEvent> events;
  std::set<std::string> event_seen;
  for (std::size_t c = 1; c < header.fields.size(); ++c) {
    std::string name = trim(header.fields[c]);
    std::string key = lower(name);
    std::string where = "row " + std::to_string(header.line) + ", column " + std::to_string(c + 1);
    auto optional_column = [&](std::optional<std::size_t>& column) -> std::optional<FieldError> {
      if (column) return FieldError{field, where + ": repeats the column \"" + name + "\""};
      column = c;
      return std::nullopt;
    };
    std::optional<FieldError> error;
    if (key == "cost") {
      error = optional_column(cost_column);
    } else if (key == "kind") {
      error = optional_column(kind_column);
    } else if (key == "virus") {
      error = optional_column(virus_column);
    } else {
      if (name.empty()) return FieldError{field, where + ": the event name is empty"};
      if (name.size() > kMaxMatrixNameLength) {
        return FieldError{field, where + ": the event name is longer than " + std::to_string(kMaxMatrixNameLength) + " bytes"};
      }
      if (!event_seen.insert(name).second) {
        return FieldError{field, where + ": repeats the event \"" + name + "\""};
      }
      if (events.size() == kMaxMatrixEvents) {
        return FieldError{field, "must hold at most " + std::to_string(kMaxMatrixEvents) + " event columns"};
      }
      events.push_back({name, name});
      event_columns.push_back(c);
    }
    if (error) return *error;
  }
  if (events.empty()) return FieldError{field, "has no event columns (the header row names the events)"};
  if (table.rows.size() < 2) return FieldError{field, "has no method rows (one row per method follows the header)"};

  std::vector<ScreeningMethod> methods;
  std::vector<BitSet> detects;
  std::set<std::string> method_seen;
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const CsvRow& row = table.rows[r];
    std::string where = "row " + std::to_string(row.line);
    if (row.fields.size() != header.fields.size()) {
      return FieldError{field, where + ": has " + std::to_string(row.fields.size()) + " cells where the header has " +
                                   std::to_string(header.fields.size())};
    }
    ScreeningMethod method;
    method.name = trim(row.fields[0]);
    if (method.name.empty()) return FieldError{field, where + ": the method name is empty"};
    if (method.name.size() > kMaxMatrixNameLength) {
      return FieldError{field, where + ": the method name is longer than " + std::to_string(kMaxMatrixNameLength) + " bytes"};
    }
    if (!method_seen.insert(method.name).second) {
      return FieldError{field, where + ": repeats the method \"" + method.name + "\""};
    }
    where += " (method " + method.name + ")";
    method.label = method.name;
    if (cost_column) {
      std::string cell = trim(row.fields[*cost_column]);
      if (!cell.empty()) {
        auto cost = parse_cost(cell);
        if (!cost || !cost_in_range(*cost)) {
          return FieldError{field, where + ", column cost: must be a number above 0 and at most 1e9"};
        }
        method.cost = *cost;
      }
    }
    if (kind_column) {
      std::string cell = lower(trim(row.fields[*kind_column]));
      if (!cell.empty()) {
        auto kind = parse_method_kind(cell);
        if (!kind) {
          return FieldError{field, where + ", column kind: must be one of element, construct, event, virus_marker"};
        }
        method.kind = *kind;
      }
    }
    method.virus = virus_column ? trim(row.fields[*virus_column]) : virus_named_in(method.name);
    BitSet bits(events.size());
    for (std::size_t e = 0; e < events.size(); ++e) {
      std::string cell = trim(row.fields[event_columns[e]]);
      if (cell == "1") {
        bits.set(e);
      } else if (cell != "0") {
        return FieldError{field, where + ", column " + events[e].name + ": must be 0 or 1"};
      }
    }
    methods.push_back(std::move(method));
    detects.push_back(std::move(bits));
  }
  auto matrix = ScreeningMatrix::make(std::move(events), std::move(methods), std::move(detects));
  if (const auto* error = error_of(matrix)) return FieldError{field, error->field + ": " + error->message};
  return matrix;
}

Checked<ScreeningMatrix> build_matrix_from_registry(const std::vector<DetectionMethod>& methods,
                                                   const std::vector<Lmo>& lmos,
                                                   const std::vector<GeneticElement>& elements) {
  if (lmos.size() > kMaxMatrixEvents) {
    return FieldError{"lmos", "must hold at most " + std::to_string(kMaxMatrixEvents) + " LMOs"};
  }
  std::map<std::string_view, std::size_t> lmo_index;
  for (std::size_t i = 0; i < lmos.size(); ++i) {
    if (!lmo_index.emplace(lmos[i].key, i).second) {
      return FieldError{"lmos[" + std::to_string(i) + "].key", "repeats the key \"" + lmos[i].key + "\""};
    }
  }
  std::map<std::string_view, const GeneticElement*> element_by_id;
  for (const auto& element : elements) element_by_id.emplace(element.id, &element);
  auto viral_origin = [&](const std::string& element_id) -> std::string {
    auto found = element_by_id.find(element_id);
    if (found == element_by_id.end()) return "";
    const std::string& origin = found->second->origin;
    return lower(origin).find("virus") != std::string::npos ? origin : "";
  };

  // Each LMO with its stack descendants (stacks that have it among their parents, at any
  // depth), and its elements with those of its parents (at any depth). Cycles are cut.
  std::vector<std::vector<std::size_t>> children(lmos.size());
  for (std::size_t i = 0; i < lmos.size(); ++i) {
    for (const auto& parent : lmos[i].parents) {
      if (auto found = lmo_index.find(parent); found != lmo_index.end() && found->second != i) {
        children[found->second].push_back(i);
      }
    }
  }
  auto with_descendants = [&](std::size_t start, BitSet& into) {
    std::vector<std::size_t> stack{start};
    while (!stack.empty()) {
      std::size_t at = stack.back();
      stack.pop_back();
      if (into.test(at)) continue;
      into.set(at);
      for (std::size_t child : children[at]) stack.push_back(child);
    }
  };
  std::vector<std::set<std::string>> element_closure(lmos.size());
  for (std::size_t i = 0; i < lmos.size(); ++i) {
    BitSet seen(lmos.size());
    std::vector<std::size_t> stack{i};
    while (!stack.empty()) {
      std::size_t at = stack.back();
      stack.pop_back();
      if (seen.test(at)) continue;
      seen.set(at);
      element_closure[i].insert(lmos[at].elements.begin(), lmos[at].elements.end());
      for (const auto& parent : lmos[at].parents) {
        if (auto found = lmo_index.find(parent); found != lmo_index.end()) stack.push_back(found->second);
      }
    }
  }

  std::vector<ScreeningEvent> events;
  for (const auto& lmo : lmos) events.push_back({lmo.key, lmo.event_name.empty() ? lmo.key : lmo.event_name});

  std::set<std::string> viral_origins;
  for (const auto& element : elements) {
    if (auto origin = viral_origin(element.id); !origin.empty()) viral_origins.insert(origin);
  }

  std::vector<ScreeningMethod> rows;
  std::vector<BitSet> detects;
  std::set<std::string_view> codes;
  for (std::size_t m = 0; m < methods.size(); ++m) {
    const DetectionMethod& method = methods[m];
    if (!codes.insert(method.code).second) {
      return FieldError{"methods[" + std::to_string(m) + "].code", "repeats the code \"" + method.code + "\""};
    }
    ScreeningMethod row;
    row.name = method.code;
    row.label = method.name;
    row.targets = method.targets;
    BitSet bits(lmos.size());
    if (method.scope == "element") {
      row.kind = MethodKind::element;
      std::set<std::string> wanted(method.targets.begin(), method.targets.end());
      for (const auto& target : method.targets) {
        auto [first, last] = elements_containing().equal_range(target);
        for (auto it = first; it != last; ++it) wanted.insert(it->second);
        if (row.virus.empty()) row.virus = viral_origin(target);
      }
      for (std::size_t i = 0; i < lmos.size(); ++i) {
        for (const auto& element : element_closure[i]) {
          if (wanted.count(element)) {
            bits.set(i);
            break;
          }
        }
      }
    } else if (method.scope == "construct" || method.scope == "event") {
      row.kind = method.scope == "construct" ? MethodKind::construct : MethodKind::event;
      for (const auto& key : method.detects) {
        if (auto found = lmo_index.find(key); found != lmo_index.end()) with_descendants(found->second, bits);
      }
    } else {
      // A taxon method is a virus marker when a target names a viral origin of an element.
      for (const auto& target : method.targets) {
        for (const auto& origin : viral_origins) {
          if (row.virus.empty() && lower(target).find(lower(origin)) != std::string::npos) row.virus = origin;
        }
      }
      if (row.virus.empty()) continue;
      row.kind = MethodKind::virus_marker;
    }
    if (rows.size() == kMaxMatrixMethods) {
      return FieldError{"methods", "must hold at most " + std::to_string(kMaxMatrixMethods) + " screening methods"};
    }
    rows.push_back(std::move(row));
    detects.push_back(std::move(bits));
  }
  return ScreeningMatrix::make(std::move(events), std::move(rows), std::move(detects));
}

}  // namespace lmo::domain
