// ScreeningMatrix: reading a laboratory's CSV matrix (every refusal names where it is), the
// checks of make(), and the matrix built from the bundled registry (data/registry/*.json):
// element methods reach events through their elements and their stack parents', event
// methods reach the stacks of their event, taxon reference methods stay out.
#include "domain/screening_matrix.hpp"

#include <gtest/gtest.h>

#include <string>

#include "services/registry_loader.hpp"
#include "test_support.hpp"

using lmo::domain::BitSet;
using lmo::domain::build_matrix_from_registry;
using lmo::domain::error_of;
using lmo::domain::FieldError;
using lmo::domain::kMaxMatrixEvents;
using lmo::domain::kMaxMatrixMethods;
using lmo::domain::MethodKind;
using lmo::domain::parse_screening_matrix_csv;
using lmo::domain::ScreeningEvent;
using lmo::domain::ScreeningMatrix;
using lmo::domain::ScreeningMethod;

namespace {

// The matrix (a failed check throws std::bad_variant_access after reporting the error).
ScreeningMatrix ok(lmo::domain::Checked<ScreeningMatrix> checked) {
  if (const auto* error = error_of(checked)) ADD_FAILURE() << error->field << ": " << error->message;
  return std::get<ScreeningMatrix>(std::move(checked));
}

FieldError refused(const lmo::domain::Checked<ScreeningMatrix>& checked) {
  const auto* error = error_of(checked);
  if (!error) {
    ADD_FAILURE() << "the matrix was accepted";
    return {};
  }
  return *error;
}

std::vector<std::string> detected(const ScreeningMatrix& matrix, std::string_view method) {
  std::vector<std::string> names;
  matrix.detects(*matrix.find_method(method)).for_each([&](std::size_t e) { names.push_back(matrix.events()[e].name); });
  return names;
}

const char* kLabMatrix =
    "method,cost,kind,MON810,NK603,GA21,T25\n"
    "P-35S,1,element,1,1,0,1\n"
    "T-nos,1.5,element,0,1,1,0\n"
    " pat ,,element, 0 ,0,0,1\n"
    "MON810 junction,3,event,1,0,0,0\n"
    "CaMV,2,virus_marker,0,0,0,0\n";

}  // namespace

TEST(ScreeningMatrixCsv, ReadsMethodsEventsCostsAndKinds) {
  const auto& matrix = ok(parse_screening_matrix_csv(kLabMatrix));
  ASSERT_EQ(matrix.events().size(), 4u);
  ASSERT_EQ(matrix.methods().size(), 5u);
  EXPECT_EQ(matrix.events()[3].name, "T25");
  EXPECT_EQ(matrix.events()[3].label, "T25");
  EXPECT_EQ(detected(matrix, "P-35S"), (std::vector<std::string>{"MON810", "NK603", "T25"}));
  EXPECT_EQ(detected(matrix, "pat"), (std::vector<std::string>{"T25"}));  // names and cells are trimmed
  EXPECT_DOUBLE_EQ(matrix.methods()[1].cost, 1.5);
  EXPECT_DOUBLE_EQ(matrix.methods()[2].cost, 1.0);  // empty cost: the default
  EXPECT_EQ(matrix.methods()[3].kind, MethodKind::event);
  EXPECT_EQ(matrix.methods()[4].kind, MethodKind::virus_marker);
  // Without a virus column the 35S and CaMV names point to CaMV; others to no virus.
  EXPECT_EQ(matrix.methods()[0].virus, "Cauliflower mosaic virus");
  EXPECT_EQ(matrix.methods()[4].virus, "Cauliflower mosaic virus");
  EXPECT_EQ(matrix.methods()[1].virus, "");
  EXPECT_EQ(matrix.find_method("T-nos"), 1u);
  EXPECT_FALSE(matrix.find_method("t-nos"));
  EXPECT_EQ(matrix.find_event("GA21"), 2u);
}

TEST(ScreeningMatrixCsv, MinimalTableWithoutOptionalColumns) {
  const auto& matrix = ok(parse_screening_matrix_csv("\xEF\xBB\xBFmethod,E1,E2\r\nP-FMV,0,1\r\nbar,1,0\r\n"));
  EXPECT_EQ(matrix.methods()[0].kind, MethodKind::unspecified);
  EXPECT_EQ(matrix.methods()[0].virus, "Figwort mosaic virus");
  EXPECT_EQ(matrix.methods()[1].virus, "");
  EXPECT_DOUBLE_EQ(matrix.methods()[1].cost, 1.0);
}

