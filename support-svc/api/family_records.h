#pragma once
// An adoptive family's adoption support record (docs/records.md): everything
// support-svc holds about one adoptive household — its support requests, assessments
// of need, allowances, placements and disruption reviews — kept 75 years from the
// family's last entry (the latest change to any of them). RecordsService asks which
// are due, and where a family's content lies to erase it.
#include <memory>

#include "platform/core/statutory.h"
#include "platform/rpc/last_entry_records.h"

namespace support {

std::unique_ptr<platform::RecordKind> FamilySupportRecords(const platform::StatutoryTable* statutory);

// An Adoption Support Fund application (filed under the local authority's opaque child
// reference, not under a household): an adoption support record of its own, kept 75
// years from its last change.
std::unique_ptr<platform::RecordKind> AsfApplicationRecords(const platform::StatutoryTable* statutory);

// An adopted adult's request for their birth records or a birth relative's intermediary
// request: adoption support records, each kept 75 years from its last change.
std::unique_ptr<platform::RecordKind> RecordsAccessRequestRecords(const platform::StatutoryTable* statutory);

// A complaint or compliment: kept as the agency's policy says (no statutory period;
// retention_feedback_record_years) from its last change.
std::unique_ptr<platform::RecordKind> FeedbackRecords(const platform::StatutoryTable* statutory);

// The statutory.tsv keys these records' retention reads.
std::vector<std::string> FamilySupportRetentionKeys();

}  // namespace support
