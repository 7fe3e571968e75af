#pragma once
// The one way a stored record changes through the API (docs/architecture.md, "One
// update path"): in one transaction, read it; NOT_FOUND unless the caller reaches it
// (never saying that it exists); ABORTED on a stale etag; let the domain change it;
// PERMISSION_DENIED when the change would move it out of the caller's reach; save it at
// the etag (ABORTED when another change won); then record what the change means (its
// events, the audit row). A handler keeps only its mapping and its domain call.
#include <optional>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "platform/core/status_macros.h"
#include "platform/db/db.h"
#include "platform/rpc/resource.h"
#include "platform/rpc/rpc.h"

namespace platform {

// `store` is a service's repository: Get(sql, id) -> std::optional<Record> and
// Update(tx, Record&, expected_version) -> bool. `scope(record)` is its RecordScope;
// `change(record, tx)` the domain's change; `saved(record, tx)` runs after the save.
// Returns the record as saved. The transaction may run again (a deadlock's retry):
// each run reads the record afresh.
template <typename Store, typename ScopeFn, typename ChangeFn, typename SavedFn>
auto ChangeRecord(Call& call, Database& db, Store& store, const std::string& name, const std::string& id,
                  long long version, ScopeFn scope, ChangeFn change, SavedFn saved)
    -> absl::StatusOr<typename decltype(store.Get(std::declval<soci::session&>(), id))::value_type> {
  using Record = typename decltype(store.Get(std::declval<soci::session&>(), id))::value_type;
  std::optional<Record> out;
  RETURN_IF_ERROR(db.Transaction([&](soci::session& tx) -> absl::Status {
    std::optional<Record> record = store.Get(tx, id);
    if (!record) return NotFound(name);
    RETURN_IF_ERROR(call.Reveal(scope(*record), name));
    RETURN_IF_ERROR(CheckEtag(version, record->version, name));
    RETURN_IF_ERROR(change(*record, tx));
    RETURN_IF_ERROR(call.MayHold(scope(*record)));
    if (!store.Update(tx, *record, version)) return ChangedDuringUpdate(name);
    saved(*record, tx);
    out = std::move(record);
    return absl::OkStatus();
  }));
  return *std::move(out);
}

}  // namespace platform
