#pragma once
// Children as records kept for their lifetime (docs/records.md): an adopted child's
// case record — section 56 information — 100 years from the adoption order.
// RecordsService asks which are due, and where a child's content lies to erase it.
#include "familyfinding-svc/store/child_store.h"
#include "platform/core/statutory.h"
#include "platform/rpc/records_service.h"

namespace familyfinding {

class ChildRecords final : public platform::RecordKind {
 public:
  ChildRecords(ChildStore* store, const platform::StatutoryTable* statutory) : store_(store), statutory_(statutory) {}

  std::string type() const override;
  std::vector<platform::RetainedRecord> Due(soci::session& sql, platform::Date through) override;
  absl::StatusOr<std::optional<platform::Retention>> Find(soci::session& sql, const std::string& id) override;
  std::vector<platform::ContentTable> Content() const override;

 private:
  ChildStore* store_;
  const platform::StatutoryTable* statutory_;
};

}  // namespace familyfinding
