#include "platform/db/record.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace platform {
namespace {

// Runs `sql` with the values of `rows` bound in order (placeholders are unique
// names: SQLite binds a repeated name once) and returns the number of rows changed.
long long Execute(soci::session& tx, const std::string& sql, const std::vector<const Row*>& rows) {
  soci::statement st(tx);
  for (const Row* row : rows) row->BindTo(st);
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

std::string Assignments(const Row& row) {
  std::vector<std::string> sets;
  for (const auto& column : row.columns()) sets.push_back(absl::StrCat(column, " = :", column));
  return absl::StrJoin(sets, ", ");
}

}  // namespace

Row& Row::Add(Value value) {
  values_.push_back(std::move(value));
  return *this;
}

Row& Row::Text(std::string column, std::string value) {
  return Add({.column = std::move(column), .text = std::move(value)});
}

Row& Row::TextOrNull(std::string column, std::string value) {
  const bool empty = value.empty();
  return Add({.column = std::move(column), .text = std::move(value), .ind = empty ? soci::i_null : soci::i_ok});
}

Row& Row::OptionalText(std::string column, std::optional<std::string> value) {
  if (!value) return Add({.column = std::move(column), .ind = soci::i_null});
  return Text(std::move(column), *std::move(value));
}

Row& Row::Date(std::string column, const platform::Date& value) { return Text(std::move(column), FormatDate(value)); }

Row& Row::OptionalDate(std::string column, const std::optional<platform::Date>& value) {
  return OptionalText(std::move(column), value ? std::optional(FormatDate(*value)) : std::nullopt);
}

Row& Row::Int(std::string column, long long value) {
  return Add({.column = std::move(column), .is_int = true, .number = value});
}

Row& Row::Bool(std::string column, bool value) { return Int(std::move(column), value ? 1 : 0); }

std::vector<std::string> Row::columns() const {
  std::vector<std::string> out;
  for (const auto& v : values_) out.push_back(v.column);
  return out;
}

std::optional<std::string> Row::AsText(absl::string_view column) const {
  for (const auto& v : values_) {
    if (v.column != column) continue;
    if (v.ind == soci::i_null) return std::nullopt;
    return v.is_int ? std::to_string(v.number) : v.text;
  }
  throw std::out_of_range(absl::StrCat("no column ", column, " in the row"));
}

bool Row::HasColumns(const std::vector<std::string>& columns) const {
  if (columns.size() != values_.size()) return false;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (values_[i].column != columns[i]) return false;
  }
  return true;
}

void Row::BindTo(soci::statement& st) const {
  for (const auto& v : values_) {
    if (v.is_int) {
      st.exchange(soci::use(v.number, v.ind));
    } else {
      st.exchange(soci::use(v.text, v.ind));
    }
  }
}

void InsertRow(soci::session& tx, absl::string_view table, const Row& row) {
  std::vector<std::string> params;
  for (const auto& column : row.columns()) params.push_back(absl::StrCat(":", column));
  Execute(tx,
          absl::StrCat("INSERT INTO ", table, " (", absl::StrJoin(row.columns(), ", "), ") VALUES (",
                       absl::StrJoin(params, ", "), ")"),
          {&row});
}

size_t RowsPerInsert(size_t columns) {
  // Statements of at most 30,000 values: inside SQLite's limit on bound parameters
  // (32,766) and far inside a MySQL packet.
  return std::max<size_t>(1, 30000 / std::max<size_t>(1, columns));
}

void InsertRows(soci::session& tx, absl::string_view table, const std::vector<Row>& rows) {
  if (rows.empty()) return;
  const std::vector<std::string> columns = rows.front().columns();
  const size_t per_statement = RowsPerInsert(columns.size());
  const bool anonymous = tx.get_backend_name() == "sqlite3";
  const std::string head = absl::StrCat("INSERT INTO ", table, " (", absl::StrJoin(columns, ", "), ") VALUES ");
  for (size_t first = 0; first < rows.size(); first += per_statement) {
    const size_t last = std::min(rows.size(), first + per_statement);
    // Values are bound in order: the placeholders need only be distinct (:v0, :v1, ...).
    // SQLite looks each name up among those before it as it parses — a page's audit rows
    // committed together (thousands of values) spent most of a List in that search — so
    // there they are its anonymous `?`, numbered in order.
    std::string text = head;
    text.reserve(head.size() + (last - first) * columns.size() * 8);
    std::vector<const Row*> bound;
    bound.reserve(last - first);
    size_t placeholder = 0;
    for (size_t i = first; i < last; ++i) {
      if (!rows[i].HasColumns(columns)) throw std::logic_error("InsertRows: rows with different columns");
      text += i == first ? "(" : ", (";
      for (size_t c = 0; c < columns.size(); ++c) {
        if (anonymous) {
          text += c ? ", ?" : "?";
        } else {
          absl::StrAppend(&text, c ? ", :v" : ":v", placeholder++);
        }
      }
      text += ")";
      bound.push_back(&rows[i]);
    }
    Execute(tx, text, bound);
  }
}

