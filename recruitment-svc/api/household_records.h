#pragma once
// Households as records kept for their lifetime (docs/records.md): RecordsService asks
// which are due for disposal, and where a household's content lies to erase it.
#include "platform/core/statutory.h"
#include "platform/rpc/records_service.h"
#include "recruitment-svc/store/household_store.h"

namespace recruitment {

class HouseholdRecords final : public platform::RecordKind {
 public:
  HouseholdRecords(HouseholdStore* store, const platform::StatutoryTable* statutory)
      : store_(store), statutory_(statutory) {}

  std::string type() const override;
  std::vector<platform::RetainedRecord> Due(soci::session& sql, platform::Date through) override;
  absl::StatusOr<std::optional<platform::Retention>> Find(soci::session& sql, const std::string& id) override;
  std::vector<platform::ContentTable> Content() const override;

 private:
  HouseholdStore* store_;
  const platform::StatutoryTable* statutory_;
};

}  // namespace recruitment
