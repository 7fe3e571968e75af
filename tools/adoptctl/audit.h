#pragma once
// `adoptctl audit`: every service's audit log asked the same question through the
// gateway's gRPC port (proto/adoption/audit/v1/audit.proto) — who read and changed a
// record, what a caller did, what happened in a period — and the answers merged, oldest
// first, as CSV or JSON lines, each naming its service.
#include <string>
#include <vector>

#include "tools/adoptctl/cli.h"

namespace adoptctl {

int Audit(Cli& cli);
std::string AuditDescription();
std::vector<std::string> AuditExamples();

}  // namespace adoptctl
