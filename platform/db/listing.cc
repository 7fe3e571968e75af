#include "platform/db/listing.h"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"

namespace platform {

KeysetQuery::KeysetQuery(std::string table, std::string columns, const Page& page, std::string id_column)
    : table_(std::move(table)), columns_(std::move(columns)), order_by_(id_column), limit_(page.size) {
  conditions_.push_back(absl::StrCat(id_column, " > :after"));
  BindText(page.after_id);
}

KeysetQuery KeysetQuery::OrderedBy(std::string table, std::string columns, const Page& page,
                                   std::string order_column) {
  KeysetQuery q;
  q.table_ = std::move(table);
  q.columns_ = std::move(columns);
  q.order_by_ = absl::StrCat(order_column, ", id");
  q.limit_ = page.size;
  if (page.after_id.empty()) {
    q.conditions_.push_back("1 = 1");
  } else {
    q.conditions_.push_back(
        absl::StrCat("(", order_column, " > :resume1 OR (", order_column, " = :resume2 AND id > :after))"));
    q.BindText("");
    q.BindText("");
    q.BindText(page.after_id);
    q.resume_column_ = std::move(order_column);
    q.resume_after_ = page.after_id;
  }
  return q;
}

void KeysetQuery::BindText(std::string value) {
  texts_.push_back(std::move(value));
  binds_.push_back({Kind::kText, texts_.size() - 1});
}

KeysetQuery& KeysetQuery::Equal(const std::string& column, const std::optional<std::string>& value) {
  if (!value) return *this;
  conditions_.push_back(absl::StrCat(column, " = :", column));
  BindText(*value);
  return *this;
}

KeysetQuery& KeysetQuery::Equal(const std::string& column, const std::optional<long long>& value) {
  if (!value) return *this;
  conditions_.push_back(absl::StrCat(column, " = :", column));
  ints_.push_back(*value);
  binds_.push_back({Kind::kInt, ints_.size() - 1});
  return *this;
}

KeysetQuery& KeysetQuery::Equal(const std::string& column, const std::optional<bool>& value) {
  if (!value) return *this;
  return Equal(column, std::optional<long long>(*value ? 1 : 0));
}

KeysetQuery& KeysetQuery::Where(const std::string& condition, const std::vector<std::string>& values) {
  conditions_.push_back(condition);
  for (const auto& v : values) BindText(v);
  return *this;
}

ScopeCondition CoverageCondition(const Coverage& coverage, const ScopeColumns& columns) {
  ScopeCondition out;
  if (coverage.agency) return out;
  std::vector<std::string> any;
  if (!columns.local_authority.empty() && !coverage.local_authorities.empty()) {
    std::vector<std::string> marks;
    for (size_t i = 0; i < coverage.local_authorities.size(); ++i) {
      marks.push_back(absl::StrCat(":la", i));
      out.values.push_back(coverage.local_authorities[i]);
    }
    any.push_back(absl::StrCat(columns.local_authority, " IN (", absl::StrJoin(marks, ", "), ")"));
    if (columns.empty_authority_is_unallocated) any.push_back(absl::StrCat(columns.local_authority, " = ''"));
  }
  if (!columns.household.empty() && !coverage.household.empty()) {
    any.push_back(absl::StrCat(columns.household, " = :household"));
    out.values.push_back(coverage.household);
  }
  if (!columns.party_condition.empty() && !coverage.party.empty()) {
    any.push_back(columns.party_condition);
    out.values.push_back(coverage.party);
  }
  if (!columns.partner_agency.empty() && !coverage.partner_agency.empty()) {
    any.push_back(absl::StrCat(columns.partner_agency, " = :partner_agency"));
    out.values.push_back(coverage.partner_agency);
  }
  if (!columns.subject_condition.empty() && !coverage.subject.empty()) {
    any.push_back(columns.subject_condition);
    out.values.push_back(coverage.subject);
  }
  if (any.empty()) {
    out.nothing = true;
  } else {
    out.sql = absl::StrCat("(", absl::StrJoin(any, " OR "), ")");
  }
  return out;
}

KeysetQuery& KeysetQuery::Within(const Coverage& coverage, const ScopeColumns& columns) {
  ScopeCondition scope = CoverageCondition(coverage, columns);
  if (scope.nothing) nothing_ = true;
  if (!scope.sql.empty()) conditions_.push_back(scope.sql);
  for (std::string& value : scope.values) BindText(std::move(value));
  return *this;
}

std::string KeysetQuery::Sql() const {
  return absl::StrCat("SELECT ", columns_, " FROM ", table_, " WHERE ", absl::StrJoin(conditions_, " AND "),
                      " ORDER BY ", order_by_, " LIMIT ", limit_);
}

void KeysetQuery::ForEach(soci::session& sql, const std::function<void(const soci::row&)>& each) {
  if (nothing_) return;
  if (!resume_column_.empty()) {
    std::string value;
    soci::indicator ind = soci::i_null;
    sql << absl::StrCat("SELECT ", resume_column_, " FROM ", table_, " WHERE id = :id"), soci::use(resume_after_),
        soci::into(value, ind);
    if (!sql.got_data() || ind != soci::i_ok) return;
    texts_[0] = value;
    texts_[1] = value;
  }
  soci::row row;
  soci::statement st(sql);
  st.exchange(soci::into(row));
  for (const auto& [kind, index] : binds_) {
    if (kind == Kind::kText) {
      st.exchange(soci::use(texts_[index]));
    } else {
      st.exchange(soci::use(ints_[index]));
    }
  }
  st.alloc();
  st.prepare(Sql());
  st.define_and_bind();
  st.execute();
  while (st.fetch()) each(row);
}

namespace {

using listing_internal::Branch;

std::vector<std::string> Names(absl::string_view list) {
  std::vector<std::string> out;
  for (absl::string_view name : absl::StrSplit(list, ',', absl::SkipWhitespace())) {
    out.emplace_back(absl::StripAsciiWhitespace(name));
  }
  return out;
}

// A part's branch: `lead` columns first, then its order keys, then its columns.
Branch PartBranch(const PartsQuery& part, std::vector<std::string> lead) {
  Branch b{.table = part.table, .names = std::move(lead)};
  for (const std::string& name : Names(part.order)) {
    std::vector<std::string> words = absl::StrSplit(name, ' ', absl::SkipEmpty());
    b.keys.push_back({.column = words.front(),
                      .descending = words.size() > 1 && absl::AsciiStrToUpper(words.back()) == "DESC"});
    b.names.push_back(words.front());
  }
  for (std::string& name : Names(part.columns)) b.names.push_back(std::move(name));
  return b;
}

size_t Width(const std::vector<Branch>& branches) {
  size_t width = 0;
  for (const Branch& b : branches) width = std::max(width, b.names.size());
  return width;
}

// "SELECT '<b>', CAST(x AS CHAR), ..., NULL, ... FROM <from>": every branch as wide as
// the widest. CAST(x AS CHAR) is text on both backends (SQLite gives CHAR text affinity).
std::string SelectText(const std::vector<Branch>& branches, size_t b, size_t width, const std::string& from) {
  std::vector<std::string> values = {absl::StrCat("'", b, "'")};
  for (size_t i = 0; i < width; ++i) {
    values.push_back(i < branches[b].names.size() ? absl::StrCat("CAST(", branches[b].names[i], " AS CHAR)")
                                                  : std::string("NULL"));
  }
  return absl::StrCat("SELECT ", absl::StrJoin(values, ", "), " FROM ", from);
}

// A UNION's rows into a fixed set of text columns, bound once (no per-statement
// description of the result, as a soci::row makes), grouped by branch.
class UnionRows {
 public:
  explicit UnionRows(const std::vector<Branch>& branches, size_t width)
      : branches_(branches), values_(width), nulls_(width, soci::i_null), rows_(branches.size()) {}
  void Into(soci::statement& st) {
    st.exchange(soci::into(branch_));
    for (size_t i = 0; i < values_.size(); ++i) st.exchange(soci::into(values_[i], nulls_[i]));
  }
  void FetchAll(soci::statement& st) {
    while (st.fetch()) {
      size_t b = 0;
      if (!absl::SimpleAtoi(branch_, &b) || b >= branches_.size()) {
        throw std::logic_error("a UNION's row of no branch");
      }
      TextRow row{.names = &branches_[b].names};
      row.values.reserve(branches_[b].names.size());
      for (size_t i = 0; i < branches_[b].names.size(); ++i) {
        row.values.push_back(nulls_[i] == soci::i_null ? std::nullopt : std::optional<std::string>(values_[i]));
      }
      rows_[b].push_back(std::move(row));
    }
  }
  // RecordWithParts's statement for record `id` (bound once in each branch), run and
  // fetched.
  void FetchRecord(const ServerPrepared& statement, soci::session& sql, const std::string& id) {
    soci::statement st = statement.Execute(sql, [&](soci::statement& s) {
      Into(s);
      for (size_t b = 0; b < branches_.size(); ++b) s.exchange(soci::use(id));
    });
    FetchAll(st);
  }
  std::vector<TextRow>& of(size_t b) { return rows_[b]; }
  std::vector<std::vector<TextRow>>& all() { return rows_; }

