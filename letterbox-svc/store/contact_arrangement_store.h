#pragma once
// The contact arrangement repository over SOCI: the same SQL on SQLite and
// MySQL/MariaDB. Parties and months of exchange are child rows per version.
#include <optional>
#include <string>
#include <vector>

#include "letterbox-svc/domain/contact_arrangement.h"
#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"

namespace soci {
class session;
}

namespace letterbox {

struct ArrangementQuery {
  std::optional<std::string> child;
  std::optional<ContactKind> kind;
  std::optional<ArrangementStatus> status;
  std::optional<ContactFrequency> frequency;
  std::optional<std::string> local_authority;
  // Not ended and its next review before this day.
  std::optional<platform::Date> review_before;
  // Never reviewed since it was set up.
  bool never_reviewed = false;
  platform::Page page;
  // Only records the caller reaches (nothing unless set).
  platform::Coverage coverage;
};

class ContactArrangementStore {
 public:
  void Insert(soci::session& tx, const ContactArrangement& a);
  std::optional<ContactArrangement> Get(soci::session& sql, const std::string& id);
  // Oldest first; at most page.size rows after page.after_id.
  std::vector<ContactArrangement> List(soci::session& sql, const ArrangementQuery& query);
  // Writes `a` as version expected_version + 1, keeping the previous version in
  // history and superseding its parties and months; false when the stored version
  // is not expected_version (stale etag).
  bool Update(soci::session& tx, ContactArrangement& a, long long expected_version);
  long long Count(soci::session& sql);
  // Every arrangement `coverage` reaches (of `local_authority` when given), for reports.
  std::vector<ContactArrangement> AllWithin(soci::session& sql, const platform::Coverage& coverage,
                                            const std::optional<std::string>& local_authority);
  // Arrangements not ended whose next review is before `day`.
  long long CountReviewsBefore(soci::session& sql, platform::Date day);
};

}  // namespace letterbox
