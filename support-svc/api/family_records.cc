#include "support-svc/api/family_records.h"

#include "absl/strings/str_cat.h"
#include "platform/core/retention.h"

namespace support {

std::unique_ptr<platform::RecordKind> FamilySupportRecords(const platform::StatutoryTable* statutory) {
  // Each table holding a family's own records with its earlier versions; households are
  // stored bare (recruitment-svc's id) in `household`.
  constexpr std::pair<const char*, const char*> kFamilyTables[] = {
      {"support_requests", "support_request_history"},
      {"assessments_of_need", "assessment_of_need_history"},
      {"adoption_allowances", "adoption_allowance_history"},
      {"adoptive_families", "adoptive_family_history"},
      {"disruption_reviews", "disruption_review_history"}};
  platform::LastEntryRecordKind::Description d{
      .type = "family_support_record",
      .record_name = "the adoption support record of households/",
      .rule = {platform::kAdoptionSupportRecordYears, "the family's last entry"}};
  for (const auto& [table, history] : kFamilyTables) {
    d.parts.push_back({table, "household"});
    d.content.push_back({history, absl::StrCat("id IN (SELECT id FROM ", table, " WHERE household = :id)")});
  }
  for (const auto& [table, history] : kFamilyTables) d.content.push_back({table, "household = :id"});
  return std::make_unique<platform::LastEntryRecordKind>(std::move(d), statutory);
}

std::unique_ptr<platform::RecordKind> AsfApplicationRecords(const platform::StatutoryTable* statutory) {
  // The per-child, per-year rows that serialise changes to a child's limits hold only
  // the opaque reference and a counter: no part of any one application.
  platform::LastEntryRecordKind::Description d{
      .type = "asf_application",
      .record_name = "asfApplications/",
      .rule = {platform::kAdoptionSupportRecordYears, "the application's last change"},
      .parts = {{"asf_applications", "id"}},
      .content = {{"asf_application_history", "id = :id"}, {"asf_applications", "id = :id"}}};
  return std::make_unique<platform::LastEntryRecordKind>(std::move(d), statutory);
}

std::unique_ptr<platform::RecordKind> RecordsAccessRequestRecords(const platform::StatutoryTable* statutory) {
  // Birth records counselling and an intermediary service are adoption support services:
  // the request is their case record.
  platform::LastEntryRecordKind::Description d{
      .type = "records_access_request",
      .record_name = "recordsAccessRequests/",
      .rule = {platform::kAdoptionSupportRecordYears, "the request's last change"},
      .parts = {{"records_access_requests", "id"}},
      .content = {{"records_access_request_history", "id = :id"}, {"records_access_requests", "id = :id"}}};
  return std::make_unique<platform::LastEntryRecordKind>(std::move(d), statutory);
}

std::unique_ptr<platform::RecordKind> FeedbackRecords(const platform::StatutoryTable* statutory) {
  platform::LastEntryRecordKind::Description d{
      .type = "feedback",
      .record_name = "feedback/",
      .rule = {platform::kFeedbackRecordYears, "its last change"},
      .parts = {{"feedback", "id"}},
      .content = {{"feedback_history", "id = :id"}, {"feedback", "id = :id"}}};
  return std::make_unique<platform::LastEntryRecordKind>(std::move(d), statutory);
}

std::vector<std::string> FamilySupportRetentionKeys() {
  return {platform::kAdoptionSupportRecordYears, platform::kFeedbackRecordYears};
}

}  // namespace support