 private:
  const std::vector<Branch>& branches_;
  std::string branch_;
  std::vector<std::string> values_;
  std::vector<soci::indicator> nulls_;
  std::vector<std::vector<TextRow>> rows_;
};

// A branch's order keys' values in `row` (a descending key negated).
std::vector<long long> KeyOf(const Branch& b, const StoredRow& row) {
  std::vector<long long> key;
  key.reserve(b.keys.size());
  for (const listing_internal::OrderKey& k : b.keys) key.push_back(k.descending ? -row.Int(k.column) : row.Int(k.column));
  return key;
}

}  // namespace

PartsOfRecords::PartsOfRecords(std::vector<PartsQuery> parts) : parts_(std::move(parts)) {
  for (const PartsQuery& part : parts_) branches_.push_back(PartBranch(part, {part.owner_column}));
  width_ = Width(branches_);
}

void PartsOfRecords::ForEach(
    soci::session& sql, const std::vector<std::string>& owners,
    const std::function<void(size_t part, const std::string& owner, const StoredRow&)>& each) const {
  // Enough ids to a statement that a page of 1,000 takes two; each part's branch binds them.
  constexpr size_t kOwnersPerStatement = 500;
  UnionRows rows(branches_, width_);
  for (size_t first = 0; first < owners.size(); first += kOwnersPerStatement) {
    const size_t last = std::min(owners.size(), first + kOwnersPerStatement);
    std::vector<std::string> text;
    for (size_t p = 0; p < parts_.size(); ++p) {
      std::vector<std::string> marks;
      for (size_t i = first; i < last; ++i) marks.push_back(absl::StrCat(":o", p, "_", i - first));
      std::string from =
          absl::StrCat(parts_[p].table, " WHERE ", parts_[p].owner_column, " IN (", absl::StrJoin(marks, ", "), ")");
      if (!parts_[p].condition.empty()) absl::StrAppend(&from, " AND ", parts_[p].condition);
      text.push_back(SelectText(branches_, p, width_, from));
    }
    soci::statement st(sql);
    rows.Into(st);
    for (size_t p = 0; p < parts_.size(); ++p) {
      for (size_t i = first; i < last; ++i) st.exchange(soci::use(owners[i]));
    }
    st.alloc();
    st.prepare(absl::StrJoin(text, " UNION ALL "));
    st.define_and_bind();
    st.execute();
    rows.FetchAll(st);
  }
  // Part by part, owner by owner, each owner's rows in the part's order.
  for (size_t p = 0; p < branches_.size(); ++p) {
    const Branch& b = branches_[p];
    struct Placed {
      std::string owner;
      std::vector<long long> key;
      const TextRow* row;
    };
    std::vector<Placed> placed;
    placed.reserve(rows.of(p).size());
    for (const TextRow& r : rows.of(p)) {
      std::string owner = r.values[0].value_or("");
      const StoredRow stored(r, b.table, owner);
      placed.push_back({std::move(owner), KeyOf(b, stored), &r});
    }
    std::stable_sort(placed.begin(), placed.end(), [](const Placed& x, const Placed& y) {
      return x.owner != y.owner ? x.owner < y.owner : x.key < y.key;
    });
    for (const Placed& x : placed) each(p, x.owner, StoredRow(*x.row, b.table, x.owner));
  }
}

RecordWithParts::RecordWithParts(std::string table, const std::string& columns, std::vector<PartsQuery> parts,
                                 std::optional<KeptParts> kept)
    : kept_(std::move(kept)) {
  branches_.push_back({.table = std::move(table), .names = Names(columns)});
  for (const PartsQuery& part : parts) branches_.push_back(PartBranch(part, {}));
  width_ = Width(branches_);
  std::string text = SelectText(branches_, 0, width_, absl::StrCat(branches_[0].table, " WHERE id = :id0"));
  for (size_t p = 0; p < parts.size(); ++p) {
    std::string from = absl::StrCat(parts[p].table, " WHERE ", parts[p].owner_column, " = :id", p + 1);
    if (!parts[p].condition.empty()) absl::StrAppend(&from, " AND ", parts[p].condition);
    absl::StrAppend(&text, " UNION ALL ", SelectText(branches_, p + 1, width_, from));
  }
  statement_ = std::make_unique<const ServerPrepared>(std::move(text));
  if (kept_) {
    const std::vector<std::string>& names = branches_[0].names;
    if (std::find(names.begin(), names.end(), kept_->version_column) == names.end()) {
      throw std::logic_error(absl::StrCat("RecordWithParts: ", kept_->version_column, " is not among the columns"));
    }
    std::vector<std::string> values;
    for (const std::string& name : names) values.push_back(absl::StrCat("CAST(", name, " AS CHAR)"));
    values.push_back(kept_->column);
    kept_statement_ = std::make_unique<const ServerPrepared>(absl::StrCat(
        "SELECT ", absl::StrJoin(values, ", "), " FROM ", branches_[0].table, " WHERE id = :id"));
  }
}

namespace {

// The copy of a record's parts (KeptParts) is text of its own making, every value
// length-prefixed, so that no value needs escaping:
//   <version> ';' then, for each row: <part> ',' <number of values> ';' and each value
//   as '~' (NULL) or <length in bytes> ':' <bytes>.
void AppendKeptRow(std::string& out, size_t part, const TextRow& row) {
  absl::StrAppend(&out, part, ",", row.values.size(), ";");
  for (const std::optional<std::string>& v : row.values) {
    if (v) {
      absl::StrAppend(&out, v->size(), ":", *v);
    } else {
      out += '~';
    }
  }
}

// The number at the front of `in` up to `end`, consumed with it.
bool TakeNumber(absl::string_view& in, char end, size_t& n) {
  const size_t at = in.find(end);
  if (at == absl::string_view::npos || !absl::SimpleAtoi(in.substr(0, at), &n)) return false;
  in.remove_prefix(at + 1);
  return true;
}

struct KeptRow {
  size_t part;
  TextRow row;
};

// The rows of a copy made for `version`, or nullopt when it is of another version or is
// not a copy of this record's parts (each row as wide as its part's branch).
std::optional<std::vector<KeptRow>> DecodeKept(absl::string_view in, long long version,
                                               const std::vector<Branch>& branches) {
  size_t at = in.find(';');
  long long kept_version = 0;
  if (at == absl::string_view::npos || !absl::SimpleAtoi(in.substr(0, at), &kept_version) ||
      kept_version != version) {
    return std::nullopt;
  }
  in.remove_prefix(at + 1);
  std::vector<KeptRow> rows;
  while (!in.empty()) {
    size_t part = 0, count = 0;
    if (!TakeNumber(in, ',', part) || !TakeNumber(in, ';', count) || part + 1 >= branches.size() ||
        count != branches[part + 1].names.size()) {
      return std::nullopt;
    }
    KeptRow kept{.part = part, .row = {.names = &branches[part + 1].names}};
    kept.row.values.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      if (!in.empty() && in.front() == '~') {
        in.remove_prefix(1);
        kept.row.values.emplace_back();
        continue;
      }
      size_t length = 0;
      if (!TakeNumber(in, ':', length) || length > in.size()) return std::nullopt;
      kept.row.values.emplace_back(std::string(in.substr(0, length)));
      in.remove_prefix(length);
    }
    rows.push_back(std::move(kept));
  }
  return rows;
}

}  // namespace

