#include "familyfinding-svc/store/child_store.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "platform/columns.h"
#include "platform/db.h"
#include "platform/listing.h"

namespace familyfinding {
namespace {

using platform::Date;

// Every column a correction or a later verb may change, in binding order.
constexpr char kChangingColumns[] =
    "given_name, family_name, local_authority, date_of_birth, sex, ethnicity, disability, "
    "health_and_development_needs, sibling_group, sibling_placement, legal_status, early_permanence, status, "
    "status_reason, entered_care_date, should_be_placed_decision_date, placement_order_date, match_date, placed_date, "
    "early_permanence_placed_date, adoption_application_date, adoption_order_date, household_id, version, updated_at, "
    "updated_by";

const std::vector<std::string>& ChangingColumns() {
  static const std::vector<std::string> columns = absl::StrSplit(kChangingColumns, ", ");
  return columns;
}

const std::string& Columns() {
  static const std::string columns = absl::StrCat("id, created_at, created_by, ", kChangingColumns);
  return columns;
}

using platform::DateText;
using platform::NullableText;
using platform::OptionalDateAt;
using platform::OptionalTextAt;
using platform::Text;

// A child as bound values: they must outlive the statement that uses them.
struct ChildRow {
  explicit ChildRow(const Child& c)
      : child(c),
        dob(DateText(c.details.date_of_birth)),
        sex(SexName(c.details.sex)),
        disability(c.details.disability),
        sibling_placement(c.details.sibling_placement ? Text(SiblingPlacementName(*c.details.sibling_placement))
                                                      : NullableText{}),
        legal_status(LegalStatusName(c.details.legal_status)),
        early_permanence(c.details.early_permanence),
        status(StatusName(c.status)),
        dates{DateText(c.details.entered_care_date),
              DateText(c.milestones.should_be_placed_decision),
              DateText(c.milestones.placement_order),
              DateText(c.milestones.match),
              DateText(c.milestones.placed),
              DateText(c.milestones.early_permanence_placed),
              DateText(c.milestones.adoption_application),
              DateText(c.milestones.adoption_order)},
        household(Text(c.household_id)) {}

  // Binds the changing columns, in ChangingColumns() order.
  void BindChanging(soci::statement& st) {
    const ChildDetails& d = child.details;
    st.exchange(soci::use(d.given_name));
    st.exchange(soci::use(d.family_name));
    st.exchange(soci::use(d.local_authority));
    st.exchange(soci::use(dob.value, dob.ind));
    st.exchange(soci::use(sex));
    st.exchange(soci::use(d.ethnicity));
    st.exchange(soci::use(disability));
    st.exchange(soci::use(d.health_and_development_needs));
    st.exchange(soci::use(d.sibling_group));
    st.exchange(soci::use(sibling_placement.value, sibling_placement.ind));
    st.exchange(soci::use(legal_status));
    st.exchange(soci::use(early_permanence));
    st.exchange(soci::use(status));
    st.exchange(soci::use(child.status_reason));
    for (auto& date : dates) st.exchange(soci::use(date.value, date.ind));
    st.exchange(soci::use(household.value, household.ind));
    st.exchange(soci::use(child.version));
    st.exchange(soci::use(child.updated_at));
    st.exchange(soci::use(child.updated_by));
  }

