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

// The statutory.tsv keys the family support record's retention reads.
std::vector<std::string> FamilySupportRetentionKeys();

}  // namespace support