bool RecordWithParts::Find(soci::session& sql, const std::string& id,
                           const std::function<void(const StoredRow&)>& record, const PartCallback& part) const {
  if (!kept_) return Assemble(sql, id, record, part);
  const std::vector<std::string>& names = branches_[0].names;
  std::vector<std::string> values(names.size());
  std::vector<soci::indicator> nulls(names.size(), soci::i_null);
  std::string kept;
  soci::indicator kept_null = soci::i_null;
  soci::statement st = kept_statement_->Execute(sql, [&](soci::statement& s) {
    for (size_t i = 0; i < names.size(); ++i) s.exchange(soci::into(values[i], nulls[i]));
    s.exchange(soci::into(kept, kept_null));
    s.exchange(soci::use(id));
  });
  if (!st.fetch()) return false;  // by primary key: one row or none
  TextRow row{.names = &names};
  for (size_t i = 0; i < names.size(); ++i) {
    row.values.push_back(nulls[i] == soci::i_null ? std::nullopt : std::optional<std::string>(values[i]));
  }
  const StoredRow stored(row, branches_[0].table);
  std::optional<std::vector<KeptRow>> parts;
  if (kept_null == soci::i_ok) parts = DecodeKept(kept, stored.Int(kept_->version_column), branches_);
  if (!parts) return Assemble(sql, id, record, part);  // no copy of this version
  record(stored);
  for (const KeptRow& r : *parts) part(r.part, StoredRow(r.row, branches_[r.part + 1].table, id));
  return true;
}

