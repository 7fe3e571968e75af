#include "support-svc/domain/records_access.h"

#include "absl/strings/str_cat.h"
#include "platform/core/enum_names.h"
#include "platform/core/local_authority.h"
#include "platform/core/status_macros.h"
#include "platform/core/steps.h"
#include "platform/core/text.h"

namespace support {
namespace {

using platform::CharacterCount;
using platform::Date;
using platform::IsBlank;

absl::Status Expect(const RecordsAccessRequest& r, std::initializer_list<RecordsAccessStatus> from,
                    const char* step) {
  std::string names;
  for (RecordsAccessStatus s : from) {
    if (r.status == s) return absl::OkStatus();
    absl::StrAppend(&names, names.empty() ? "" : " or ", RecordsAccessStatusName(s));
  }
  return platform::RefuseStep("a records access request", RecordsAccessStatusName(r.status), step, names);
}

using platform::NotFuture;

}  // namespace

bool CounsellingRequired(const RecordsAccessDetails& d) {
  return d.kind == RecordsAccessKind::kBirthRecords && d.adopted_before_12_nov_1975;
}
bool Prioritised(const RecordsAccessDetails& d) { return d.adopted_before_12_nov_1975; }

void ValidateRecordsAccessDetails(const RecordsAccessDetails& d, Date today, const std::string& prefix,
                                  platform::Validation& v) {
  v.Check(d.kind.has_value(), prefix + "kind", "is required: BIRTH_RECORDS or INTERMEDIARY");
  v.Check(!IsBlank(d.applicant.family_name) && CharacterCount(d.applicant.family_name) <= kMaxApplicantNameLength,
          prefix + "applicant.family_name", "is required (at most 100 characters)");
  v.Check(CharacterCount(d.applicant.given_name) <= kMaxApplicantNameLength, prefix + "applicant.given_name",
          "is at most 100 characters");
  if (d.applicant.date_of_birth) {
    v.Check(*d.applicant.date_of_birth < today, prefix + "applicant.date_of_birth", "must be in the past");
  }
  v.Check(CharacterCount(d.birth_name) <= kMaxApplicantNameLength, prefix + "birth_name",
          "is at most 100 characters");
  if (d.kind == RecordsAccessKind::kIntermediary) {
    v.Check(!IsBlank(d.relationship) && CharacterCount(d.relationship) <= kMaxRelationshipLength,
            prefix + "relationship", "is required for an intermediary request: e.g. birth mother (at most 100)");
  } else {
    v.Check(CharacterCount(d.relationship) <= kMaxRelationshipLength, prefix + "relationship",
            "is at most 100 characters");
  }
  v.Check(d.received_date <= today, prefix + "received_date", "must not be in the future");
  v.Check(d.local_authority.empty() || platform::IsLocalAuthorityCode(d.local_authority), prefix + "local_authority",
          "must be an ONS local authority code such as E09000006");
}

RecordsAccessRequest ReceiveRecordsAccessRequest(std::string id, RecordsAccessDetails details,
                                                 const std::string& actor, long long now) {
  RecordsAccessRequest r;
  r.id = std::move(id);
  r.status = CounsellingRequired(details) ? RecordsAccessStatus::kCounselling : RecordsAccessStatus::kReceived;
  r.details = std::move(details);
  r.created_at = r.updated_at = now;
  r.created_by = r.updated_by = actor;
  return r;
}

int CommissionedSessions(const RecordsAccessRequest& r) {
  int n = 0;
  for (const CounsellingSession& s : r.sessions) n += s.commissioned;
  return n;
}

absl::Status RecordCounsellingSession(RecordsAccessRequest& r, CounsellingSession session, int commissioned_limit,
                                      const platform::Revision& by) {
  platform::Validation v;
  v.Check(session.held <= by.today, "session.held_date", "must not be in the future");
  v.Check(!IsBlank(session.counsellor) && CharacterCount(session.counsellor) <= kMaxCounsellorLength,
          "session.counsellor",
          "is required: who counselled (at most 200 characters)");
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(Expect(r,
                         {RecordsAccessStatus::kReceived, RecordsAccessStatus::kCounselling,
                          RecordsAccessStatus::kRecordsSought, RecordsAccessStatus::kShared},
                         "counselled"));
  RETURN_IF_ERROR(platform::NotBefore(session.held, r.details.received_date, "session.held_date",
                                      "request's receipt"));
  if (session.commissioned && CommissionedSessions(r) >= commissioned_limit) {
    const std::string why = absl::StrCat("the agency commissions at most ", commissioned_limit,
                                         " counselling sessions a person; ", CommissionedSessions(r),
                                         " are held for this request");
    return platform::FailedPrecondition(why, {{"COMMISSIONED_SESSIONS", kCommissionedCounsellingSessions, why}});
  }
  r.sessions.push_back(std::move(session));
  platform::Stamp(r, by);
  return absl::OkStatus();
}

absl::Status CompleteCounselling(RecordsAccessRequest& r, Date day, const platform::Revision& by) {
  RETURN_IF_ERROR(NotFuture(day, by, "completed_date"));
  RETURN_IF_ERROR(Expect(r, {RecordsAccessStatus::kCounselling}, "through counselling"));
  if (r.sessions.empty()) {
    const std::string why = "counselling is complete after at least one session; none is recorded";
    return platform::FailedPrecondition(why, {{"COUNSELLING", "sessions", why}});
  }
  RETURN_IF_ERROR(platform::NotBefore(day, r.sessions.back().held, "completed_date", "last session"));
  r.counselling_completed_date = day;
  r.records_sought_date = day;
  r.status = RecordsAccessStatus::kRecordsSought;
  platform::Stamp(r, by);
  return absl::OkStatus();
}

absl::Status SeekRecords(RecordsAccessRequest& r, Date day, const platform::Revision& by) {
  RETURN_IF_ERROR(NotFuture(day, by, "sought_date"));
  if (r.status == RecordsAccessStatus::kCounselling) {
    const std::string why =
        "adopted before 12 November 1975: counselling comes first (CompleteCounselling seeks the records)";
    return platform::FailedPrecondition(why, {{"COUNSELLING", "status", why}});
  }
  RETURN_IF_ERROR(Expect(r, {RecordsAccessStatus::kReceived}, "sought"));
  RETURN_IF_ERROR(platform::NotBefore(day, r.details.received_date, "sought_date", "request's receipt"));
  r.records_sought_date = day;
  r.status = RecordsAccessStatus::kRecordsSought;
  platform::Stamp(r, by);
  return absl::OkStatus();
}

absl::Status ShareRecords(RecordsAccessRequest& r, Date day, const platform::Revision& by) {
  RETURN_IF_ERROR(NotFuture(day, by, "shared_date"));
  RETURN_IF_ERROR(Expect(r, {RecordsAccessStatus::kRecordsSought}, "shared"));
  RETURN_IF_ERROR(platform::NotBefore(day, r.records_sought_date, "shared_date", "search for the records"));
  r.shared_date = day;
  r.status = RecordsAccessStatus::kShared;
  platform::Stamp(r, by);
  return absl::OkStatus();
}

absl::Status CloseRecordsAccess(RecordsAccessRequest& r, Date day, const std::string& reason,
                                const platform::Revision& by) {
  platform::Validation v;
  v.Check(day <= by.today, "closed_date", "must not be in the future");
  v.Check(!IsBlank(reason) && CharacterCount(reason) <= kMaxRecordsCloseReasonLength, "reason",
          "is required: why, in at most 500 characters");
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(Expect(r,
                         {RecordsAccessStatus::kReceived, RecordsAccessStatus::kCounselling,
                          RecordsAccessStatus::kRecordsSought, RecordsAccessStatus::kShared},
                         "closed"));
  const Date last = r.shared_date.value_or(r.records_sought_date.value_or(r.details.received_date));
  RETURN_IF_ERROR(platform::NotBefore(day, last, "closed_date", "request's last step"));
  r.closed_date = day;
  r.close_reason = reason;
  r.status = RecordsAccessStatus::kClosed;
  platform::Stamp(r, by);
  return absl::OkStatus();
}

namespace {
constexpr const char* kKindNames[] = {"BIRTH_RECORDS", "INTERMEDIARY"};
constexpr const char* kStatusNames[] = {"RECEIVED", "COUNSELLING", "RECORDS_SOUGHT", "SHARED", "CLOSED"};
}  // namespace

std::string RecordsAccessKindName(RecordsAccessKind k) { return kKindNames[static_cast<int>(k)]; }
std::optional<RecordsAccessKind> ParseRecordsAccessKind(const std::string& name) {
  return platform::EnumFromName<RecordsAccessKind>(kKindNames, name);
}
std::string RecordsAccessStatusName(RecordsAccessStatus s) { return kStatusNames[static_cast<int>(s)]; }
std::optional<RecordsAccessStatus> ParseRecordsAccessStatus(const std::string& name) {
  return platform::EnumFromName<RecordsAccessStatus>(kStatusNames, name);
}

}  // namespace support