TEST(ScreeningMatrixCsv, VirusColumnOverridesNames) {
  const auto& matrix = ok(parse_screening_matrix_csv("method,Virus,E1\nP-35S,,1\nP-CsVMV,Cassava vein mosaic virus,1\n"));
  EXPECT_EQ(matrix.methods()[0].virus, "");
  EXPECT_EQ(matrix.methods()[1].virus, "Cassava vein mosaic virus");
}

TEST(ScreeningMatrixCsv, EveryBadTableIsRefusedSayingWhere) {
  struct Case {
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"", "is empty"},
      {"\n\n", "is empty"},
      {"method\nP-35S\n", "has no event columns (the header row names the events)"},
      {"method,cost,kind\nP-35S,1,element\n", "has no event columns (the header row names the events)"},
      {"method,E1,E2\n", "has no method rows (one row per method follows the header)"},
      {"method,E1,E2\nP-35S,1,x\n", "row 2 (method P-35S), column E2: must be 0 or 1"},
      {"method,E1,E2\nP-35S,1,\n", "row 2 (method P-35S), column E2: must be 0 or 1"},
      {"method,E1,E2\nP-35S,1,2\n", "row 2 (method P-35S), column E2: must be 0 or 1"},
      {"method,E1,E2\nP-35S,1,0\nbar,0,1.0\n", "row 3 (method bar), column E2: must be 0 or 1"},
      {"method,E1,E2\nP-35S,1,0\nP-35S,0,1\n", "row 3: repeats the method \"P-35S\""},
      {"method,E1,E1\nP-35S,1,0\n", "row 1, column 3: repeats the event \"E1\""},
      {"method,E1, \nP-35S,1,0\n", "row 1, column 3: the event name is empty"},
      {"method,cost,E1,COST\nP-35S,1,0,1\n", "row 1, column 4: repeats the column \"COST\""},
      {"method,E1,E2\nP-35S,1\n", "row 2: has 2 cells where the header has 3"},
      {"method,E1,E2\nP-35S,1,0,1\n", "row 2: has 4 cells where the header has 3"},
      {"method,E1\n,1\n", "row 2: the method name is empty"},
      {"method,cost,E1\nP-35S,0,1\n", "row 2 (method P-35S), column cost: must be a number above 0 and at most 1e9"},
      {"method,cost,E1\nP-35S,-1,1\n", "row 2 (method P-35S), column cost: must be a number above 0 and at most 1e9"},
      {"method,cost,E1\nP-35S,abc,1\n", "row 2 (method P-35S), column cost: must be a number above 0 and at most 1e9"},
      {"method,cost,E1\nP-35S,inf,1\n", "row 2 (method P-35S), column cost: must be a number above 0 and at most 1e9"},
      {"method,kind,E1\nP-35S,promoter,1\n", "row 2 (method P-35S), column kind: must be one of element, construct, event, virus_marker"},
      {"method,E1\nP-35S,\"1", "line 2: a quoted field is not closed"},
      {"method,E1\nP-35S,1\"\n", "line 2: a quote inside an unquoted field"},
      {"method,E1\nP-35S," + std::string(1, '1') + "\n" + std::string(201, 'x') + ",0\n",
       "row 3: the method name is longer than 200 bytes"},
  };
  for (const auto& c : cases) {
    FieldError error = refused(parse_screening_matrix_csv(c.text));
    EXPECT_EQ(error.field, "matrix_csv") << c.text;
    EXPECT_EQ(error.message, c.message) << c.text;
  }
  EXPECT_EQ(refused(parse_screening_matrix_csv("", "body.csv")).field, "body.csv");
}