bool FindById(soci::session& sql, absl::string_view table, absl::string_view columns, const std::string& id,
              soci::row& row) {
  sql << absl::StrCat("SELECT ", columns, " FROM ", table, " WHERE id = :id"), soci::use(id), soci::into(row);
  return sql.got_data();
}

long long CountRows(soci::session& sql, absl::string_view table) {
  long long n = 0;
  sql << absl::StrCat("SELECT COUNT(*) FROM ", table), soci::into(n);
  return n;
}

long long CountRowsWhere(soci::session& sql, absl::string_view table, absl::string_view condition,
                         const std::vector<std::string>& values) {
  soci::row row;
  soci::statement st(sql);
  st.exchange(soci::into(row));
  for (const std::string& v : values) st.exchange(soci::use(v));
  st.alloc();
  st.prepare(absl::StrCat("SELECT COUNT(*) AS n FROM ", table, " WHERE ", condition));
  st.define_and_bind();
  st.execute(true);
  return StoredRow(row, std::string(table)).Int("n");
}

std::map<std::string, long long> CountRowsBy(soci::session& sql, absl::string_view table, absl::string_view column) {
  std::map<std::string, long long> out;
  soci::rowset<soci::row> rows = (sql.prepare << absl::StrCat("SELECT ", column, " AS value, COUNT(*) AS n FROM ",
                                                                table, " GROUP BY ", column));
  for (const soci::row& row : rows) {
    StoredRow r(row, std::string(table));
    out[r.Text("value")] = r.Int("n");
  }
  return out;
}

bool UpdateRow(soci::session& tx, absl::string_view table, absl::string_view id_column, const std::string& id,
               const Row& row) {
  // Counted by the rows matched, not changed: MySQL reports an UPDATE that writes the
  // same values as changing nothing.
  int exists = 0;
  tx << absl::StrCat("SELECT COUNT(*) FROM ", table, " WHERE ", id_column, " = :id"), soci::use(id), soci::into(exists);
  if (exists == 0) return false;
  Row where;
  where.Text("where_id", id);
  Execute(tx, absl::StrCat("UPDATE ", table, " SET ", Assignments(row), " WHERE ", id_column, " = :where_id"),
          {&row, &where});
  return true;
}

bool UpdateVersioned(soci::session& tx, const VersionedTable& t, const std::string& id, long long expected_version,
                     const Row& row) {
  for (const auto& column : row.columns()) {
    if (column == t.key || column == "version") {
      throw std::invalid_argument(absl::StrCat("UpdateVersioned sets ", column, " itself (", t.table, ")"));
    }
  }
  // Keep the version being replaced; nothing is copied when it is not the stored one.
  Row where;
  where.Text("where_id", id).Int("expected_version", expected_version);
  const std::string kept = absl::StrCat(t.key, ", version, ", t.kept);
  const long long copied = Execute(tx,
                                   absl::StrCat("INSERT INTO ", t.history, " (", kept, ") SELECT ", kept, " FROM ",
                                                t.table, " WHERE ", t.key, " = :where_id AND version = :expected_version"),
                                   {&where});
  if (copied != 1) return false;
  // (id, version) keys the history, so an update racing this one for the same
  // version fails its copy (and is retried) rather than getting past here.
  Row set = row;
  set.Int("version", expected_version + 1);
  const long long updated = Execute(tx,
                                    absl::StrCat("UPDATE ", t.table, " SET ", Assignments(set), " WHERE ", t.key,
                                                 " = :where_id AND version = :expected_version"),
                                    {&set, &where});
  // Should it match nothing after all, the copy is not left alone: the caller answers
  // ABORTED for false, which rolls the transaction back.
  return updated == 1;
}

CorruptRecord::CorruptRecord(absl::string_view table, absl::string_view column, absl::string_view record_id)
    : std::runtime_error(
          absl::StrCat("corrupt stored value: ", table, ".", column, " of record '", record_id, "' cannot be read")) {}

StoredRow::StoredRow(const soci::row& row, std::string table) : row_(&row), table_(std::move(table)) {}