bool RecordWithParts::ReadKept(const std::optional<std::string>& kept, long long version, const std::string& id,
                               const PartCallback& part) const {
  if (!kept_ || !kept) return false;
  std::optional<std::vector<KeptRow>> parts = DecodeKept(*kept, version, branches_);
  if (!parts) return false;
  for (const KeptRow& r : *parts) part(r.part, StoredRow(r.row, branches_[r.part + 1].table, id));
  return true;
}

std::vector<std::vector<const TextRow*>> RecordWithParts::Ordered(std::vector<std::vector<TextRow>>& rows,
                                                                 const std::string& id) const {
  // A branch's rows in its keys' order: a UNION keeps none.
  std::vector<std::vector<const TextRow*>> out(branches_.size() - 1);
  for (size_t p = 1; p < branches_.size(); ++p) {
    const Branch& b = branches_[p];
    std::vector<std::pair<std::vector<long long>, const TextRow*>> ordered;
    ordered.reserve(rows[p].size());
    for (const TextRow& r : rows[p]) ordered.emplace_back(KeyOf(b, StoredRow(r, b.table, id)), &r);
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [key, r] : ordered) out[p - 1].push_back(r);
  }
  return out;
}

bool RecordWithParts::Assemble(soci::session& sql, const std::string& id,
                               const std::function<void(const StoredRow&)>& record, const PartCallback& part) const {
  UnionRows rows(branches_, width_);
  rows.FetchRecord(*statement_, sql, id);
  if (rows.of(0).empty()) return false;
  record(StoredRow(rows.of(0).front(), branches_[0].table));
  const std::vector<std::vector<const TextRow*>> parts = Ordered(rows.all(), id);
  for (size_t p = 0; p < parts.size(); ++p) {
    for (const TextRow* r : parts[p]) part(p, StoredRow(*r, branches_[p + 1].table, id));
  }
  return true;
}

