#pragma once
// A record's row, written and read by column name, the same on both backends. For
// store/ code, which speaks SOCI (docs/architecture.md, "Database").
//
// Writing: a Row holds named values; InsertRow writes one, UpdateVersioned writes a
// new version after copying the stored one into the resource's history table.
//
//   platform::Row row;
//   row.Text("status", StatusName(h.status)).Date("enquiry_date", h.details.enquiry_date)
//       .Bool("foster_carers", h.details.foster_carers);
//   if (!platform::UpdateVersioned(tx, kHouseholds, h.id, expected_version, row)) return false;
//
// Reading: a StoredRow reads a fetched row by column name. A value that cannot be
// what the column holds (an enum name not in the table, a date that is not a date, a
// NULL where there may be none) throws CorruptRecord: it is an error, never a default.
//
//   platform::StoredRow r(row, "households");
//   h.status = r.Enum("status", ParseStatus);
//   h.details.enquiry_date = r.RequiredDate("enquiry_date");
#include <soci/soci.h>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/strings/string_view.h"
#include "platform/core/calendar.h"

namespace platform {

// Named column values to write, in the order they are given. A Row owns its values.
class Row {
 public:
  // Text as given (an empty string is stored as '').
  Row& Text(std::string column, std::string value);
  // NULL when `value` is empty.
  Row& TextOrNull(std::string column, std::string value);
  // NULL when there is no value (an empty string is stored as '').
  Row& OptionalText(std::string column, std::optional<std::string> value);
  // 'YYYY-MM-DD' text.
  Row& Date(std::string column, const platform::Date& value);
  // 'YYYY-MM-DD' text, NULL when there is no date.
  Row& OptionalDate(std::string column, const std::optional<platform::Date>& value);
  Row& Int(std::string column, long long value);
  // 0 or 1.
  Row& Bool(std::string column, bool value);

  // The columns in the order they were given.
  std::vector<std::string> columns() const;
  // The value of `column` as text, as a read of it as text gives it back (a number in
  // decimal, a date as 'YYYY-MM-DD'); nullopt for NULL. Throws std::out_of_range when
  // the row has no such column.
  std::optional<std::string> AsText(absl::string_view column) const;
  // True when this row has exactly `columns`, in that order.
  bool HasColumns(const std::vector<std::string>& columns) const;
  // Binds every value to `st` in that order. The Row must outlive the statement.
  void BindTo(soci::statement& st) const;

 private:
  struct Value {
    std::string column;
    bool is_int = false;
    std::string text;
    long long number = 0;
    // soci::use takes the indicator by reference; a use only reads it.
    mutable soci::indicator ind = soci::i_ok;
  };
  Row& Add(Value value);
  std::vector<Value> values_;
};

// INSERT INTO `table` (the row's columns) VALUES (its values).
void InsertRow(soci::session& tx, absl::string_view table, const Row& row);

// INSERT INTO `table` (the rows' columns) VALUES (one row's values), (the next's), ...:
// one statement for many rows, which must all have the same columns in the same order.
void InsertRows(soci::session& tx, absl::string_view table, const std::vector<Row>& rows);
// How many rows of `columns` values InsertRows writes to a statement.
size_t RowsPerInsert(size_t columns);

// SELECT `columns` FROM `table` WHERE id = :id into `row`; false when there is no
// such record.
bool FindById(soci::session& sql, absl::string_view table, absl::string_view columns, const std::string& id,
              soci::row& row);

// The id of the record imported under the old system's `source_id` (a `source_id`
// column, unique), or nullopt when none was.
std::optional<std::string> IdBySource(soci::session& sql, absl::string_view table, const std::string& source_id);

// SELECT COUNT(*) FROM `table`.
long long CountRows(soci::session& sql, absl::string_view table);
// SELECT COUNT(*) FROM `table` WHERE `condition`, its `:name` placeholders bound in
// order to `values` (e.g. "due_date < :today AND status = :s").
long long CountRowsWhere(soci::session& sql, absl::string_view table, absl::string_view condition,
                         const std::vector<std::string>& values);
// The rows of `table` per value of `column` (a status: the operators' gauges).
std::map<std::string, long long> CountRowsBy(soci::session& sql, absl::string_view table, absl::string_view column);

// UPDATE `table` SET the row's columns WHERE `id_column` = id (a record that is not
// versioned: a read model). True when a record had that id.
bool UpdateRow(soci::session& tx, absl::string_view table, absl::string_view id_column, const std::string& id,
               const Row& row);

// A resource whose rows carry a `version` and whose earlier versions are kept.
struct VersionedTable {
  absl::string_view table;    // e.g. "households", keyed by `id`
  absl::string_view history;  // e.g. "household_history", keyed by (id, version)
  // The columns a history row keeps besides id and version, as its migration
  // defines them (some keep every column, some only what a version changes).
  absl::string_view kept;  // "a, b, c"
  // The column keying the record in both tables ("agenda_item_id" for a record that
  // belongs to another).
  absl::string_view key = "id";
};

// Writes `row` (which holds neither id nor version) as version expected_version + 1
// of record `id`, after copying the stored version into the history table. False,
// writing nothing, when the stored version is not expected_version (a stale etag).
bool UpdateVersioned(soci::session& tx, const VersionedTable& table, const std::string& id, long long expected_version,
                     const Row& row);

// A stored value that cannot be what its column holds. The message names the table,
// the column and the record, never the value (it may be personal data).
class CorruptRecord : public std::runtime_error {
 public:
  CorruptRecord(absl::string_view table, absl::string_view column, absl::string_view record_id);
};

struct TextRow;

// A fetched row read by column name. Every reader throws CorruptRecord for a value
// its column cannot hold, and for NULL where the reader allows none.
class StoredRow {
 public:
  // A row of `table`; the record is named in errors by the row's `id` column.
  StoredRow(const soci::row& row, std::string table);
  // A row of a table without an `id` column (a household's applicants): errors name
  // `record_id`, the record it belongs to.
  StoredRow(const soci::row& row, std::string table, std::string record_id);
  // A row read as text (RecordWithParts, platform/db/listing.h), `table`'s or its part's.
  StoredRow(const TextRow& row, std::string table, std::optional<std::string> record_id = std::nullopt);