TEST(ScreeningMatrixCsv, SizeLimits) {
  std::string wide = "method";
  std::string row = "M";
  for (std::size_t e = 0; e <= kMaxMatrixEvents; ++e) {
    wide += ",E" + std::to_string(e);
    row += ",0";
  }
  FieldError error = refused(parse_screening_matrix_csv(wide + "\n" + row + "\n"));
  EXPECT_EQ(error.message, "must hold at most 5000 event columns");

  std::string tall = "method,E1\n";
  for (std::size_t m = 0; m <= kMaxMatrixMethods; ++m) tall += "M" + std::to_string(m) + ",1\n";
  error = refused(parse_screening_matrix_csv(tall));
  EXPECT_EQ(error.message, "must hold at most 2000 method rows");

  // Exactly at the limits is fine.
  std::string at_limit = "method,E1\n";
  for (std::size_t m = 0; m < kMaxMatrixMethods; ++m) at_limit += "M" + std::to_string(m) + ",1\n";
  EXPECT_EQ(ok(parse_screening_matrix_csv(at_limit)).methods().size(), kMaxMatrixMethods);
}

TEST(ScreeningMatrixMake, ChecksNamesCostsAndRows) {
  auto method = [](std::string name, double cost = 1) {
    ScreeningMethod m;
    m.name = std::move(name);
    m.cost = cost;
    return m;
  };
  std::vector<ScreeningEvent> two_events{{"E1", ""}, {"E2", "Event two"}};
  auto rows = [](std::size_t n, std::size_t bits) { return std::vector<BitSet>(n, BitSet(bits)); };

  const auto& matrix = ok(ScreeningMatrix::make(two_events, {method("A")}, rows(1, 2)));
  EXPECT_EQ(matrix.events()[0].label, "E1");  // an empty label becomes the name
  EXPECT_EQ(matrix.find_event("Event two"), 1u);
  EXPECT_EQ(matrix.methods()[0].label, "A");

  EXPECT_EQ(refused(ScreeningMatrix::make({}, {method("A")}, rows(1, 0))).field, "events");
  EXPECT_EQ(refused(ScreeningMatrix::make(two_events, {}, {})).field, "methods");
  EXPECT_EQ(refused(ScreeningMatrix::make({{"E1", ""}, {"E1", ""}}, {method("A")}, rows(1, 2))).field, "events[1]");
  EXPECT_EQ(refused(ScreeningMatrix::make({{"", ""}}, {method("A")}, rows(1, 1))).field, "events[0]");
  EXPECT_EQ(refused(ScreeningMatrix::make(two_events, {method("A"), method("A")}, rows(2, 2))).field, "methods[1]");
  EXPECT_EQ(refused(ScreeningMatrix::make(two_events, {method("A", 0)}, rows(1, 2))).field, "methods[0].cost");
  EXPECT_EQ(refused(ScreeningMatrix::make(two_events, {method("A", NAN)}, rows(1, 2))).field, "methods[0].cost");
  EXPECT_EQ(refused(ScreeningMatrix::make(two_events, {method("A")}, rows(2, 2))).field, "detects");
  EXPECT_EQ(refused(ScreeningMatrix::make(two_events, {method("A")}, rows(1, 3))).field, "detects[0]");
  EXPECT_EQ(refused(ScreeningMatrix::make(two_events, {method(std::string(201, 'x'))}, rows(1, 2))).field, "methods[0]");

  // Labels shared by two events do not identify either.
  const auto& shared = ok(ScreeningMatrix::make({{"E1", "X"}, {"E2", "X"}}, {method("A")}, rows(1, 2)));
  EXPECT_FALSE(shared.find_event("X"));
  EXPECT_EQ(shared.find_event("E2"), 1u);
}

namespace {

const ScreeningMatrix& registry_matrix() {
  static const auto registry = lmo::services::read_bundled_registry(lmo::test::source_dir() / "data" / "registry");
  static const auto matrix = ok(build_matrix_from_registry(registry.methods, registry.lmos, registry.elements));
  return matrix;
}

bool detects(const ScreeningMatrix& matrix, std::string_view method, std::string_view event) {
  auto m = matrix.find_method(method);
  auto e = matrix.find_event(event);
  EXPECT_TRUE(m) << method;
  EXPECT_TRUE(e) << event;
  return m && e && matrix.detects(*m).test(*e);
}

}  // namespace

