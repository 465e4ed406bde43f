#include "store/sqlite/sqlite_draft_store.hpp"

namespace lmo::store::sqlite {

namespace {

constexpr const char* kNow = kSqlNow;
constexpr const char* kColumns =
    "SELECT id, type, record_key, country, doc, status, author, created_at, updated_at, reviewer, reviewed_at, comment, "
    "version FROM record_drafts ";

DraftRecord read_draft(Statement& row) {
  return {row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5), row.text(6), row.text(7),
          row.text(8), row.optional_text(9), row.optional_text(10), row.optional_text(11), row.integer(12)};
}

bool changed(SqliteConnection& db) {
  Statement count(db, "SELECT changes()");
  count.step();
  return count.integer(0) > 0;
}

}  // namespace

std::int64_t SqliteDraftStore::create_draft(const DraftRecord& d) {
  auto db = database_.connection();
  Transaction transaction(*db);
  Statement insert(*db, std::string("INSERT INTO record_drafts (type, record_key, country, doc, status, author, created_at, "
                                    "updated_at) VALUES (?, ?, ?, ?, 'draft', ?, ") + kNow + ", " + kNow + ")");
  insert.bind(1, d.type).bind(2, d.key).bind(3, d.country).bind(4, d.doc).bind(5, d.author).execute();
  Statement id(*db, "SELECT last_insert_rowid()");
  id.step();
  auto created = id.integer(0);
  id.reset();
  transaction.commit();
  return created;
}

std::optional<DraftRecord> SqliteDraftStore::find_draft(std::int64_t id) const {
  auto db = database_.connection();
  Statement select(*db, std::string(kColumns) + "WHERE id = ?");
  select.bind(1, id);
  if (!select.step()) return std::nullopt;
  return read_draft(select);
}

std::vector<DraftRecord> SqliteDraftStore::drafts(const std::vector<std::string>& countries, std::size_t limit) const {
  auto db = database_.connection();
  std::string where;
  for (std::size_t i = 0; i < countries.size(); ++i) where += (i ? ", ?" : "WHERE country IN (?");
  if (!countries.empty()) where += ") ";
  Statement select(*db, std::string(kColumns) + where + "ORDER BY updated_at DESC, id DESC LIMIT ?");
  int index = 1;
  for (const auto& country : countries) select.bind(index++, country);
  select.bind(index, static_cast<std::int64_t>(limit));
  std::vector<DraftRecord> out;
  while (select.step()) out.push_back(read_draft(select));
  return out;
}

bool SqliteDraftStore::update_doc(std::int64_t id, std::int64_t version, const std::string& key, const std::string& country,
                                  const std::string& doc) {
  auto db = database_.connection();
  Statement update(*db, std::string("UPDATE record_drafts SET record_key = ?, country = ?, doc = ?, version = version + 1, "
                                    "updated_at = ") + kNow + " WHERE id = ? AND version = ?");
  update.bind(1, key).bind(2, country).bind(3, doc).bind(4, id).bind(5, version).execute();
  return changed(*db);
}

bool SqliteDraftStore::set_status(std::int64_t id, std::int64_t version, const std::string& status,
                                  const std::optional<std::string>& reviewer, const std::optional<std::string>& comment) {
  auto db = database_.connection();
  Statement update(*db, std::string("UPDATE record_drafts SET status = ?, version = version + 1, updated_at = ") + kNow +
                            ", reviewer = coalesce(?, reviewer), reviewed_at = CASE WHEN ? IS NULL THEN reviewed_at ELSE " +
                            kNow + " END, comment = ? WHERE id = ? AND version = ?");
  update.bind(1, status).bind_optional(2, reviewer).bind_optional(3, reviewer).bind_optional(4, comment).bind(5, id)
      .bind(6, version).execute();
  return changed(*db);
}

}  // namespace lmo::store::sqlite
