#include "store/postgres/pg_rule_set_store.hpp"

namespace lmo::store::postgres {

namespace {
// Advisory lock key for rule-set publication ("lmo-rule" in ASCII).
constexpr std::int64_t kRuleSetLock = 0x6c6d6f2d72756c65;
}  // namespace

void PgRuleSetStore::add_revision(const std::string& jurisdiction, const std::string& doc,
                                  const std::string& published_by) {
  auto db = database_.connection();
  Transaction transaction(*db);
  lock_for_transaction(*db, kRuleSetLock);
  Statement insert(*db,
                   "INSERT INTO rule_set_revisions (jurisdiction, revision, doc, published_at, published_by) "
                   "VALUES ($1, (SELECT coalesce(max(revision), 0) + 1 FROM rule_set_revisions WHERE jurisdiction = $1), "
                   "$2, lmo_now(), $3)");
  insert.bind(1, jurisdiction).bind(2, doc).bind(3, published_by).execute();
  transaction.commit();
}

std::vector<std::pair<std::string, std::string>> PgRuleSetStore::in_force() const {
  auto db = database_.connection();
  Statement select(*db, "SELECT DISTINCT ON (jurisdiction) jurisdiction, doc FROM rule_set_revisions "
                        "ORDER BY jurisdiction, revision DESC");
  std::vector<std::pair<std::string, std::string>> out;
  while (select.step()) out.emplace_back(select.text(0), select.text(1));
  return out;
}

std::vector<RecordRevision> PgRuleSetStore::history(const std::string& jurisdiction) const {
  auto db = database_.connection();
  Statement select(*db, "SELECT revision, doc, published_by, published_at FROM rule_set_revisions WHERE jurisdiction = $1 "
                        "ORDER BY revision");
  select.bind(1, jurisdiction);
  std::vector<RecordRevision> out;
  while (select.step()) {
    out.push_back({static_cast<int>(select.integer(0)), select.text(1), select.text(2), select.text(3)});
  }
  return out;
}

}  // namespace lmo::store::postgres
