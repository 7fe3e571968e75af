#pragma once
// A kind of record kept a number of years from its last entry — the latest change to
// any of its parts, as a London day (docs/records.md): an adoptive family's adoption
// support record, a contact arrangement with its exchanges. The kind is described, not
// coded: its parts (each table and the column naming the record in it), its rule, and
// the tables its content lies in.
#include <string>
#include <vector>

#include "platform/core/retention.h"
#include "platform/core/statutory.h"
#include "platform/rpc/records_service.h"

namespace platform {

class LastEntryRecordKind final : public RecordKind {
 public:
  // A table holding part of a record, its changes stamped in `updated_at` (micros), the
  // record named by `record_column`; rows whose column is empty belong to no record.
  struct Part {
    std::string table, record_column;
  };
  struct Description {
    std::string type;         // "family_support_record"
    std::string record_name;  // how a missing one is named: "the adoption support record of households/"
    RetentionRule rule;
    std::vector<Part> parts;
    std::vector<ContentTable> content;  // children before their parent
  };

  LastEntryRecordKind(Description description, const StatutoryTable* statutory)
      : d_(std::move(description)), statutory_(statutory) {}

  std::string type() const override { return d_.type; }
  std::vector<RetainedRecord> Due(soci::session& sql, Date through) override;
  absl::StatusOr<std::optional<Retention>> Find(soci::session& sql, const std::string& id) override;
  std::vector<ContentTable> Content() const override { return d_.content; }

 private:
  // The latest change to each record (to record `id` alone when `one`), by id.
  std::string LastEntries(bool one) const;
  std::optional<Retention> RetentionFrom(long long last_entry_micros) const;

  Description d_;
  const StatutoryTable* statutory_;
};

}  // namespace platform
