#include "services/registry_service.hpp"

#include <algorithm>

#include "domain/search_text.hpp"

namespace lmo::services {

namespace {

template <typename Records>
auto find_by_id(const Records& records, std::string_view id) -> decltype(&records.front()) {
  for (const auto& record : records) {
    if (record.id == id) return &record;
  }
  return nullptr;
}

}  // namespace

const domain::Organism* RegistryReference::organism(std::string_view id) const { return find_by_id(organisms, id); }
const domain::Developer* RegistryReference::developer(std::string_view id) const { return find_by_id(developers, id); }
const domain::Trait* RegistryReference::trait(std::string_view id) const { return find_by_id(traits, id); }
const domain::GeneticElement* RegistryReference::element(std::string_view id) const { return find_by_id(elements, id); }

RegistryService::RegistryService(const store::RegistryStore& store, std::vector<RegionalBloc> blocs,
                                 std::chrono::milliseconds max_staleness)
    : store_(store), blocs_(std::move(blocs)), max_staleness_(max_staleness) {}

std::shared_ptr<const RegistryReference> RegistryService::reference() const {
  std::lock_guard lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  if (snapshot_ && now - taken_ < max_staleness_) return snapshot_;
  std::string last_change = store_.last_change();
  if (!snapshot_ || snapshot_->last_change != last_change) {
    auto registry = store_.load_reference();
    auto next = std::make_shared<RegistryReference>();
    next->organisms = std::move(registry.organisms);
    next->developers = std::move(registry.developers);
    next->elements = std::move(registry.elements);
    next->traits = std::move(registry.traits);
    next->methods = std::move(registry.methods);
    next->laboratories = std::move(registry.laboratories);
    next->authorities = std::move(registry.authorities);
    next->standards = std::move(registry.standards);
    next->transport_rules = std::move(registry.transport_rules);
    next->last_change = last_change;
    snapshot_ = std::move(next);
  }
  taken_ = now;
  return snapshot_;
}

domain::Registry RegistryService::export_type(domain::RecordType type) const {
  return store_.load_types({type});
}

store::LmoSearchPage RegistryService::search(const store::LmoSearch& search) const {
  return store_.search_lmos(search);
}

std::optional<domain::Lmo> RegistryService::find_lmo(std::string_view reference) const {
  if (reference.empty()) return std::nullopt;
  if (auto exact = store_.find_lmo(reference)) return exact;
  store::LmoSearch query;
  query.text = std::string(reference);
  query.limit = 5;
  auto page = store_.search_lmos(query);
  // Only an exact identifier or name counts: compare compact forms.
  std::string wanted = domain::compact_identifier(reference);
  std::vector<const domain::Lmo*> exact;
  for (const auto& lmo : page.lmos) {
    bool same = domain::compact_identifier(lmo.key) == wanted || domain::compact_identifier(lmo.event_name) == wanted;
    for (const auto& name : lmo.aliases) same = same || domain::compact_identifier(name) == wanted;
    for (const auto& name : lmo.trade_names) same = same || domain::compact_identifier(name) == wanted;
    if (same) exact.push_back(&lmo);
  }
  if (exact.size() != 1) return std::nullopt;
  return *exact.front();
}

std::shared_ptr<const LmoDetail> RegistryService::lmo_detail(std::string_view reference) const {
  auto now = std::chrono::steady_clock::now();
  auto writes = store_.writes();
  std::string key(reference);
  {
    std::lock_guard lock(details_mutex_);
    auto found = details_.find(key);
    if (found != details_.end() && found->second.writes == writes && now - found->second.taken < max_staleness_) {
      return found->second.detail;
    }
  }
  auto detail = build_detail(reference);
  std::lock_guard lock(details_mutex_);
  if (details_.size() >= 4096) details_.clear();  // bounded: odd references cannot fill memory
  details_[std::move(key)] = {detail, now, writes};
  return detail;
}

std::shared_ptr<const LmoDetail> RegistryService::build_detail(std::string_view reference) const {
  auto lmo = find_lmo(reference);
  if (!lmo) return nullptr;
  auto built = std::make_shared<LmoDetail>();
  auto& detail = *built;
  detail.reference = this->reference();
  const auto& ref = *detail.reference;
  detail.lmo = std::move(*lmo);
  const auto& l = detail.lmo;
  detail.organism = ref.organism(l.organism);
  detail.developer = ref.developer(l.developer);
  for (const auto& id : l.traits) {
    if (const auto* trait = ref.trait(id)) detail.traits.push_back(trait);
  }
  for (const auto& id : l.elements) {
    if (const auto* element = ref.element(id)) detail.elements.push_back(element);
  }
  // A stack is detected event by event: methods for its parent events count too.
  std::vector<std::string> keys{l.key};
  keys.insert(keys.end(), l.parents.begin(), l.parents.end());
  for (const auto& method : ref.methods) {
    bool detects = std::any_of(keys.begin(), keys.end(), [&](const std::string& key) {
      return std::find(method.detects.begin(), method.detects.end(), key) != method.detects.end();
    });
    if (detects) detail.methods.push_back(&method);
  }
  std::stable_sort(detail.methods.begin(), detail.methods.end(),
                   [](const auto* a, const auto* b) { return a->scope == "event" && b->scope != "event"; });
  for (const auto& method : ref.methods) {
    if (method.scope != "element") continue;
    bool targets_element = std::any_of(method.targets.begin(), method.targets.end(), [&](const std::string& t) {
      return std::find(l.elements.begin(), l.elements.end(), t) != l.elements.end();
    });
    if (targets_element && std::find(detail.methods.begin(), detail.methods.end(), &method) == detail.methods.end()) {
      detail.methods.push_back(&method);
    }
  }
  for (const auto& lab : ref.laboratories) {
    bool detects = std::any_of(lab.detectable.begin(), lab.detectable.end(),
                               [&](const std::string& k) { return k == l.key; });
    if (detects) detail.laboratories.push_back(&lab);
  }
  for (const auto& lab : ref.laboratories) {
    bool identifies = std::find(lab.services.begin(), lab.services.end(), "identification") != lab.services.end();
    if (identifies && std::find(detail.laboratories.begin(), detail.laboratories.end(), &lab) == detail.laboratories.end()) {
      detail.identifying_laboratories.push_back(&lab);
    }
  }
  detail.decisions = store_.decisions_about({l.key});
  std::sort(detail.decisions.begin(), detail.decisions.end(), [](const auto& a, const auto& b) {
    return a.date != b.date ? a.date > b.date : a.id < b.id;
  });
  for (const auto& parent : l.parents) {
    if (auto found = store_.find_lmo(parent)) detail.parents.push_back(std::move(*found));
  }
  return built;
}

RegistryService::CountryView RegistryService::country(std::string_view code) const {
  CountryView view;
  view.code = std::string(code);
  view.jurisdictions = jurisdictions_of(code);
  auto ref = reference();
  for (const auto& authority : ref->authorities) {
    if (authority.country == code) view.authorities.push_back(authority);
  }
  for (const auto& jurisdiction : view.jurisdictions) {
    auto decisions = store_.decisions_in(jurisdiction);
    view.decisions.insert(view.decisions.end(), decisions.begin(), decisions.end());
  }
  std::stable_sort(view.decisions.begin(), view.decisions.end(),
                   [](const auto& a, const auto& b) { return a.date > b.date; });
  return view;
}

std::vector<std::string> RegistryService::jurisdictions_of(std::string_view country) const {
  std::vector<std::string> out{std::string(country)};
  for (const auto& bloc : blocs_) {
    if (std::find(bloc.members.begin(), bloc.members.end(), country) != bloc.members.end()) {
      out.push_back(bloc.id);
    }
  }
  return out;
}

ApprovalResult RegistryService::approval(const domain::Lmo& lmo, std::string_view country, domain::Use use,
                                         std::string_view on_date) const {
  ApprovalResult result;
  result.lmo = lmo;
  result.jurisdictions = jurisdictions_of(country);
  std::vector<std::string> keys{lmo.key};
  std::vector<domain::Lmo> parents;
  for (const auto& parent : lmo.parents) {
    keys.push_back(parent);
    if (auto found = store_.find_lmo(parent)) parents.push_back(std::move(*found));
  }
  std::vector<domain::Decision> decisions;
  for (auto& decision : store_.decisions_about(keys)) {
    if (std::find(result.jurisdictions.begin(), result.jurisdictions.end(), decision.country) !=
        result.jurisdictions.end()) {
      decisions.push_back(std::move(decision));
    }
  }
  domain::ApprovalQuery query{std::string(country), lmo.key, use, std::string(on_date)};
  result.answer = domain::answer(query, lmo, parents, decisions);
  return result;
}

}  // namespace lmo::services