  const Child& child;
  NullableText dob;
  std::string sex;
  int disability;
  NullableText sibling_placement;
  std::string legal_status;
  int early_permanence;
  std::string status;
  NullableText dates[8];
  NullableText household;
};

Child FromRow(const soci::row& r) {
  Child c;
  c.id = r.get<std::string>(0);
  c.created_at = r.get<long long>(1);
  c.created_by = r.get<std::string>(2);
  ChildDetails& d = c.details;
  d.given_name = r.get<std::string>(3);
  d.family_name = r.get<std::string>(4);
  d.local_authority = r.get<std::string>(5);
  d.date_of_birth = OptionalDateAt(r, 6);
  d.sex = ParseSex(r.get<std::string>(7)).value_or(Sex::kNotKnown);
  d.ethnicity = r.get<std::string>(8);
  d.disability = r.get<int>(9) != 0;
  d.health_and_development_needs = r.get<std::string>(10);
  d.sibling_group = r.get<std::string>(11);
  d.sibling_placement = ParseSiblingPlacement(OptionalTextAt(r, 12));
  d.legal_status = ParseLegalStatus(r.get<std::string>(13)).value_or(LegalStatus::kAccommodated);
  d.early_permanence = r.get<int>(14) != 0;
  c.status = ParseStatus(r.get<std::string>(15)).value_or(FamilyFindingStatus::kTracking);
  c.status_reason = r.get<std::string>(16);
  d.entered_care_date = OptionalDateAt(r, 17);
  Milestones& m = c.milestones;
  m.should_be_placed_decision = OptionalDateAt(r, 18);
  m.placement_order = OptionalDateAt(r, 19);
  m.match = OptionalDateAt(r, 20);
  m.placed = OptionalDateAt(r, 21);
  m.early_permanence_placed = OptionalDateAt(r, 22);
  m.adoption_application = OptionalDateAt(r, 23);
  m.adoption_order = OptionalDateAt(r, 24);
  c.household_id = OptionalTextAt(r, 25);
  c.version = r.get<long long>(26);
  c.updated_at = r.get<long long>(27);
  c.updated_by = r.get<std::string>(28);
  return c;
}

// One page of rows matching the query's column conditions, after `after`.
std::vector<Child> Fetch(soci::session& sql, const ChildQuery& q, const std::string& after, int limit) {
  platform::KeysetQuery query("children", Columns(), platform::Page{limit, after});
  query.Equal("local_authority", q.local_authority)
      .Equal("status", q.status ? std::optional(StatusName(*q.status)) : std::nullopt)
      .Equal("legal_status", q.legal_status ? std::optional(LegalStatusName(*q.legal_status)) : std::nullopt)
      .Equal("sex", q.sex ? std::optional(SexName(*q.sex)) : std::nullopt)
      .Equal("early_permanence", q.early_permanence)
      .Equal("sibling_group", q.sibling_group)
      .Equal("household_id", q.household_id)
      .Within(q.coverage, {.local_authority = "local_authority"});
  std::vector<Child> out;
  query.ForEach(sql, [&](const soci::row& row) { out.push_back(FromRow(row)); });
  return out;
}

}  // namespace

void ChildStore::Insert(soci::session& tx, const Child& c) {
  ChildRow row(c);
  soci::statement st(tx);
  st.exchange(soci::use(c.id));
  st.exchange(soci::use(c.created_at));
  st.exchange(soci::use(c.created_by));
  row.BindChanging(st);
  std::vector<std::string> params;
  for (size_t i = 0; i < ChangingColumns().size() + 3; ++i) params.push_back(absl::StrCat(":p", i));
  st.alloc();
  st.prepare(absl::StrCat("INSERT INTO children (", Columns(), ") VALUES (", absl::StrJoin(params, ", "), ")"));
  st.define_and_bind();
  st.execute(true);
}

std::optional<Child> ChildStore::Get(soci::session& sql, const std::string& id) {
  soci::row row;
  sql << absl::StrCat("SELECT ", Columns(), " FROM children WHERE id = :id"), soci::use(id), soci::into(row);
  if (!sql.got_data()) return std::nullopt;
  return FromRow(row);
}

std::vector<Child> ChildStore::List(soci::session& sql, const ChildQuery& q) {
  std::vector<Child> out;
  std::string after = q.page.after_id;
  const size_t wanted = static_cast<size_t>(q.page.size);
  // Without a derived condition one fetch is the page; with one, read on until the
  // page is full or the rows run out.
  while (out.size() < wanted) {
    std::vector<Child> batch = Fetch(sql, q, after, q.page.size);
    for (auto& c : batch) {
      after = c.id;
      if (q.harder_to_place && HarderToPlace(c.details, q.on) != *q.harder_to_place) continue;
      out.push_back(std::move(c));
      if (out.size() == wanted) break;
    }
    if (batch.size() < wanted) break;
  }
  return out;
}

bool ChildStore::Update(soci::session& tx, Child& c, long long expected_version) {
  // Keep the version being replaced (nothing when the version is stale).
  tx << absl::StrCat("INSERT INTO child_history (", Columns(), ") SELECT ", Columns(),
                     " FROM children WHERE id = :id AND version = :v"),
      soci::use(c.id), soci::use(expected_version);
  const long long previous = c.version;
  c.version = expected_version + 1;
  ChildRow row(c);
  std::vector<std::string> sets;
  for (const auto& column : ChangingColumns()) sets.push_back(absl::StrCat(column, " = :", column));
  soci::statement st(tx);
  row.BindChanging(st);
  st.exchange(soci::use(c.id));
  st.exchange(soci::use(expected_version));
  st.alloc();
  st.prepare(absl::StrCat("UPDATE children SET ", absl::StrJoin(sets, ", "), " WHERE id = :id AND version = :v"));
  st.define_and_bind();
  st.execute(true);
  if (st.get_affected_rows() != 1) {
    c.version = previous;
    return false;
  }
  return true;
}

}  // namespace familyfinding
