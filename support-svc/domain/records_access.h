#pragma once
// Access to birth records and the intermediary service (docs/domain.md §4): an adopted
// adult asks for their birth records — adopted before 12 November 1975, they must
// receive counselling first, and their requests are prioritised — or a birth relative
// asks the agency to act as intermediary with an adopted adult. Counselling sessions
// are counted per request (one person's case), the commissioned ones within the
// agency's number (`commissioned_counselling_sessions`). Each step is a verb. Pure.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "platform/core/revision.h"
#include "platform/core/statutory.h"

namespace support {

// Names match the contract's enums (without their prefixes), in the same order.
enum class RecordsAccessKind { kBirthRecords, kIntermediary };
enum class RecordsAccessStatus { kReceived, kCounselling, kRecordsSought, kShared, kClosed };

// A counselling session held for the person.
struct CounsellingSession {
  platform::Date held;
  std::string counsellor;   // display name, or the commissioned service
  bool commissioned = false;  // bought from another provider (within the agency's number)
  bool operator==(const CounsellingSession&) const = default;
};

// The person asking: an adopted adult (birth records), or a birth relative
// (intermediary). Personal data.
struct Applicant {
  std::string given_name, family_name;
  std::optional<platform::Date> date_of_birth;
};

struct RecordsAccessDetails {
  std::optional<RecordsAccessKind> kind;
  Applicant applicant;
  std::string birth_name;    // the adopted person's name at birth, when known
  std::string relationship;  // intermediary: the applicant's relationship to the adopted person
  platform::Date received_date;
  bool adopted_before_12_nov_1975 = false;
  std::string local_authority;  // ONS code of the authority holding the records
};

struct RecordsAccessRequest {
  std::string id;
  RecordsAccessDetails details;
  RecordsAccessStatus status = RecordsAccessStatus::kReceived;
  std::optional<platform::Date> counselling_completed_date, records_sought_date, shared_date, closed_date;
  std::string close_reason;
  std::vector<CounsellingSession> sessions;  // in the order held
  long long version = 1;
  long long created_at = 0, updated_at = 0;
  std::string created_by, updated_by;
};

// The agency's number of commissioned counselling sessions a person may have.
inline constexpr char kCommissionedCounsellingSessions[] = "commissioned_counselling_sessions";
inline constexpr size_t kMaxApplicantNameLength = 100;
inline constexpr size_t kMaxRelationshipLength = 100;
inline constexpr size_t kMaxCounsellorLength = 200;
inline constexpr size_t kMaxRecordsCloseReasonLength = 500;

// An adopted adult adopted before 12 November 1975 must receive counselling before
// the information is given.
bool CounsellingRequired(const RecordsAccessDetails& d);
// Those requests come first in the queue.
bool Prioritised(const RecordsAccessDetails& d);

// The rules a new request's details must meet, checked whole; violations under
// `prefix` ("records_access_request."): the kind, the applicant's name, a date of birth
// in the past, a relationship for an intermediary request, a receipt not in the future,
// the authority.
void ValidateRecordsAccessDetails(const RecordsAccessDetails& d, platform::Date today, const std::string& prefix,
                                  platform::Validation& v);

// A new request: COUNSELLING when counselling is required first, else RECEIVED.
RecordsAccessRequest ReceiveRecordsAccessRequest(std::string id, RecordsAccessDetails details,
                                                 const std::string& actor, long long now);

// The verbs. Each refuses, FAILED_PRECONDITION (STATE status), a request not where
// the step starts, and (ORDER <field>) a day before the step it follows; a day in the
// future or a missing reason is INVALID_ARGUMENT.
// A session held: on or after the receipt, while the request is open; a commissioned
// one within `commissioned_limit` (COMMISSIONED_SESSIONS sessions otherwise).
absl::Status RecordCounsellingSession(RecordsAccessRequest& r, CounsellingSession session, int commissioned_limit,
                                      const platform::Revision& by);
// COUNSELLING -> RECORDS_SOUGHT, after at least one session (COUNSELLING sessions).
absl::Status CompleteCounselling(RecordsAccessRequest& r, platform::Date day, const platform::Revision& by);
// RECEIVED -> RECORDS_SOUGHT; from COUNSELLING refused: counselling comes first.
absl::Status SeekRecords(RecordsAccessRequest& r, platform::Date day, const platform::Revision& by);
// RECORDS_SOUGHT -> SHARED: the information given (or, for an intermediary request,
// passed on).
absl::Status ShareRecords(RecordsAccessRequest& r, platform::Date day, const platform::Revision& by);
// Any open request -> CLOSED, with the reason.
absl::Status CloseRecordsAccess(RecordsAccessRequest& r, platform::Date day, const std::string& reason,
                                const platform::Revision& by);

// The commissioned sessions held.
int CommissionedSessions(const RecordsAccessRequest& r);

std::string RecordsAccessKindName(RecordsAccessKind k);
std::optional<RecordsAccessKind> ParseRecordsAccessKind(const std::string& name);
std::string RecordsAccessStatusName(RecordsAccessStatus s);
std::optional<RecordsAccessStatus> ParseRecordsAccessStatus(const std::string& name);

}  // namespace support
