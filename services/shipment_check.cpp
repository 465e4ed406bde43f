#include "services/shipment_check.hpp"

#include "services/lab_tools.hpp"

#include <algorithm>

#include "domain/statement_recognizer.hpp"
#include "domain/unique_identifier.hpp"
#include "services/clock.hpp"

namespace lmo::services {

using domain::DeclaredUse;

std::string_view outcome_name(CheckOutcome outcome) {
  switch (outcome) {
    case CheckOutcome::release: return "release";
    case CheckOutcome::request_documents: return "request_documents";
    case CheckOutcome::sample_and_test: return "sample_and_test";
    case CheckOutcome::hold: return "hold";
  }
  return "hold";
}

int outcome_exit_code(CheckOutcome outcome) {
  switch (outcome) {
    case CheckOutcome::release: return 0;
    case CheckOutcome::request_documents: return 10;
    case CheckOutcome::sample_and_test: return 20;
    case CheckOutcome::hold: return 30;
  }
  return 30;
}

namespace {

int severity_rank(CheckOutcome outcome) { return static_cast<int>(outcome); }

bool has(const std::vector<domain::RecognisedStatement>& found, std::string_view rule, std::string_view kind = {}) {
  return std::any_of(found.begin(), found.end(), [&](const auto& r) {
    return r.statement == rule && (kind.empty() || r.kind == kind);
  });
}

// The uses an approval must cover for a declared regime; any one of them suffices.
std::vector<domain::Use> uses_for(DeclaredUse use) {
  switch (use) {
    case DeclaredUse::food_feed_processing: return {domain::Use::food, domain::Use::feed, domain::Use::processing};
    case DeclaredUse::contained_use: return {domain::Use::contained_use};
    case DeclaredUse::environment: return {domain::Use::release, domain::Use::field_trial};
    case DeclaredUse::unknown: return {};
  }
  return {};
}

}  // namespace

CheckReport ShipmentCheck::run(const domain::Declaration& d) const {
  CheckReport report;
  report.regime = std::string(domain::declared_use_name(d.declared_use));
  report.check_date = d.check_date.empty() ? today_utc() : d.check_date;
  report.rules_version = rules_.version();
  report.jurisdictions = registry_.jurisdictions_of(d.importing_country);
  for (const auto& version : rules_.override_versions(report.jurisdictions)) report.rules_version += "; " + version;
  auto add = [&](std::string rule, CheckOutcome effect, std::string subject = {}, std::string detail = {}) {
    auto r = rules_.rule_in(rule, report.jurisdictions);
    std::string severity = r ? r->severity : "mandatory";
    if (severity != "mandatory") effect = CheckOutcome::release;  // recommended and information never change it
    report.findings.push_back({std::move(rule), severity, std::move(subject), std::move(detail), effect});
  };

  // Statements: confirmed by the officer, or recognised in the document text.
  auto recognised = rules_.recognizer_for(report.regime).recognise(d.document_text + "\n" + d.goods_description);
  for (const auto& r : recognised) report.statements_found.push_back(r.statement + (r.kind.empty() ? "" : "/" + r.kind));
  const auto& s = d.statements;
  auto confirmed = [](const std::optional<bool>& flag) { return flag.value_or(false); };
  bool contains = confirmed(s.contains_lmo) || has(recognised, "a.contains_or_may_contain", "contains");
  bool may_contain = confirmed(s.may_contain_lmo) || has(recognised, "a.contains_or_may_contain", "may_contain") ||
                     !d.may_contain.empty();
  bool all_named = !d.lmos.empty() || !d.may_contain.empty();
  auto has_contact = [&] { return !d.contact_point.name.empty() && (!d.contact_point.address.empty() || !d.contact_point.phone.empty() || !d.contact_point.email.empty()); };

  switch (d.declared_use) {
    case DeclaredUse::food_feed_processing: {
      if (!contains && !may_contain) add("a.contains_or_may_contain", CheckOutcome::request_documents);
      if (contains && may_contain && (confirmed(s.contains_lmo) || has(recognised, "a.contains_or_may_contain", "contains")) &&
          (confirmed(s.may_contain_lmo) || has(recognised, "a.contains_or_may_contain", "may_contain"))) {
        add("a.contains_and_may_contain", CheckOutcome::request_documents);
      }
      if (!confirmed(s.not_for_intentional_introduction) && !has(recognised, "a.not_for_introduction")) {
        add("a.not_for_introduction", CheckOutcome::request_documents);
      }
      if (!has_contact()) add("a.contact_point", CheckOutcome::request_documents);
      if (!all_named) add("a.identity_names", CheckOutcome::release);
      bool any_identifier = std::any_of(d.lmos.begin(), d.lmos.end(), [](const auto& l) { return !l.identifier.empty(); }) ||
                            std::any_of(d.may_contain.begin(), d.may_contain.end(), [](const auto& l) { return !l.identifier.empty(); });
      if (!any_identifier) add("a.unique_identifiers", CheckOutcome::request_documents);
      break;
    }
    case DeclaredUse::contained_use:
      if (!confirmed(s.identified_as_lmo) && !has(recognised, "b.identified_as_lmo")) add("b.identified_as_lmo", CheckOutcome::request_documents);
      if (!s.handling_requirements && !has(recognised, "b.handling_requirements")) add("b.handling_requirements", CheckOutcome::request_documents);
      if ((d.consignee.name.empty() && d.consignee.institution.empty()) || d.consignee.address.empty()) {
        add("b.consignee", CheckOutcome::request_documents);
      }
      break;
    case DeclaredUse::environment:
      if (!confirmed(s.identified_as_lmo) && !has(recognised, "c.identified_as_lmo")) add("c.identified_as_lmo", CheckOutcome::request_documents);
      if (d.lmos.empty() || (!confirmed(s.traits_described) && !has(recognised, "c.identity_and_traits"))) {
        add("c.identity_and_traits", CheckOutcome::request_documents);
      }
      if (!s.handling_requirements && !has(recognised, "c.handling_requirements")) add("c.handling_requirements", CheckOutcome::request_documents);
      if (!has_contact()) add("c.contact_point", CheckOutcome::request_documents);
      if (d.importer.empty() || d.exporter.empty()) add("c.importer_exporter", CheckOutcome::release);
      if (!confirmed(s.conformity_declaration) && !has(recognised, "c.conformity_declaration")) {
        add("c.conformity_declaration", CheckOutcome::request_documents);
      }
      break;
    case DeclaredUse::unknown:
      add("regime.unknown_use", CheckOutcome::request_documents);
      break;
  }

  // Statements a jurisdiction adds: the wording must appear in the document text.
  for (const auto& addition : rules_.additions(report.jurisdictions)) {
    if (!addition.applies_to(report.regime)) continue;
    auto found = domain::StatementRecognizer(addition.phrases).recognise(d.document_text);
    if (found.empty()) add(addition.id, CheckOutcome::request_documents);
  }

  // HS code against the declared use.
  if (const HsHint* hint = rules_.hs_hint(d.hs_code, report.jurisdictions)) {
    if (d.declared_use == DeclaredUse::food_feed_processing) {
      if (hint->indicates == "seed_for_sowing") add("regime.seed_declared_as_grain", CheckOutcome::sample_and_test, d.hs_code);
      if (hint->indicates == "live_animal" || hint->indicates == "live_plant" || hint->indicates == "micro-organism_culture") {
        add("regime.live_declared_as_processing", CheckOutcome::sample_and_test, d.hs_code);
      }
    }
    if (hint->indicates == "processed_product") add("regime.processed_product", CheckOutcome::release, d.hs_code);
  }

  // Each listed LMO: identifier, registry, approval for the declared use.
  auto uses = uses_for(d.declared_use);
  bool all_authorised = true;
  std::vector<std::string> prefixes;
  auto ref = registry_.reference();
  for (const auto& developer : ref->developers) {
    prefixes.insert(prefixes.end(), developer.uid_prefixes.begin(), developer.uid_prefixes.end());
  }
  auto check_lmo = [&](const domain::ListedLmo& listed, bool is_may_contain) {
    CheckedLmo checked;
    checked.listed = listed.identifier.empty() ? listed.name : listed.identifier;
    checked.may_contain = is_may_contain;
    std::string lookup = listed.name;
    if (!listed.identifier.empty()) {
      auto parsed = domain::parse_stacked_identifier(listed.identifier, prefixes);
      if (parsed.status == domain::IdentifierStatus::invalid) {
        add("lmo.identifier_invalid", CheckOutcome::request_documents, listed.identifier);
        report.lmos.push_back(std::move(checked));
        all_authorised = false;
        return;
      }
      checked.canonical = parsed.canonical;
      for (const auto& component : parsed.components) {
        if (component.has_issue("check_digit_mismatch")) {
          add("lmo.check_digit", CheckOutcome::release, listed.identifier,
              "expected check digit " + std::to_string(component.expected_check_digit.value_or(0)));
        }
      }
      lookup = parsed.canonical;
    } else {
      add("lmo.no_identifier", CheckOutcome::release, listed.name);
    }
    auto lmo = registry_.find_lmo(lookup);
    if (!lmo && !listed.name.empty()) lmo = registry_.find_lmo(listed.name);
    if (!lmo) {
      bool strict = d.declared_use == DeclaredUse::environment || d.declared_use == DeclaredUse::contained_use;
      add("lmo.unknown", strict && !is_may_contain ? CheckOutcome::hold : CheckOutcome::sample_and_test, checked.listed);
      all_authorised = false;
      report.lmos.push_back(std::move(checked));
      return;
    }
    checked.registry_key = lmo->key;
    if (!uses.empty()) {
      // The best answer over the uses the regime allows.
      std::optional<domain::ApprovalAnswer> best;
      auto rank = [](domain::ApprovalStatus status) {
        switch (status) {
          case domain::ApprovalStatus::approved: return 3;
          case domain::ApprovalStatus::approved_with_conditions: return 2;
          case domain::ApprovalStatus::not_approved: return 1;
          case domain::ApprovalStatus::no_decision: return 0;
        }
        return 0;
      };
      for (auto use : uses) {
        auto result = registry_.approval(*lmo, d.importing_country, use, report.check_date);
        if (!best || rank(result.answer.status) > rank(best->status)) best = result.answer;
      }
      checked.approval = best;
      CheckOutcome effect = is_may_contain ? CheckOutcome::sample_and_test : CheckOutcome::hold;
      switch (best->status) {
        case domain::ApprovalStatus::approved:
        case domain::ApprovalStatus::approved_with_conditions:
          if (best->via_parent_events) add("lmo.approved_via_parents", CheckOutcome::release, lmo->key, best->explanation);
          break;
        case domain::ApprovalStatus::not_approved:
          all_authorised = false;
          add(best->reason == domain::ApprovalReason::other_uses_only ? "lmo.other_uses_only" : "lmo.not_approved", effect,
              lmo->key, best->explanation);
          break;
        case domain::ApprovalStatus::no_decision:
          all_authorised = false;
          add("lmo.no_decision", effect, lmo->key, best->explanation);
          break;
      }
    }
    report.lmos.push_back(std::move(checked));
  };
  for (const auto& listed : d.lmos) check_lmo(listed, false);
  for (const auto& listed : d.may_contain) check_lmo(listed, true);

  // Transit: each transit country's own decisions on transit of the listed LMOs.
  for (const auto& country : d.transit_countries) {
    for (const auto& checked : report.lmos) {
      if (!checked.registry_key || checked.may_contain) continue;
      auto lmo = registry_.find_lmo(*checked.registry_key);
      if (!lmo) continue;
      auto transit = registry_.approval(*lmo, country, domain::Use::transit, report.check_date);
      if (transit.answer.status != domain::ApprovalStatus::approved &&
          transit.answer.status != domain::ApprovalStatus::approved_with_conditions) {
        add("lmo.transit_no_decision", CheckOutcome::release, country + ": " + *checked.registry_key);
      }
    }
  }

  // Transport and packaging.
  if (d.declared_use == DeclaredUse::food_feed_processing) {
    add("transport.bulk_not_dangerous", CheckOutcome::release);
  } else if (d.declared_use == DeclaredUse::contained_use || d.declared_use == DeclaredUse::environment) {
    // Infectious GM micro-organisms travel as Division 6.2, not UN 3245.
    std::string folded = domain::fold_text(d.document_text + " " + d.goods_description);
    bool infectious = d.organism_kind == "micro-organism" &&
                      (folded.find("infectious substance") != std::string::npos ||
                       folded.find("un 2814") != std::string::npos || folded.find("un 2900") != std::string::npos ||
                       folded.find("category a") != std::string::npos || folded.find("pathogen") != std::string::npos ||
                       folded.find("substance infectieuse") != std::string::npos ||
                       folded.find("sustancia infecciosa") != std::string::npos);
    std::string instruction = d.transport_mode == "air" ? "PI 959 (air)"
                              : d.transport_mode.empty() ? "P904 (road, rail, sea) or PI 959 (air)"
                                                         : "P904 (" + d.transport_mode + ")";
    if (infectious) {
      add("transport.division_6_2", CheckOutcome::release, d.transport_mode, "UN 2814 or UN 2900, Division 6.2");
    } else if (all_authorised && !d.lmos.empty()) {
      add("transport.exempt_authorised", CheckOutcome::release, d.transport_mode);
    } else {
      add("transport.un3245", CheckOutcome::release, d.transport_mode, "UN 3245, Class 9, packing instruction " + instruction);
    }
  }

  for (const auto& finding : report.findings) {
    if (severity_rank(finding.effect) > severity_rank(report.outcome)) report.outcome = finding.effect;
  }

  // Next steps.
  report.reference = ref;
  for (const auto& authority : ref->authorities) {
    if (authority.country == d.importing_country) report.authorities.push_back(authority);
  }
  for (const auto& lab : ref->laboratories) {
    if (std::find(lab.services.begin(), lab.services.end(), "identification") != lab.services.end()) {
      report.laboratories.push_back(&lab);
    }
  }
  if (lab_ && (report.outcome == CheckOutcome::sample_and_test || report.outcome == CheckOutcome::hold)) {
    std::vector<std::string> keys;
    std::string organism;
    for (const auto& checked : report.lmos) {
      if (!checked.registry_key) continue;
      keys.push_back(*checked.registry_key);
      if (organism.empty()) {
        if (auto lmo = registry_.find_lmo(*checked.registry_key)) organism = lmo->organism;
      }
    }
    // Seed and grain lots are sampled by seeds; live animals and cultures are not.
    bool seed_lot = d.organism_kind == "plant" || (d.organism_kind.empty() && !organism.empty());
    report.lab = suggest_lab_work(*lab_, keys, organism, seed_lot);
  }
  return report;
}

}  // namespace lmo::services
