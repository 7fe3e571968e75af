#include "support-svc/domain/support_request.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "platform/core/enum_names.h"
#include "platform/core/local_authority.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"

namespace support {
namespace {

// Characters, not bytes: the limits are what a worker can type.
using platform::CharacterCount;
using platform::IsBlank;

// Applies what follows from the details: a triaged request is no longer OPEN, a
// support call has its due date, a closed request its closing day.
absl::Status Settle(SupportRequest& r, platform::Date today, const SupportRules& rules) {
  SupportRequestDetails& d = r.details;
  if (!d.status) d.status = SupportRequestStatus::kOpen;
  if (d.triage && *d.status == SupportRequestStatus::kOpen) d.status = SupportRequestStatus::kInProgress;
  r.support_call_due_date.reset();
  if (d.triage == Triage::kSupportCall) {
    ASSIGN_OR_RETURN(r.support_call_due_date, SupportCallDueDate(d.received_date, rules));
  }
  if (*d.status != SupportRequestStatus::kClosed) {
    r.closed_date.reset();
  } else if (!r.closed_date) {
    r.closed_date = today;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<int> WorkingDaysWaiting(const SupportRequest& r, platform::Date today,
                                       const platform::WorkingDayCalendar& calendar) {
  platform::Date until = today;
  if (r.details.support_call_date) {
    until = *r.details.support_call_date;
  } else if (r.closed_date) {
    until = *r.closed_date;
  }
  return calendar.WorkingDaysBetween(r.details.received_date, until);
}

absl::Status CloseOnRecordedDay(SupportRequest& r, const std::optional<platform::Date>& closed, platform::Date today,
                                const std::string& field) {
  if (r.details.status != SupportRequestStatus::kClosed) return absl::OkStatus();
  const platform::Date last_known = std::max(r.details.received_date, r.details.support_call_date.value_or(
                                                                          r.details.received_date));
  if (closed) {
    platform::Validation v;
    v.Check(*closed >= last_known && *closed <= today, field,
            absl::StrCat("must be between ", platform::FormatDate(last_known),
                         " (the day received or the call) and today"));
    RETURN_IF_ERROR(v.Status());
  }
  r.closed_date = closed.value_or(last_known);
  return absl::OkStatus();
}

bool SameRequest(const SupportRequest& a, const SupportRequest& b) {
  const SupportRequestDetails &x = a.details, &y = b.details;
  auto same_requester = [](const std::optional<Requester>& p, const std::optional<Requester>& q) {
    if (!p || !q) return !p && !q;
    return p->given_name == q->given_name && p->family_name == q->family_name && p->date_of_birth == q->date_of_birth;
  };
  return x.requester_kind == y.requester_kind && same_requester(x.requester, y.requester) && x.channel == y.channel &&
         x.received_date == y.received_date && x.summary == y.summary && x.local_authority == y.local_authority &&
         x.triage == y.triage && x.support_call_date == y.support_call_date && x.status == y.status &&
         x.outcome == y.outcome && x.household_id == y.household_id &&
         a.support_call_due_date == b.support_call_due_date && a.closed_date == b.closed_date;
}

const std::vector<std::string>& SupportRules::Keys() {
  static const std::vector<std::string> keys = {kSupportCallWorkingDays};
  return keys;
}

SupportRules SupportRules::On(const platform::StatutoryTable& table, const platform::WorkingDayCalendar& calendar,
                              platform::Date day) {
  SupportRules rules;
  // APSE service standard: a support & advice call within N working days of the
  // request (N from config/statutory.tsv, dated).
  absl::StatusOr<long long> days = table.ValueOn(kSupportCallWorkingDays, day);
  rules.support_call_working_days = days.ok() ? absl::StatusOr<int>(static_cast<int>(*days)) : days.status();
  rules.calendar = &calendar;
  return rules;
}

absl::StatusOr<platform::Date> SupportCallDueDate(platform::Date received, const SupportRules& rules) {
  ASSIGN_OR_RETURN(int days, rules.support_call_working_days);
  return rules.calendar->AddWorkingDays(received, days);  // OUT_OF_RANGE past its years
}

void ValidateDetails(const SupportRequestDetails& d, platform::Date today, const SupportRules& rules,
                     const std::string& prefix, platform::Validation& v) {
  v.Check(d.requester_kind.has_value(), prefix + "requester_kind",
          "is required: ADOPTIVE_FAMILY, ADOPTED_ADULT, BIRTH_RELATIVE, SPECIAL_GUARDIAN or OTHER");
  if (d.requester) {
    v.Check(CharacterCount(d.requester->given_name) <= kMaxNameLength, prefix + "requester.given_name",
            "is at most 100 characters");
    v.Check(CharacterCount(d.requester->family_name) <= kMaxNameLength, prefix + "requester.family_name",
            "is at most 100 characters");
    if (d.requester->date_of_birth) {
      v.Check(*d.requester->date_of_birth < today, prefix + "requester.date_of_birth", "must be in the past");
    }
  }
  v.Check(d.channel.has_value(), prefix + "channel", "is required: HELPLINE, EMAIL, DUTY, REFERRAL, WEB or OTHER");
  v.Check(d.received_date <= today, prefix + "received_date", "must not be in the future");
  v.Check(d.household_id.empty() || d.requester_kind == RequesterKind::kAdoptiveFamily, prefix + "household",
          "is for an adoptive family's request (requester_kind ADOPTIVE_FAMILY)");
  v.Check(!IsBlank(d.summary) && CharacterCount(d.summary) <= kMaxSummaryLength, prefix + "summary",
          "is required (at most 4000 characters)");
  v.Check(d.local_authority.empty() || platform::IsLocalAuthorityCode(d.local_authority), prefix + "local_authority",
          "must be an ONS local authority code such as E09000006");
  if (d.triage == Triage::kSupportCall && d.received_date <= today) {
    if (auto due = SupportCallDueDate(d.received_date, rules); !due.ok()) {
      v.Add(prefix + "triage", absl::StrCat("a support call cannot be scheduled for a request received on ",
                                            platform::FormatDate(d.received_date), ": ", due.status().message()));
    }
  }
  if (d.support_call_date) {
    if (v.Check(d.triage == Triage::kSupportCall, prefix + "support_call_date",
                "is recorded only for a request triaged to a support call")) {
      v.Check(*d.support_call_date >= d.received_date && *d.support_call_date <= today,
              prefix + "support_call_date", "must be between received_date and today");
    }
  }
  if (d.status == SupportRequestStatus::kInProgress) {
    v.Check(d.triage.has_value(), prefix + "triage", "is required for a request IN_PROGRESS");
  }
  if (d.status == SupportRequestStatus::kClosed) {
    v.Check(!IsBlank(d.outcome), prefix + "outcome", "is required to close a request");
  }
  v.Check(CharacterCount(d.outcome) <= kMaxOutcomeLength, prefix + "outcome", "is at most 2000 characters");
}

absl::StatusOr<SupportRequest> ReceiveSupportRequest(std::string id, SupportRequestDetails details,
                                                     const std::string& actor, long long now, platform::Date today,
                                                     const SupportRules& rules) {
  SupportRequest r;
  r.id = std::move(id);
  r.details = std::move(details);
  RETURN_IF_ERROR(Settle(r, today, rules));
  r.version = 1;
  r.created_at = r.updated_at = now;
  r.created_by = r.updated_by = actor;
  return r;
}

absl::Status ReviseSupportRequest(SupportRequest& request, SupportRequestDetails revised, const SupportRules& rules,
                                  const platform::Revision& revision, const std::string& prefix,
                                  platform::Validation v) {
  v.Check(revised.status.has_value(), prefix + "status", "is required: OPEN, IN_PROGRESS or CLOSED");
  ValidateDetails(revised, revision.today, rules, prefix, v);
  RETURN_IF_ERROR(v.Status());
  SupportRequest next = request;
  next.details = std::move(revised);
  RETURN_IF_ERROR(Settle(next, revision.today, rules));
  const SupportRequestStatus from = *request.details.status, to = *next.details.status;
  if (!CanChangeStatus(from, to)) {
    std::vector<std::string> allowed;
    for (SupportRequestStatus next : platform::NextStatuses(AllowedStatusChanges(), from)) {
      allowed.push_back(StatusName(next));
    }
    return platform::FailedPrecondition(
        absl::StrCat("a support request ", StatusName(from), " cannot become ", StatusName(to)),
        {{"STATE", "status",
          absl::StrCat("from ", StatusName(from), " it can become ", absl::StrJoin(allowed, " or "))}});
  }
  platform::Stamp(next, revision);
  request = std::move(next);
  return absl::OkStatus();
}

const std::vector<StatusChange>& AllowedStatusChanges() {
  using S = SupportRequestStatus;
  static const std::vector<StatusChange> changes = {
      {S::kOpen, S::kInProgress},    // triaged
      {S::kOpen, S::kClosed},        // dealt with at once, or withdrawn
      {S::kInProgress, S::kClosed},  // dealt with
      {S::kClosed, S::kInProgress},  // reopened: the history keeps the closure
  };
  return changes;
}

bool CanChangeStatus(SupportRequestStatus from, SupportRequestStatus to) {
  return platform::MayChangeStatus(AllowedStatusChanges(), from, to);
}

}  // namespace support

namespace support {
namespace {
constexpr const char* kRequesterKindNames[] = {"ADOPTIVE_FAMILY", "ADOPTED_ADULT", "BIRTH_RELATIVE",
                                               "SPECIAL_GUARDIAN", "OTHER"};
constexpr const char* kChannelNames[] = {"HELPLINE", "EMAIL", "DUTY", "REFERRAL", "WEB", "OTHER"};
constexpr const char* kTriageNames[] = {"INFORMATION_ADVICE", "SIGNPOSTING", "SUPPORT_CALL", "ASSESSMENT_OF_NEED"};
constexpr const char* kStatusNames[] = {"OPEN", "IN_PROGRESS", "CLOSED"};
}  // namespace

std::string RequesterKindName(RequesterKind k) { return kRequesterKindNames[static_cast<int>(k)]; }
std::optional<RequesterKind> ParseRequesterKind(const std::string& name) {
  return platform::EnumFromName<RequesterKind>(kRequesterKindNames, name);
}
std::string ChannelName(Channel c) { return kChannelNames[static_cast<int>(c)]; }
std::optional<Channel> ParseChannel(const std::string& name) { return platform::EnumFromName<Channel>(kChannelNames, name); }
std::string TriageName(Triage t) { return kTriageNames[static_cast<int>(t)]; }
std::optional<Triage> ParseTriage(const std::string& name) { return platform::EnumFromName<Triage>(kTriageNames, name); }
std::string StatusName(SupportRequestStatus s) { return kStatusNames[static_cast<int>(s)]; }
std::optional<SupportRequestStatus> ParseStatus(const std::string& name) {
  return platform::EnumFromName<SupportRequestStatus>(kStatusNames, name);
}

}  // namespace support