TEST(RegistryMatrix, ColumnsAreLmosAndRowsAreScreeningMethods) {
  const auto& matrix = registry_matrix();
  EXPECT_EQ(matrix.events().size(), 108u);  // every LMO of data/registry/lmos.json
  // 101 methods less the 12 taxon reference-gene methods; the CaMV ORF IV method stays as marker.
  EXPECT_EQ(matrix.methods().size(), 89u);
  EXPECT_FALSE(matrix.find_method("QT-TAX-ZM-002"));  // maize hmgA reference gene
  auto camv = matrix.find_method("QL-TAX-CaMVF/CaMVR");
  ASSERT_TRUE(camv);
  EXPECT_EQ(matrix.methods()[*camv].kind, MethodKind::virus_marker);
  EXPECT_EQ(matrix.methods()[*camv].virus, "Cauliflower mosaic virus");
  EXPECT_TRUE(matrix.detects(*camv).none());
  auto mon810 = matrix.find_event("MON810");
  ASSERT_TRUE(mon810);
  EXPECT_EQ(matrix.events()[*mon810].name, "MON-ØØ81Ø-6");
}

TEST(RegistryMatrix, ElementMethodsFollowElementsStacksAndTheEnhanced35S) {
  const auto& matrix = registry_matrix();
  const auto& p35s = matrix.methods()[*matrix.find_method("QT-ELE-00-004")];
  EXPECT_EQ(p35s.kind, MethodKind::element);
  EXPECT_EQ(p35s.virus, "Cauliflower mosaic virus");
  // MON810 carries the enhanced 35S promoter (p-e35s), which holds the 35S promoter sequence.
  EXPECT_TRUE(detects(matrix, "QT-ELE-00-004", "MON810"));
  // The stack NK603 × MON810 lists only its coding sequences: P-35S reaches it through MON810.
  EXPECT_TRUE(detects(matrix, "QT-ELE-00-004", "NK603 × MON810"));
  EXPECT_FALSE(detects(matrix, "QT-ELE-00-004", "GA21"));  // rice actin promoter, no 35S
  // The nos terminator: GA21 has t-nos, MON810 does not.
  EXPECT_TRUE(detects(matrix, "QT-ELE-NOS ter 2-5' /NOS ter 2-3'", "GA21"));
  EXPECT_FALSE(detects(matrix, "QT-ELE-NOS ter 2-5' /NOS ter 2-3'", "MON810"));
  // Synthetic cry1A(b): MON810, and Bt11 × GA21 through Bt11.
  EXPECT_TRUE(detects(matrix, "QT-ELE-00-003", "MON810"));
  EXPECT_TRUE(detects(matrix, "QT-ELE-00-003", "Bt11 × GA21"));
  EXPECT_FALSE(detects(matrix, "QT-ELE-00-003", "NK603"));
  EXPECT_EQ(matrix.methods()[*matrix.find_method("QT-ELE-00-002")].virus, "");  // pat: bacterial
}

TEST(RegistryMatrix, EventMethodsDetectTheirEventAndItsStacks) {
  const auto& matrix = registry_matrix();
  EXPECT_EQ(matrix.methods()[*matrix.find_method("QT-EVE-ZM-020")].kind, MethodKind::event);
  std::vector<std::string> labels;
  matrix.detects(*matrix.find_method("QT-EVE-ZM-020")).for_each([&](std::size_t e) {
    labels.push_back(matrix.events()[e].label);
  });
  EXPECT_EQ(labels.front(), "MON810");
  for (const auto& label : labels) {
    EXPECT_NE(label.find("MON810"), std::string::npos) << label;  // MON810 or a stack with it
  }
  EXPECT_TRUE(detects(matrix, "QT-EVE-ZM-020", "1507 × MIR162 × MON810 × NK603"));
  EXPECT_FALSE(detects(matrix, "QT-EVE-ZM-020", "NK603"));
  // A construct method detects its listed events (here NK603 through CTP2–CP4 EPSPS).
  EXPECT_EQ(matrix.methods()[*matrix.find_method("QL-CON-00-008")].kind, MethodKind::construct);
  EXPECT_TRUE(detects(matrix, "QL-CON-00-008", "NK603"));
  EXPECT_TRUE(detects(matrix, "QL-CON-00-008", "NK603 × MON810"));
  EXPECT_FALSE(detects(matrix, "QL-CON-00-008", "MON810"));
}

