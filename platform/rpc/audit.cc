#include "platform/rpc/audit.h"

#include <soci/soci.h>

#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "platform/db/db.h"
#include "platform/core/ids.h"

namespace platform {

void WriteAudit(soci::session& tx, const Principal& who, absl::string_view action, absl::string_view resource_type,
                absl::string_view resource_id, absl::string_view outcome, absl::string_view request_id,
                long long unwritten, absl::string_view detail) {
  long long now = NowMicros();
  std::vector<std::string> role_names;
  for (Role r : who.roles) role_names.push_back(RoleName(r));
  std::string actor = who.subject.empty() ? "anonymous" : who.subject, roles = absl::StrJoin(role_names, ","),
              act(action), type(resource_type), id(resource_id), out(outcome), rid(request_id),
              asked(detail);
  tx << "INSERT INTO audit_log (occurred_at, actor, actor_roles, action, resource_type, resource_id, outcome, "
        "request_id, unwritten_before, detail) VALUES (:t, :a, :r, :ac, :rt, :ri, :o, :q, :u, :d)",
      soci::use(now), soci::use(actor), soci::use(roles), soci::use(act), soci::use(type), soci::use(id),
      soci::use(out), soci::use(rid), soci::use(unwritten), soci::use(asked);
}

}  // namespace platform