std::string RecordWithParts::Encode(long long version, const std::vector<std::vector<const TextRow*>>& parts) const {
  std::string out = absl::StrCat(version, ";");
  for (size_t p = 0; p < parts.size(); ++p) {
    for (const TextRow* r : parts[p]) AppendKeptRow(out, p, *r);
  }
  return out;
}

void RecordWithParts::Keep(soci::session& tx, const std::string& id) const {
  if (!kept_) throw std::logic_error("RecordWithParts::Keep without a column to keep the parts in");
  UnionRows rows(branches_, width_);
  rows.FetchRecord(*statement_, tx, id);
  if (rows.of(0).empty()) throw std::logic_error(absl::StrCat("RecordWithParts::Keep: no record ", id));
  const long long version = StoredRow(rows.of(0).front(), branches_[0].table).Int(kept_->version_column);
  const std::string kept = Encode(version, Ordered(rows.all(), id));
  tx << absl::StrCat("UPDATE ", branches_[0].table, " SET ", kept_->column, " = :kept WHERE id = :id"),
      soci::use(kept), soci::use(id);
}

std::string RecordWithParts::KeptText(long long version, const std::vector<std::vector<const Row*>>& rows) const {
  if (rows.size() != branches_.size() - 1) throw std::logic_error("RecordWithParts::KeptText: a list per part");
  std::vector<std::vector<TextRow>> text(branches_.size());
  for (size_t p = 0; p < rows.size(); ++p) {
    const Branch& b = branches_[p + 1];
    for (const Row* row : rows[p]) {
      TextRow t{.names = &b.names};
      for (const std::string& name : b.names) t.values.push_back(row->AsText(name));
      text[p + 1].push_back(std::move(t));
    }
  }
  return Encode(version, Ordered(text, ""));
}

}  // namespace platform