TEST(RegistryMatrix, BuilderRulesOnSmallRecords) {
  using lmo::domain::DetectionMethod;
  using lmo::domain::GeneticElement;
  using lmo::domain::Lmo;
  auto lmo = [](std::string key, std::vector<std::string> elements, std::vector<std::string> parents = {}) {
    Lmo l;
    l.key = key;
    l.event_name = key;
    l.elements = std::move(elements);
    l.is_stack = !parents.empty();
    l.parents = std::move(parents);
    return l;
  };
  auto method = [](std::string code, std::string scope, std::vector<std::string> targets, std::vector<std::string> detects) {
    DetectionMethod d;
    d.code = std::move(code);
    d.scope = std::move(scope);
    d.targets = std::move(targets);
    d.detects = std::move(detects);
    return d;
  };
  GeneticElement fmv;
  fmv.id = "p-fmv";
  fmv.origin = "Figwort mosaic virus";
  std::vector<Lmo> lmos{lmo("A", {"p-fmv"}), lmo("B", {"t-nos"}), lmo("AxB", {}, {"A", "B"}),
                        lmo("AxBxC", {}, {"AxB", "C"}), lmo("C", {"cs-bar"})};
  std::vector<DetectionMethod> methods{
      method("P-FMV", "element", {"p-fmv"}, {}), method("B-event", "event", {"B junction"}, {"B", "not-in-registry"}),
      method("FMV marker", "taxon", {"figwort mosaic virus coat protein"}, {}),
      method("reference", "taxon", {"adh1"}, {})};
  const auto& matrix = ok(build_matrix_from_registry(methods, lmos, {fmv}));
  ASSERT_EQ(matrix.methods().size(), 3u);
  EXPECT_EQ(detected(matrix, "P-FMV"), (std::vector<std::string>{"A", "AxB", "AxBxC"}));
  EXPECT_EQ(detected(matrix, "B-event"), (std::vector<std::string>{"B", "AxB", "AxBxC"}));
  EXPECT_EQ(matrix.methods()[0].virus, "Figwort mosaic virus");
  EXPECT_EQ(matrix.methods()[2].kind, MethodKind::virus_marker);
  EXPECT_EQ(matrix.methods()[2].virus, "Figwort mosaic virus");

  methods.push_back(method("P-FMV", "element", {}, {}));
  EXPECT_EQ(refused(build_matrix_from_registry(methods, lmos, {fmv})).field, "methods[4].code");
  lmos.push_back(lmo("A", {}));
  EXPECT_EQ(refused(build_matrix_from_registry({}, lmos, {})).field, "lmos[5].key");
  // A parent cycle is cut rather than followed for ever.
  std::vector<Lmo> cycle{lmo("X", {"p-fmv"}, {"Y"}), lmo("Y", {}, {"X"})};
  const auto& cyclic = ok(build_matrix_from_registry({method("P-FMV", "element", {"p-fmv"}, {})}, cycle, {fmv}));
  EXPECT_EQ(detected(cyclic, "P-FMV"), (std::vector<std::string>{"X", "Y"}));
}

TEST(BitSet, OperationsAcrossWordBoundaries) {
  BitSet a(130), b(130);
  for (std::size_t i : {0, 63, 64, 127, 129}) a.set(i);
  for (std::size_t i : {63, 64, 65, 129}) b.set(i);
  EXPECT_EQ(a.count(), 5u);
  EXPECT_EQ(a.count_and(b), 3u);
  EXPECT_EQ(a.count_and_not(b), 2u);
  EXPECT_TRUE(a.intersects(b));
  EXPECT_FALSE(a.is_subset_of(b));
  BitSet c = a;
  c &= b;
  EXPECT_TRUE(c.is_subset_of(a));
  EXPECT_EQ(c.members(), (std::vector<std::size_t>{63, 64, 129}));
  c |= b;
  EXPECT_EQ(c, b);
  c.subtract(a);
  EXPECT_EQ(c.members(), (std::vector<std::size_t>{65}));
  c.reset(65);
  EXPECT_TRUE(c.none());
  EXPECT_FALSE(c.any());
  EXPECT_TRUE(BitSet(0).none());
}
