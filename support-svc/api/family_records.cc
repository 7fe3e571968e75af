#include "support-svc/api/family_records.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/retention.h"

namespace support {

namespace {

// Each table holding a family's own records, by the household column they name it in.
constexpr const char* kFamilyTables[] = {"support_requests", "assessments_of_need", "adoption_allowances",
                                         "adoptive_families", "disruption_reviews"};

// The latest change to any of the family's records, per household (one household
// when `household` is given). Households are stored bare (recruitment-svc's id).
std::string LastEntries(bool one) {
  std::string union_all;
  for (const char* table : kFamilyTables) {
    if (!union_all.empty()) union_all += " UNION ALL ";
    absl::StrAppend(&union_all, "SELECT household, updated_at FROM ", table, " WHERE household <> ''",
                    one ? " AND household = :household" : "");
  }
  return absl::StrCat("SELECT household, MAX(updated_at) FROM (", union_all, ") entries GROUP BY household",
                      " ORDER BY household");
}

}  // namespace

std::string FamilySupportRecords::type() const { return "family_support_record"; }

std::optional<platform::Retention> FamilySupportRecords::RetentionFrom(long long last_entry_micros) const {
  static const platform::RetentionRule kSupportRecord{platform::kAdoptionSupportRecordYears,
                                                      "the family's last entry"};
  absl::StatusOr<platform::Retention> r =
      platform::RetentionOf(*statutory_, kSupportRecord, platform::DayOfMicros(last_entry_micros));
  return r.ok() ? std::optional<platform::Retention>(*r) : std::nullopt;
}

std::vector<platform::RetainedRecord> FamilySupportRecords::Due(soci::session& sql, platform::Date through) {
  std::vector<platform::RetainedRecord> due;
  std::string household;
  long long last = 0;
  soci::statement st = (sql.prepare << LastEntries(false), soci::into(household), soci::into(last));
  st.execute();
  while (st.fetch()) {
    std::optional<platform::Retention> r = RetentionFrom(last);
    if (r && r->retain_until <= through) due.push_back({household, *r});
  }
  return due;
}

absl::StatusOr<std::optional<platform::Retention>> FamilySupportRecords::Find(soci::session& sql,
                                                                               const std::string& id) {
  std::string household;
  long long last = 0;
  soci::statement st =
      (sql.prepare << LastEntries(true), soci::use(id, "household"), soci::into(household), soci::into(last));
  st.execute();
  if (!st.fetch()) return platform::NotFound(absl::StrCat("the adoption support record of households/", id));
  return RetentionFrom(last);
}

std::vector<platform::ContentTable> FamilySupportRecords::Content() const {
  // Each record's earlier versions, then the records.
  std::vector<platform::ContentTable> content;
  for (const auto& [table, history] :
       {std::pair{"support_requests", "support_request_history"}, {"assessments_of_need", "assessment_of_need_history"},
        {"adoption_allowances", "adoption_allowance_history"}, {"adoptive_families", "adoptive_family_history"},
        {"disruption_reviews", "disruption_review_history"}}) {
    content.push_back({history, absl::StrCat("id IN (SELECT id FROM ", table, " WHERE household = :id)")});
  }
  for (const char* table : kFamilyTables) content.push_back({table, "household = :id"});
  return content;
}

std::vector<std::string> FamilySupportRetentionKeys() { return {platform::kAdoptionSupportRecordYears}; }

}  // namespace support
