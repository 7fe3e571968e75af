#include "platform/db/listing.h"

#include <algorithm>

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

}  // namespace platform
