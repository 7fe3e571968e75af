#pragma once
// The exchange repository over SOCI: the same SQL on SQLite and MySQL/MariaDB. An
// exchange row changes with each verb (its earlier rows kept in exchange_history);
// its versions, their attachments and the files are written once and never changed.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "letterbox-svc/domain/exchange.h"
#include "letterbox-svc/domain/letterbox_figures.h"
#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"

namespace soci {
class session;
}

namespace letterbox {

struct ExchangeQuery {
  std::optional<std::string> arrangement_id;  // nullopt: every arrangement's
  std::optional<ExchangeStatus> status;
  std::optional<std::string> sender, recipient;
  std::optional<ItemKind> item_kind;
  platform::Page page;
  // Only records the caller reaches (nothing unless set): a coordinator by the
  // arrangement's local authority; a family's token (its party account) the items
  // it sent, and those sent to it once forwarded.
  platform::Coverage coverage;
};

// The bytes of new files, by their SHA-256.
using FileData = std::map<std::string, std::string>;

class ExchangeStore {
 public:
  // Writes a new exchange with its versions, and the files in `files` not yet held.
  void Insert(soci::session& tx, const Exchange& e, const FileData& files);
  std::optional<Exchange> Get(soci::session& sql, const std::string& id);
  // By id (time order); at most page.size rows after page.after_id.
  std::vector<Exchange> List(soci::session& sql, const ExchangeQuery& query);
  // Writes `e` as version expected_version + 1, keeping the previous row in history
  // and adding the versions it has beyond those stored; false when the stored
  // version is not expected_version (stale etag).
  bool Update(soci::session& tx, Exchange& e, long long expected_version, const FileData& files);
  // One file's bytes; nullopt when no file has that hash.
  std::optional<std::string> File(soci::session& sql, const std::string& sha256);
  long long Count(soci::session& sql);
  // The dates of every item of an arrangement, for its schedule.
  std::vector<ExchangeDates> DatesFor(soci::session& sql, const std::string& arrangement_id);
  // The facts of every item received by `last_day` of the arrangements `coverage`
  // reaches (of `local_authority` when given), for reports.
  std::vector<ExchangeFacts> FactsWithin(soci::session& sql, const platform::Coverage& coverage,
                                         const std::optional<std::string>& local_authority, platform::Date last_day);
  // Items received and not yet decided on (RECEIVED or IN_REVIEW).
  long long CountAwaitingReview(soci::session& sql);
};

}  // namespace letterbox
