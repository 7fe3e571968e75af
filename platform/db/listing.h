#pragma once
// One List query for every store: keyset paging over time-ordered ids, optional
// equality conditions, and the caller's reach (platform/rpc/access.h) as a condition in
// the query itself — so a page holds page.size records the caller may see, and the
// next page starts where it ended. Conditions are fixed text with bound values.
//
//   platform::KeysetQuery q("households", kColumns, query.page);
//   q.Equal("status", query.status ? std::optional(StatusName(*query.status)) : std::nullopt);
//   q.Within(query.coverage, {.local_authority = "home_local_authority", .household = "id"});
//   q.ForEach(sql, [&](const soci::row& r) { out.push_back(FromRow(r)); });
#include <soci/soci.h>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "platform/db/prepared.h"
#include "platform/db/record.h"
#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"

namespace platform {

// Where a resource keeps its scope keys, for filtering in SQL. Empty: it has none of
// that kind (a caller reaching only by that claim sees none of these records).
struct ScopeColumns {
  std::string local_authority;  // a column holding the record's local authority
  // Records whose local_authority is '' are unallocated (RecordScope::unallocated).
  bool empty_authority_is_unallocated = false;
  std::string household;        // a column holding the household's id
  // A condition with one `:party` placeholder, true when the party is the record's,
  // e.g. "id IN (SELECT arrangement_id FROM parties WHERE account = :party)".
  std::string party_condition;
  std::string partner_agency;  // a column holding the owning partner agency
  // A condition with one `:subject` placeholder, true when the record names the
  // token's subject, e.g. "id IN (SELECT meeting_id FROM ... WHERE account = :subject)".
  std::string subject_condition;
};

// The caller's reach as one SQL condition over `columns`, with its values in the
// order of its placeholders: empty SQL when the coverage is the whole agency, and
// `nothing` when it reaches no record of this kind. KeysetQuery::Within uses it; so do
// the stores' aggregate queries (reports), which are not keyset lists.
struct ScopeCondition {
  std::string sql;
  std::vector<std::string> values;
  bool nothing = false;
};
ScopeCondition CoverageCondition(const Coverage& coverage, const ScopeColumns& columns);

class KeysetQuery {
 public:
  // SELECT `columns` FROM `table` ... ORDER BY `id_column` LIMIT page.size.
  KeysetQuery(std::string table, std::string columns, const Page& page, std::string id_column = "id");
  // In (`order_column`, id) order: a page resumes after the record the token names,
  // whose `order_column` is read when the query runs (a token naming no record gives
  // an empty page: records are never removed, so it is not a token of ours).
  static KeysetQuery OrderedBy(std::string table, std::string columns, const Page& page, std::string order_column);

  // `column` = value, when a value is given.
  KeysetQuery& Equal(const std::string& column, const std::optional<std::string>& value);
  KeysetQuery& Equal(const std::string& column, const std::optional<long long>& value);
  KeysetQuery& Equal(const std::string& column, const std::optional<bool>& value);
  // A condition of the caller's own (fixed text) with its values in order of their
  // placeholders.
  KeysetQuery& Where(const std::string& condition, const std::vector<std::string>& values);
  // Only what `coverage` reaches.
  KeysetQuery& Within(const Coverage& coverage, const ScopeColumns& columns);

  // The statement's text (for tests and logs).
  std::string Sql() const;
  // Runs it, calling `each` with every row in id order.
  void ForEach(soci::session& sql, const std::function<void(const soci::row&)>& each);

