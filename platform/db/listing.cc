#include "platform/db/listing.h"

#include <algorithm>
#include <stdexcept>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

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

void ForEachPart(soci::session& sql, const PartsQuery& query, const std::vector<std::string>& owners,
                 const std::function<void(const std::string& owner, const soci::row&)>& each) {
  // Enough ids to a statement that a page of 1,000 takes two.
  constexpr size_t kOwnersPerStatement = 500;
  for (size_t first = 0; first < owners.size(); first += kOwnersPerStatement) {
    const size_t last = std::min(owners.size(), first + kOwnersPerStatement);
    std::vector<std::string> params;
    for (size_t i = first; i < last; ++i) params.push_back(absl::StrCat(":o", i - first));
    std::string text = absl::StrCat("SELECT ", query.owner_column, ", ", query.columns, " FROM ", query.table,
                                    " WHERE ", query.owner_column, " IN (", absl::StrJoin(params, ", "), ")");
    if (!query.condition.empty()) absl::StrAppend(&text, " AND ", query.condition);
    absl::StrAppend(&text, " ORDER BY ", query.owner_column, query.order.empty() ? "" : ", ", query.order);
    soci::row row;
    soci::statement st(sql);
    st.exchange(soci::into(row));
    for (size_t i = first; i < last; ++i) st.exchange(soci::use(owners[i]));
    st.alloc();
    st.prepare(text);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) each(row.get<std::string>(0), row);
  }
}

namespace {

std::vector<std::string> Names(absl::string_view list) {
  std::vector<std::string> out;
  for (absl::string_view name : absl::StrSplit(list, ',', absl::SkipWhitespace())) {
    out.emplace_back(absl::StripAsciiWhitespace(name));
  }
  return out;
}

}  // namespace

RecordWithParts::RecordWithParts(std::string table, const std::string& columns, std::vector<PartsQuery> parts) {
  branches_.resize(parts.size() + 1);
  branches_[0].table = std::move(table);
  branches_[0].names = Names(columns);
  width_ = branches_[0].names.size();
  for (size_t p = 0; p < parts.size(); ++p) {
    Branch& b = branches_[p + 1];
    b.table = parts[p].table;
    for (const std::string& name : Names(parts[p].order)) {
      std::vector<std::string> words = absl::StrSplit(name, ' ', absl::SkipEmpty());
      b.keys.push_back({.column = words.front(),
                        .descending = words.size() > 1 && absl::AsciiStrToUpper(words.back()) == "DESC"});
      b.names.push_back(words.front());
    }
    for (std::string& name : Names(parts[p].columns)) b.names.push_back(std::move(name));
    width_ = std::max(width_, b.names.size());
  }
  // CAST(x AS CHAR) is text on both backends (SQLite gives CHAR text affinity).
  auto select = [&](size_t b, const std::string& from) {
    std::vector<std::string> values = {absl::StrCat("'", b, "'")};
    for (size_t i = 0; i < width_; ++i) {
      values.push_back(i < branches_[b].names.size() ? absl::StrCat("CAST(", branches_[b].names[i], " AS CHAR)")
                                                     : std::string("NULL"));
    }
    return absl::StrCat("SELECT ", absl::StrJoin(values, ", "), " FROM ", from);
  };
  std::string text = select(0, absl::StrCat(branches_[0].table, " WHERE id = :id0"));
  for (size_t p = 0; p < parts.size(); ++p) {
    std::string from = absl::StrCat(parts[p].table, " WHERE ", parts[p].owner_column, " = :id", p + 1);
    if (!parts[p].condition.empty()) absl::StrAppend(&from, " AND ", parts[p].condition);
    absl::StrAppend(&text, " UNION ALL ", select(p + 1, from));
  }
  statement_ = std::make_unique<const ServerPrepared>(std::move(text));
}

bool RecordWithParts::Find(soci::session& sql, const std::string& id,
                           const std::function<void(const StoredRow&)>& record,
                           const std::function<void(size_t part, const StoredRow&)>& part) const {
  // A fixed set of text columns, bound once: no per-statement description of the
  // result (soci::row), which was a large share of a read's work in the service.
  std::string branch;
  std::vector<std::string> values(width_);
  std::vector<soci::indicator> nulls(width_, soci::i_null);
  soci::statement st = statement_->Execute(sql, [&](soci::statement& s) {
    s.exchange(soci::into(branch));
    for (size_t i = 0; i < width_; ++i) s.exchange(soci::into(values[i], nulls[i]));
    for (size_t b = 0; b < branches_.size(); ++b) s.exchange(soci::use(id));
  });
  // Rows by branch; a branch's rows then in its keys' order.
  std::vector<std::vector<TextRow>> rows(branches_.size());
  while (st.fetch()) {
    size_t b = 0;
    if (!absl::SimpleAtoi(branch, &b) || b >= branches_.size()) {
      throw std::logic_error("RecordWithParts: a row of no branch");
    }
    TextRow text_row{.names = &branches_[b].names};
    text_row.values.reserve(branches_[b].names.size());
    for (size_t i = 0; i < branches_[b].names.size(); ++i) {
      text_row.values.push_back(nulls[i] == soci::i_null ? std::nullopt : std::optional<std::string>(values[i]));
    }
    rows[b].push_back(std::move(text_row));
  }
  if (rows[0].empty()) return false;
  record(StoredRow(rows[0].front(), branches_[0].table));
  for (size_t p = 1; p < branches_.size(); ++p) {
    const Branch& b = branches_[p];
    std::vector<std::pair<std::vector<long long>, const TextRow*>> ordered;
    ordered.reserve(rows[p].size());
    for (const TextRow& r : rows[p]) {
      const StoredRow stored(r, b.table, id);
      std::vector<long long> key;
      for (const OrderKey& k : b.keys) key.push_back(k.descending ? -stored.Int(k.column) : stored.Int(k.column));
      ordered.emplace_back(std::move(key), &r);
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [key, r] : ordered) part(p - 1, StoredRow(*r, b.table, id));
  }
  return true;
}

}  // namespace platform
