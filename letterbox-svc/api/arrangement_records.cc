#include "letterbox-svc/api/arrangement_records.h"

#include "platform/core/retention.h"
#include "platform/rpc/last_entry_records.h"

namespace letterbox {

std::unique_ptr<platform::RecordKind> ContactArrangementRecords(const platform::StatutoryTable* statutory) {
  constexpr char kExchanges[] = "(SELECT id FROM exchanges WHERE arrangement_id = :id)";
  const std::string of_exchanges = std::string("exchange_id IN ") + kExchanges;
  platform::LastEntryRecordKind::Description d{
      .type = "contact_arrangement",
      .record_name = "contactArrangements/",
      .rule = {platform::kAdoptionSupportRecordYears, "the arrangement's last entry"},
      .parts = {{"contact_arrangements", "id"}, {"exchanges", "arrangement_id"}},
      .content = {
          // Attached files are stored once by their hash: those no other arrangement's
          // exchange attaches go with the record (read before the attachments go).
          {"exchange_files", std::string("sha256 IN (SELECT sha256 FROM exchange_attachments WHERE ") + of_exchanges +
                                 ") AND sha256 NOT IN (SELECT sha256 FROM exchange_attachments WHERE exchange_id "
                                 "NOT IN " + kExchanges + ")"},
          {"exchange_attachments", of_exchanges},
          {"exchange_versions", of_exchanges},
          {"exchange_history", std::string("id IN ") + kExchanges},
          {"exchanges", "arrangement_id = :id"},
          {"letterbox_schedule", "arrangement_id = :id"},
          {"contact_arrangement_party_details", "arrangement_id = :id"},
          {"contact_arrangement_parties", "arrangement_id = :id"},
          {"contact_arrangement_months", "arrangement_id = :id"},
          {"contact_arrangement_history", "id = :id"},
          {"contact_arrangements", "id = :id"},
      }};
  return std::make_unique<platform::LastEntryRecordKind>(std::move(d), statutory);
}

std::vector<std::string> RetentionKeys() { return {platform::kAdoptionSupportRecordYears}; }

}  // namespace letterbox