  std::string Text(const std::string& column) const;
  // nullopt when NULL.
  std::optional<std::string> OptionalText(const std::string& column) const;
  platform::Date RequiredDate(const std::string& column) const;
  // nullopt when NULL.
  std::optional<platform::Date> OptionalDate(const std::string& column) const;
  long long Int(const std::string& column) const;
  // Stored as 0 or 1.
  bool Bool(const std::string& column) const;

  // The enum named by the column's text, by the domain's parse function (which
  // returns std::optional of the enum: nullopt for a name not in its table).
  template <typename Parse>
  auto Enum(const std::string& column, Parse parse) const ->
      typename std::invoke_result_t<Parse, const std::string&>::value_type {
    auto value = parse(Text(column));
    if (!value) throw Corrupt(column);
    return *value;
  }
  // nullopt when NULL.
  template <typename Parse>
  auto OptionalEnum(const std::string& column, Parse parse) const -> std::invoke_result_t<Parse, const std::string&> {
    std::optional<std::string> text = OptionalText(column);
    if (!text) return std::nullopt;
    auto value = parse(*text);
    if (!value) throw Corrupt(column);
    return value;
  }

 private:
  bool IsNull(const std::string& column) const;
  CorruptRecord Corrupt(const std::string& column) const;
  const soci::row* row_ = nullptr;  // or
  const TextRow* text_ = nullptr;
  std::string table_;
  std::optional<std::string> record_id_;
};

// A row whose values are text or NULL, named by `names`: a UNION's branches agree on
// their columns' types only so (RecordWithParts). StoredRow reads numbers and dates from
// the text as the backends store them.
struct TextRow {
  const std::vector<std::string>* names = nullptr;
  std::vector<std::optional<std::string>> values;  // in the order of *names
};

// Every versioned record's bookkeeping — its version (the etag), created_at/by and
// updated_at/by — read and written alike by every store. Record is any aggregate with
// those members and an `id`.
template <typename Record>
void ReadBookkeeping(const StoredRow& r, Record& record) {
  record.version = r.Int("version");
  record.created_at = r.Int("created_at");
  record.updated_at = r.Int("updated_at");
  record.created_by = r.Text("created_by");
  record.updated_by = r.Text("updated_by");
}
// The columns every version writes: updated_at and updated_by.
template <typename Record>
void UpdatedColumns(Row& row, const Record& record) {
  row.Int("updated_at", record.updated_at).Text("updated_by", record.updated_by);
}
// The columns only the first version writes: id, version, created_at and created_by.
template <typename Record>
void CreatedColumns(Row& row, const Record& record) {
  row.Text("id", record.id).Int("version", record.version).Int("created_at", record.created_at);
  row.Text("created_by", record.created_by);
}

}  // namespace platform
