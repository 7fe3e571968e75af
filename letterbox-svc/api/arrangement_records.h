#pragma once
// A contact arrangement's record (docs/records.md): the arrangement with its parties,
// its exchanges with every version, attachment and review, and its schedule. Letterbox
// contact is an adoption support service (Adoption Support Services Regulations 2005,
// reg 3(1)(c)), so the record is kept as an adoption support record: 75 years from its
// last entry (the latest change to the arrangement or any of its exchanges).
#include <memory>
#include <string>
#include <vector>

#include "platform/core/statutory.h"
#include "platform/rpc/records_service.h"

namespace letterbox {

std::unique_ptr<platform::RecordKind> ContactArrangementRecords(const platform::StatutoryTable* statutory);

// The statutory.tsv keys the arrangement's retention reads.
std::vector<std::string> RetentionKeys();

}  // namespace letterbox
