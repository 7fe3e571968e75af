#pragma once
// An adoptive family's adoption support record (docs/records.md): everything
// support-svc holds about one adoptive household — its support requests, assessments
// of need, allowances, placements and disruption reviews — kept 75 years from the
// family's last entry (the latest change to any of them). RecordsService asks which
// are due, and where a family's content lies to erase it.
#include "platform/core/statutory.h"
#include "platform/rpc/records_service.h"

namespace support {

class FamilySupportRecords final : public platform::RecordKind {
 public:
  explicit FamilySupportRecords(const platform::StatutoryTable* statutory) : statutory_(statutory) {}

  std::string type() const override;
  std::vector<platform::RetainedRecord> Due(soci::session& sql, platform::Date through) override;
  absl::StatusOr<std::optional<platform::Retention>> Find(soci::session& sql, const std::string& id) override;
  std::vector<platform::ContentTable> Content() const override;

 private:
  // The household's last entry: the instant (micros) of the latest change to any of
  // its records, or nullopt when support-svc holds none.
  std::optional<platform::Retention> RetentionFrom(long long last_entry_micros) const;

  const platform::StatutoryTable* statutory_;
};

// The statutory.tsv keys the family support record's retention reads.
std::vector<std::string> FamilySupportRetentionKeys();

}  // namespace support
