// Value types of the LMO registry: what the portal knows about living modified organisms and
// the things around them — organisms, developers, genetic elements, traits, LMOs (single
// events and stacks), country decisions, detection methods, laboratories, standard-setting
// bodies and transport rules. Each record carries its provenance. Identifiers are plain
// strings here; their syntax is domain/unique_identifier's business.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/localized_text.hpp"
#include "domain/portal_content.hpp"

namespace lmo::domain {

struct Organism {
  std::string id;               // "zea-mays"
  std::string scientific_name;  // "Zea mays"
  LocalizedText common_name;    // maize / maíz / maïs
  std::string kind;             // plant, animal, micro-organism
  std::vector<std::string> taxon_reference_genes;
  Provenance provenance;
};

struct Developer {
  std::string id;
  std::string name;
  std::vector<std::string> uid_prefixes;  // "MON", "DP"
  std::string country;                    // ISO 3166-1 alpha-2, may be empty
  Provenance provenance;
};

struct GeneticElement {
  std::string id;          // "p-35s"
  std::string name;        // "CaMV 35S promoter"
  std::string element_class;  // promoter, terminator, coding-sequence, marker, intron, ...
  std::string origin;      // source organism
  LocalizedText function;
  Provenance provenance;
};

struct Trait {
  std::string id;
  LocalizedText name;
  std::string category;  // herbicide-tolerance, insect-resistance, ...
  Provenance provenance;
};

// A single transformation event or a stack of events.
struct Lmo {
  std::string key;                 // stable registry key: the canonical identifier, else "event:<name>"
  std::optional<std::string> uid;  // canonical OECD unique identifier, if any
  std::string event_name;
  std::vector<std::string> aliases;
  std::vector<std::string> trade_names;
  std::string organism;   // Organism id
  std::string developer;  // Developer id
  bool is_stack = false;
  std::vector<std::string> parents;  // keys of the parent events of a stack
  std::vector<std::string> traits;   // Trait ids
  std::vector<std::string> elements;  // GeneticElement ids
  std::optional<std::string> bch_record;
  LocalizedText description;
  Provenance provenance;
};

// The uses a decision may cover (BCH decision scope flags).
enum class Use { food, feed, processing, release, field_trial, contained_use, transit, other };
inline constexpr Use kAllUses[] = {Use::food,          Use::feed,         Use::processing,
                                   Use::release,       Use::field_trial,  Use::contained_use,
                                   Use::transit,       Use::other};
std::string_view use_name(Use use);
std::optional<Use> parse_use(std::string_view name);  // accepts "contained" for contained_use

struct UseScope {
  bool food = false, feed = false, processing = false, release = false, field_trial = false,
       contained_use = false, transit = false, other = false;
  bool covers(Use use) const;
  void set(Use use, bool value);
};

struct Decision {
  std::string id;
  std::string country;  // ISO 3166-1 alpha-2, or "EU"
  std::vector<std::string> lmos;  // LMO keys
  UseScope scope;
  std::string result;  // approved, approved-with-conditions, prohibited, expired, withdrawn, ...
  std::optional<std::string> conditions;
  std::string date;  // ISO date
  std::optional<std::string> expiry;
  std::string authority;
  std::string reference;  // legal reference, e.g. "Commission Implementing Decision (EU) 2017/1207"
  Provenance provenance;
};

struct Primers {
  std::string forward;
  std::string reverse;
  std::string probe;
};

struct DetectionMethod {
  std::string code;   // e.g. "QT-EVE-ZM-020"
  std::string name;
  std::string scope;  // element, construct, event, taxon
  std::vector<std::string> targets;
  std::vector<std::string> detects;  // LMO keys
  std::optional<std::string> taxon;  // Organism id
  Primers primers;
  std::optional<int> amplicon_bp;
  std::string validation;
  std::optional<std::string> reference_material;
  std::optional<std::string> lod;
  Provenance provenance;
};

struct Laboratory {
  std::string id;
  std::string name;
  std::string country;
  std::string url;
  std::vector<std::string> services;
  std::optional<std::string> accreditation;
  std::string network;
  std::vector<std::string> detectable;  // LMO keys or element ids, as published
  Provenance provenance;
};

// A competent national authority, national focal point or emergency contact: an institution,
// never a person (no personal names, e-mail addresses or telephone numbers are kept).
struct Authority {
  std::string id;
  std::string country;  // ISO 3166-1 alpha-2
  std::string role;     // competent-national-authority, national-focal-point, art17-emergency-contact
  std::string institution;
  std::optional<std::string> department;
  LocalizedText responsibilities;
  std::optional<std::string> url;
  std::optional<std::string> contact_page;
  bool party_to_protocol = true;
  std::optional<std::string> bch_record;
  Provenance provenance;
};

struct StandardBody {
  std::string id;
  std::string name;
  std::string acronym;
  std::string url;
  LocalizedText sets;  // what it sets that matters for LMO shipments
  Provenance provenance;
};

struct TransportRule {
  std::string id;
  std::string un_number;
  std::string proper_shipping_name;
  std::string hazard_class;
  std::vector<std::pair<std::string, std::string>> packing_instruction;  // mode → instruction
  std::string packaging;
  std::string exemption;
  Provenance provenance;
};

// The whole registry, as bundled in data/registry/ or exported.
struct Registry {
  std::vector<Organism> organisms;
  std::vector<Developer> developers;
  std::vector<GeneticElement> elements;
  std::vector<Trait> traits;
  std::vector<Lmo> lmos;
  std::vector<Decision> decisions;
  std::vector<DetectionMethod> methods;
  std::vector<Laboratory> laboratories;
  std::vector<Authority> authorities;
  std::vector<StandardBody> standards;
  std::vector<TransportRule> transport_rules;
};

}  // namespace lmo::domain
