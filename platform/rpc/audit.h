#pragma once
// The audit log every service keeps (docs/architecture.md, "Audit"): who did what to
// which record, when, with what outcome, written in the transaction of the change (or
// of the audited read). For store/ and platform code, which speak SOCI.
#include "absl/strings/string_view.h"
#include "platform/rpc/auth.h"

namespace soci {
class session;
}

namespace platform {

// Writes an audit row in `tx`. `unwritten` counts refusals of the same outcome that
// were counted but not written since the previous such row (see RefusalRecorder);
// `detail` is what the call asked beyond the record it names (at most 512 characters).
void WriteAudit(soci::session& tx, const Principal& who, absl::string_view action, absl::string_view resource_type,
                absl::string_view resource_id, absl::string_view outcome, absl::string_view request_id,
                long long unwritten = 0, absl::string_view detail = "");

}  // namespace platform
