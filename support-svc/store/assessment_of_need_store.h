#pragma once
// The assessment of need repository over SOCI: the same SQL on SQLite and MySQL/MariaDB.
#include <optional>
#include <string>
#include <vector>

#include "platform/core/figures.h"
#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"
#include "support-svc/domain/assessment_of_need.h"

namespace soci {
class session;
}

namespace support {

struct AssessmentQuery {
  std::optional<std::string> support_request_id, local_authority;
  std::optional<AssessmentStatus> status;
  // Completed assessments whose plan's review date has come by this day.
  std::optional<platform::Date> review_due_on;
  platform::Page page;
  // Only records the caller reaches (nothing unless set).
  platform::Coverage coverage;
};

class AssessmentOfNeedStore {
 public:
  // `source_id`: the old system's id of an imported assessment; empty for one
  // recorded here.
  void Insert(soci::session& tx, const AssessmentOfNeed& a, const std::string& source_id = "");
  std::optional<AssessmentOfNeed> Get(soci::session& sql, const std::string& id);
  std::optional<AssessmentOfNeed> FindBySource(soci::session& sql, const std::string& source_id);
  // In id (creation) order; at most page.size after page.after_id.
  std::vector<AssessmentOfNeed> List(soci::session& sql, const AssessmentQuery& query);
  // Writes `a` as version expected_version + 1, keeping the previous version in
  // history; false when the stored version is not expected_version (stale etag).
  bool Update(soci::session& tx, AssessmentOfNeed& a, long long expected_version);
  // Every assessment with a day in `period` (requested, started or completed), of
  // `local_authority` when given, that `coverage` reaches.
  std::vector<AssessmentOfNeed> ActiveIn(soci::session& sql, platform::Period period,
                                         const std::optional<std::string>& local_authority,
                                         const platform::Coverage& coverage);
};

}  // namespace support