 private:
  KeysetQuery() = default;
  std::string table_, columns_, order_by_;
  int limit_ = 0;
  std::vector<std::string> conditions_;
  // Bound in order of appearance; deques keep their addresses while the statement runs.
  enum class Kind { kText, kInt };
  std::vector<std::pair<Kind, size_t>> binds_;
  std::deque<std::string> texts_;
  std::deque<long long> ints_;
  bool nothing_ = false;  // the caller reaches no record
  std::string resume_column_, resume_after_;  // OrderedBy: values bound at texts_[0..1]
  void BindText(std::string value);
};

// What a record's part is: its rows in another table, keyed by the record's id.
struct PartsQuery {
  std::string table;         // "household_applicants"
  std::string owner_column;  // "household_id"
  std::string columns;       // "given_name, family_name"
  std::string condition;     // fixed text, no placeholders: "superseded_at IS NULL"
  std::string order;         // integer columns, each may end in DESC: "version, position"
};

namespace listing_internal {
// One branch of a UNION ALL read as text (RecordWithParts, PartsOfRecords).
struct OrderKey {
  std::string column;
  bool descending = false;
};
struct Branch {
  std::string table;
  std::vector<std::string> names;  // its leading columns (a part's owner), order keys, columns
  std::vector<OrderKey> keys;
};
}  // namespace listing_internal

// Where a record keeps a copy of its parts in its own row, so that reading it is one
// lookup by primary key, not a statement over every part's table: a text column
// (MEDIUMTEXT on MariaDB) and the column holding the record's version, which the copy
// names — a copy made for another version is never read (docs/operations.md, "The hot
// path"). The parts' tables stay the record of truth; the copy is written from them in
// the transaction that writes them (RecordWithParts::Keep, KeptText).
struct KeptParts {
  std::string column;                      // "parts"
  std::string version_column = "version";  // one of the record's columns
};

// A record and its parts in one statement, not one per part — a single record's read is
// bound by its statements' round trips (docs/operations.md, "The hot path"):
//   SELECT '0', columns FROM table WHERE id = :id
//   UNION ALL SELECT '1', <parts[0]'s order and columns> FROM parts[0].table WHERE owner = :id [AND condition]
//   UNION ALL ...
// Every value is read as text (TextRow), so that the branches agree on their columns'
// types. A part's `order` names integer columns (each may end in DESC): a UNION's
// branches keep no order of their own, so its rows are put in that order here.
// With `kept`, the record's row holds a copy of its parts as they stand (KeptParts), and
// Find reads that row alone; a record whose copy is missing or of another version (one
// written before the column existed) is read from its parts' tables as above.
// Built once, where a store defines its tables (the statement's text and its column
// names are worked out then, not on every read):
//   const platform::RecordWithParts kHouseholdWithParts("households", kColumns, {kApplicants, kJourney},
//                                                       platform::KeptParts{.column = "parts"});
class RecordWithParts {
 public:
  using Branch = listing_internal::Branch;
  using PartCallback = std::function<void(size_t part, const StoredRow&)>;
  RecordWithParts(std::string table, const std::string& columns, std::vector<PartsQuery> parts,
                  std::optional<KeptParts> kept = std::nullopt);
  // False when there is no such record; else `record` gets its row, then `part` each
  // part's rows (the part's index in `parts`), in order, errors naming the record.
  bool Find(soci::session& sql, const std::string& id, const std::function<void(const StoredRow&)>& record,
            const PartCallback& part) const;

  // Writes the copy of record `id`'s parts as its tables now hold them into its row, in
  // `tx`, the transaction that changed them (after the change). Needs `kept`.
  void Keep(soci::session& tx, const std::string& id) const;
  // The copy for a new record at `version` whose parts are `rows` (each part's rows as
  // they are inserted; every name of its branch must be among their columns), to be
  // written with the record's row: no statement to read them back.
  std::string KeptText(long long version, const std::vector<std::vector<const Row*>>& rows) const;
  // A record read by other means (a List page, with the kept column among its columns):
  // its parts from `kept`, the column's value, when that is a copy of `version`; false,
  // calling `part` for none, when it is not (read its parts from their tables then).
  bool ReadKept(const std::optional<std::string>& kept, long long version, const std::string& id,
                const PartCallback& part) const;

  // The statement (tests).
  const ServerPrepared& statement() const { return *statement_; }

 private:
  // The record from its parts' tables: the UNION above.
  bool Assemble(soci::session& sql, const std::string& id, const std::function<void(const StoredRow&)>& record,
                const PartCallback& part) const;
  // Each part's rows, in its order, from the UNION's.
  std::vector<std::vector<const TextRow*>> Ordered(std::vector<std::vector<TextRow>>& rows,
                                                   const std::string& id) const;
  std::string Encode(long long version, const std::vector<std::vector<const TextRow*>>& parts) const;

  std::vector<Branch> branches_;  // the record's, then each part's
  size_t width_ = 0;              // columns in the widest branch
  std::unique_ptr<const ServerPrepared> statement_;  // kept parsed by the server
  std::optional<KeptParts> kept_;
  std::unique_ptr<const ServerPrepared> kept_statement_;  // the record's row with its copy
};

// The parts of many records — a page of households' applicants, journeys, checks — in
// one statement, not one per part (nor one per record):
//   SELECT '0', owner, <parts[0]'s order and columns> FROM parts[0].table
//     WHERE owner IN (:o0, ...) [AND condition]
//   UNION ALL SELECT '1', owner, ... FROM parts[1].table WHERE owner IN (...) ...
// Values are read as text, as for RecordWithParts. `each` gets the rows part by part,
// owner by owner (in the owners' id order), each owner's in its part's order. Ids go
// in chunks, so any number of owners may be given. Its text grows with the ids, so it
// is never kept prepared (ServerPrepared).
class PartsOfRecords {
 public:
  using Branch = listing_internal::Branch;
  explicit PartsOfRecords(std::vector<PartsQuery> parts);
  void ForEach(soci::session& sql, const std::vector<std::string>& owners,
               const std::function<void(size_t part, const std::string& owner, const StoredRow&)>& each) const;

 private:
  std::vector<PartsQuery> parts_;
  std::vector<Branch> branches_;  // each part's: its owner column first
  size_t width_ = 0;
};

}  // namespace platform