StoredRow::StoredRow(const soci::row& row, std::string table, std::string record_id)
    : row_(&row), table_(std::move(table)), record_id_(std::move(record_id)) {}

StoredRow::StoredRow(const TextRow& row, std::string table, std::optional<std::string> record_id)
    : text_(&row), table_(std::move(table)), record_id_(std::move(record_id)) {}

namespace {
// The value of `column` in a text row; throws `corrupt` when the row has no such column.
template <typename Corrupt>
const std::optional<std::string>& TextValue(const TextRow& row, const std::string& column, Corrupt corrupt) {
  const auto it = std::find(row.names->begin(), row.names->end(), column);
  if (it == row.names->end()) throw corrupt();
  return row.values.at(static_cast<size_t>(it - row.names->begin()));
}
}  // namespace

bool StoredRow::IsNull(const std::string& column) const {
  if (text_) return !TextValue(*text_, column, [&] { return Corrupt(column); });
  return row_->get_indicator(column) == soci::i_null;
}

CorruptRecord StoredRow::Corrupt(const std::string& column) const {
  if (record_id_) return CorruptRecord(table_, column, *record_id_);
  if (text_) {
    const auto id = std::find(text_->names->begin(), text_->names->end(), "id");
    const size_t at = static_cast<size_t>(id - text_->names->begin());
    const bool named = id != text_->names->end() && at < text_->values.size() && text_->values[at];
    return CorruptRecord(table_, column, named ? *text_->values[at] : "(unknown)");
  }
  for (size_t i = 0; i < row_->size(); ++i) {
    if (row_->get_properties(i).get_name() == "id" && row_->get_indicator(i) == soci::i_ok &&
        row_->get_properties(i).get_data_type() == soci::dt_string) {
      return CorruptRecord(table_, column, row_->get<std::string>(i));
    }
  }
  return CorruptRecord(table_, column, "(unknown)");
}

std::string StoredRow::Text(const std::string& column) const {
  std::optional<std::string> text = OptionalText(column);
  if (!text) throw Corrupt(column);
  return *std::move(text);
}

std::optional<std::string> StoredRow::OptionalText(const std::string& column) const {
  if (IsNull(column)) return std::nullopt;
  if (text_) return TextValue(*text_, column, [&] { return Corrupt(column); });
  if (row_->get_properties(column).get_data_type() != soci::dt_string) throw Corrupt(column);
  return row_->get<std::string>(column);
}

platform::Date StoredRow::RequiredDate(const std::string& column) const {
  std::optional<platform::Date> date = OptionalDate(column);
  if (!date) throw Corrupt(column);
  return *date;
}

std::optional<platform::Date> StoredRow::OptionalDate(const std::string& column) const {
  std::optional<std::string> text = OptionalText(column);
  if (!text) return std::nullopt;
  absl::StatusOr<platform::Date> date = ParseDate(*text);
  if (!date.ok()) throw Corrupt(column);
  return *date;
}

long long StoredRow::Int(const std::string& column) const {
  if (IsNull(column)) throw Corrupt(column);
  if (text_) {
    long long n = 0;
    if (!absl::SimpleAtoi(*TextValue(*text_, column, [&] { return Corrupt(column); }), &n)) throw Corrupt(column);
    return n;
  }
  // The backends describe integer columns by their width.
  switch (row_->get_properties(column).get_data_type()) {
    case soci::dt_integer:
      return row_->get<int>(column);
    case soci::dt_long_long:
      return row_->get<long long>(column);
    case soci::dt_unsigned_long_long: {
      unsigned long long n = row_->get<unsigned long long>(column);
      if (n > static_cast<unsigned long long>(std::numeric_limits<long long>::max())) throw Corrupt(column);
      return static_cast<long long>(n);
    }
    case soci::dt_string: {
      long long n = 0;
      if (!absl::SimpleAtoi(row_->get<std::string>(column), &n)) throw Corrupt(column);
      return n;
    }
    default:
      throw Corrupt(column);
  }
}

bool StoredRow::Bool(const std::string& column) const {
  const long long n = Int(column);
  if (n != 0 && n != 1) throw Corrupt(column);
  return n == 1;
}

std::optional<std::string> IdBySource(soci::session& sql, absl::string_view table, const std::string& source_id) {
  std::string id;
  soci::indicator ind = soci::i_null;
  sql << absl::StrCat("SELECT id FROM ", table, " WHERE source_id = :s"), soci::use(source_id), soci::into(id, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return id;
}

}  // namespace platform
