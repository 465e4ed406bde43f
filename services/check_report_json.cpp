#include "services/check_report_json.hpp"

#include <boost/json.hpp>

#include "domain/registry_json.hpp"

namespace lmo::services {

namespace json = boost::json;

json::object to_json(const CheckReport& report, const CheckRules& rules, std::string_view lang) {
  json::array findings;
  for (const auto& f : report.findings) {
    auto rule = rules.rule_in(f.rule, report.jurisdictions);
    json::object finding{{"rule", f.rule},
                         {"severity", f.severity},
                         {"effect", outcome_name(f.effect)},
                         {"subject", f.subject.empty() ? json::value(nullptr) : json::value(f.subject)},
                         {"detail", f.detail.empty() ? json::value(nullptr) : json::value(f.detail)}};
    if (rule) {
      finding["legal_basis"] = rule->legal_basis;
      finding["requirement"] = rule->requirement.resolve_or_empty(lang).text;
      finding["why"] = rule->why.resolve_or_empty(lang).text;
      finding["action"] = rule->action.resolve_or_empty(lang).text;
    }
    findings.push_back(std::move(finding));
  }
  json::array lmos;
  for (const auto& l : report.lmos) {
    json::object entry{{"listed", l.listed},
                       {"may_contain", l.may_contain},
                       {"canonical", l.canonical.empty() ? json::value(nullptr) : json::value(l.canonical)},
                       {"registry_key", l.registry_key ? json::value(*l.registry_key) : json::value(nullptr)}};
    if (l.approval) {
      entry["approval"] = json::object{{"status", domain::status_name(l.approval->status)},
                                       {"reason", domain::reason_code(l.approval->reason)},
                                       {"explanation", l.approval->explanation},
                                       {"via_parent_events", l.approval->via_parent_events}};
    }
    lmos.push_back(std::move(entry));
  }
  json::array authorities, labs, statements;
  for (const auto& a : report.authorities) authorities.push_back(domain::to_json(a));
  for (const auto* l : report.laboratories) labs.push_back(json::object{{"id", l->id}, {"name", l->name}, {"country", l->country}, {"url", l->url}});
  for (const auto& s : report.statements_found) statements.emplace_back(s);
  return {{"outcome", outcome_name(report.outcome)},
          {"exit_code", outcome_exit_code(report.outcome)},
          {"regime", report.regime},
          {"check_date", report.check_date},
          {"rules_version", report.rules_version},
          {"findings", std::move(findings)},
          {"lmos", std::move(lmos)},
          {"statements_recognised", std::move(statements)},
          {"next_steps", json::object{{"authorities", std::move(authorities)},
                                      {"laboratories", std::move(labs)},
                                      {"laboratory_work", report.lab ? json::value(to_json(*report.lab)) : json::value(nullptr)}}}};
}

std::string to_text(const CheckReport& report, const CheckRules& rules, std::string_view lang) {
  std::string out = "outcome: " + std::string(outcome_name(report.outcome)) + "\nregime: " + report.regime +
                    "\ncheck date: " + report.check_date + "\n";
  for (const auto& f : report.findings) {
    auto rule = rules.rule_in(f.rule, report.jurisdictions);
    out += "- [" + f.severity + "] " + f.rule + (f.subject.empty() ? "" : " (" + f.subject + ")") + "\n";
    if (rule) {
      out += "    " + rule->requirement.resolve_or_empty(lang).text + "\n";
      out += "    legal basis: " + rule->legal_basis + "\n";
      out += "    action: " + rule->action.resolve_or_empty(lang).text + "\n";
    }
    if (!f.detail.empty()) out += "    " + f.detail + "\n";
  }
  if (report.lab && report.lab->plan) {
    const auto& plan = report.lab->plan->plan;
    if (const auto* pooled = std::get_if<domain::PooledPlan>(&plan)) {
      out += "suggested sampling plan: " + std::to_string(pooled->pools) + " pools of " +
             std::to_string(pooled->pool_size) + " seeds, accept when all are negative\n";
    } else if (const auto* single = std::get_if<domain::IndividualSeedPlan>(&plan)) {
      out += "suggested sampling plan: " + std::to_string(single->seeds) + " seeds one by one, accept when all are negative\n";
    }
  }
  if (report.lab && !report.lab->panel.empty()) {
    out += "suggested screening panel:";
    for (const auto& m : report.lab->panel) out += " " + m.code;
    out += "\n";
  }
  return out;
}

}  // namespace lmo::services
