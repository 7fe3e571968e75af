#pragma once
// The household repository over SOCI: the same SQL on SQLite and MySQL/MariaDB.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "platform/rpc/access.h"
#include "platform/rpc/paging.h"
#include "platform/core/figures.h"
#include "recruitment-svc/domain/household.h"
#include "recruitment-svc/domain/reports.h"

namespace soci {
class session;
}

namespace recruitment {

struct HouseholdQuery {
  std::optional<HouseholdStatus> status;
  std::optional<std::string> home_local_authority;
  std::optional<FamilyStructure> family_structure;
  // Only households with a clock still running past its due date on this day.
  std::optional<platform::Date> overdue_on;
  // Only the waiting list: ROI accepted, Stage 1 not yet started.
  bool waiting = false;
  platform::Page page;
  // Only households the caller reaches (nothing unless set).
  platform::Coverage coverage;
};

// Which households the reports read.
struct HistoryQuery {
  // Only households that enquired or took a step in this period (every household when
  // unset). Those that only enquired in it come without their steps or ethnicity: no
  // figure of the period reads them (an enquiry is its date; every other figure counts
  // a step in the period).
  std::optional<platform::Period> touching;
  // Only households the caller reaches (nothing unless set).
  platform::Coverage coverage;
};

class HouseholdStore {
 public:
  void Insert(soci::session& tx, const Household& h);
  // Many new households (an import, a seeding), a statement per table.
  void Insert(soci::session& tx, const std::vector<const Household*>& households);
  std::optional<Household> Get(soci::session& sql, const std::string& id);
  // The household imported under the old system's id `source_id`, if any.
  std::optional<Household> FindBySource(soci::session& sql, const std::string& source_id);
  // Oldest first; at most page.size rows after page.after_id.
  std::vector<Household> List(soci::session& sql, const HouseholdQuery& query);
  // Writes `h` as version expected_version + 1, keeping the previous version in
  // history and appending the journey's new steps; false when the stored version is
  // not expected_version (stale etag).
  bool Update(soci::session& tx, Household& h, long long expected_version);
  long long Count(soci::session& sql);
  // The reports' facts: each household's journey, first applicant's ethnicity and dual
  // approvals, in four queries however many households there are.
  std::vector<HouseholdHistory> Histories(soci::session& sql, const HistoryQuery& query);
  // reports.h's CountFunnel in SQL: two aggregate queries over the period's index
  // ranges, over the households `coverage` reaches.
  Funnel CountFunnel(soci::session& sql, platform::Period period, const platform::Coverage& coverage);
  // Households with a clock running past its due date on `today`.
  long long CountOverdue(soci::session& sql, platform::Date today);
  // Households per stored status name.
  std::map<std::string, long long> CountByStatus(soci::session& sql);
};

}  // namespace recruitment
