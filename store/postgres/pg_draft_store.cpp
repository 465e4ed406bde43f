#include "store/postgres/pg_draft_store.hpp"

namespace lmo::store::postgres {

namespace {

constexpr const char* kColumns =
    "SELECT id, type, record_key, country, doc, status, author, created_at, updated_at, reviewer, reviewed_at, comment, "
    "version FROM record_drafts ";

DraftRecord read_draft(Statement& row) {
  return {row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5), row.text(6), row.text(7),
          row.text(8), row.optional_text(9), row.optional_text(10), row.optional_text(11), row.integer(12)};
}

}  // namespace

std::int64_t PgDraftStore::create_draft(const DraftRecord& d) {
  auto db = database_.connection();
  Statement insert(*db, "INSERT INTO record_drafts (type, record_key, country, doc, status, author, created_at, updated_at) "
                        "VALUES ($1, $2, $3, $4, 'draft', $5, lmo_now(), lmo_now()) RETURNING id");
  insert.bind(1, d.type).bind(2, d.key).bind(3, d.country).bind(4, d.doc).bind(5, d.author);
  insert.step();
  return insert.integer(0);
}

std::optional<DraftRecord> PgDraftStore::find_draft(std::int64_t id) const {
  auto db = database_.connection();
  Statement select(*db, std::string(kColumns) + "WHERE id = $1::bigint");
  select.bind(1, id);
  if (!select.step()) return std::nullopt;
  return read_draft(select);
}

std::vector<DraftRecord> PgDraftStore::drafts(const std::vector<std::string>& countries, std::size_t limit) const {
  auto db = database_.connection();
  std::string where = countries.empty() ? "" : "WHERE country IN (" + placeholders(1, countries.size()) + ") ";
  Statement select(*db, std::string(kColumns) + where + "ORDER BY updated_at DESC, id DESC LIMIT $" +
                            std::to_string(countries.size() + 1) + "::bigint");
  int index = 1;
  for (const auto& country : countries) select.bind(index++, country);
  select.bind(index, static_cast<std::int64_t>(limit));
  std::vector<DraftRecord> out;
  while (select.step()) out.push_back(read_draft(select));
  return out;
}

bool PgDraftStore::update_doc(std::int64_t id, std::int64_t version, const std::string& key, const std::string& country,
                              const std::string& doc) {
  auto db = database_.connection();
  Statement update(*db, "UPDATE record_drafts SET record_key = $1, country = $2, doc = $3, version = version + 1, "
                        "updated_at = lmo_now() WHERE id = $4::bigint AND version = $5::bigint");
  update.bind(1, key).bind(2, country).bind(3, doc).bind(4, id).bind(5, version).execute();
  return update.affected_rows() > 0;
}

bool PgDraftStore::set_status(std::int64_t id, std::int64_t version, const std::string& status,
                              const std::optional<std::string>& reviewer, const std::optional<std::string>& comment) {
  auto db = database_.connection();
  Statement update(*db, "UPDATE record_drafts SET status = $1, version = version + 1, updated_at = lmo_now(), "
                        "reviewer = coalesce($2::text, reviewer), "
                        "reviewed_at = CASE WHEN $2::text IS NULL THEN reviewed_at ELSE lmo_now() END, comment = $3::text "
                        "WHERE id = $4::bigint AND version = $5::bigint");
  update.bind(1, status).bind_optional(2, reviewer).bind_optional(3, comment).bind(4, id).bind(5, version).execute();
  return update.affected_rows() > 0;
}

}  // namespace lmo::store::postgres
