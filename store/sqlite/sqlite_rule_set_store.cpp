#include "store/sqlite/sqlite_rule_set_store.hpp"

namespace lmo::store::sqlite {

void SqliteRuleSetStore::add_revision(const std::string& jurisdiction, const std::string& doc,
                                      const std::string& published_by) {
  auto db = database_.connection();
  Transaction transaction(*db);
  Statement insert(*db,
                   "INSERT INTO rule_set_revisions (jurisdiction, revision, doc, published_at, published_by) "
                   "VALUES (?1, (SELECT coalesce(max(revision), 0) + 1 FROM rule_set_revisions WHERE jurisdiction = ?1), ?2, "
                   "strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?3)");
  insert.bind(1, jurisdiction).bind(2, doc).bind(3, published_by).execute();
  transaction.commit();
}

std::vector<std::pair<std::string, std::string>> SqliteRuleSetStore::in_force() const {
  auto db = database_.connection();
  Statement select(*db,
                   "SELECT r.jurisdiction, r.doc FROM rule_set_revisions r WHERE r.revision = "
                   "(SELECT max(revision) FROM rule_set_revisions WHERE jurisdiction = r.jurisdiction) ORDER BY r.jurisdiction");
  std::vector<std::pair<std::string, std::string>> out;
  while (select.step()) out.emplace_back(select.text(0), select.text(1));
  return out;
}

std::vector<RecordRevision> SqliteRuleSetStore::history(const std::string& jurisdiction) const {
  auto db = database_.connection();
  Statement select(*db, "SELECT revision, doc, published_by, published_at FROM rule_set_revisions WHERE jurisdiction = ? "
                        "ORDER BY revision");
  select.bind(1, jurisdiction);
  std::vector<RecordRevision> out;
  while (select.step()) {
    out.push_back({static_cast<int>(select.integer(0)), select.text(1), select.text(2), select.text(3)});
  }
  return out;
}

}  // namespace lmo::store::sqlite
