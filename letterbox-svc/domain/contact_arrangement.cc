#include "letterbox-svc/domain/contact_arrangement.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "platform/core/enum_names.h"
#include "platform/core/local_authority.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"

namespace letterbox {
namespace {

// Characters, not bytes: the limits are what a coordinator can type.
using platform::CharacterCount;
using platform::IsBlank;

std::string Plural(size_t n, const char* one, const char* many) { return absl::StrCat(n, " ", n == 1 ? one : many); }

// MONTHLY means every month: when no months are given, all twelve.
void FillMonthly(ArrangementDetails& d) {
  if (d.frequency == ContactFrequency::kMonthly && d.exchange_months.empty()) {
    for (int m = 1; m <= 12; ++m) d.exchange_months.push_back(m);
  }
}

// Months carry no order of their own: kept in calendar order once valid.
void SortMonths(ArrangementDetails& d) { std::sort(d.exchange_months.begin(), d.exchange_months.end()); }

// The end date defaults to the child's 18th birthday; either way it must come after
// the start. A defaulted end that does not is the date of birth's problem.
void SettleEndDate(ArrangementDetails& d, const std::string& prefix, platform::Validation& v) {
  if (d.end_date || !d.child_date_of_birth) return;
  d.end_date = EighteenthBirthday(*d.child_date_of_birth);
  v.Check(*d.end_date > d.start_date, prefix + "child_date_of_birth",
          absl::StrCat("the child turns 18 on ", platform::FormatDate(*d.end_date),
                       ", not after start_date: give an end_date"));
}

// The next review: at most a review interval after `from`; after `after`.
void ScheduleReview(ArrangementDetails& d, platform::Date from, platform::Date after, const LetterboxRules& rules,
                    const std::string& prefix, platform::Validation& v) {
  absl::StatusOr<platform::Date> latest = ReviewDueAfter(from, rules);
  if (!latest.ok()) {
    v.Add(prefix + "next_review_date", absl::StrCat("cannot be scheduled: ", latest.status().message()));
    return;
  }
  if (!d.next_review_date) {
    d.next_review_date = *latest;
    return;
  }
  v.Check(*d.next_review_date > after && *d.next_review_date <= *latest, prefix + "next_review_date",
          absl::StrCat("must be after ", platform::FormatDate(after), " and no later than ",
                       platform::FormatDate(*latest), " (reviews at least every review interval)"));
}

absl::Status RefuseStatusChange(ArrangementStatus from, ArrangementStatus to) {
  std::vector<std::string> allowed;
  for (ArrangementStatus next : platform::NextStatuses(AllowedStatusChanges(), from)) {
    allowed.push_back(StatusName(next));
  }
  return platform::FailedPrecondition(
      absl::StrCat("a contact arrangement ", StatusName(from), " cannot become ", StatusName(to)),
      {{"STATE", "status",
        allowed.empty() ? absl::StrCat(StatusName(from), " is final: set up a new arrangement")
                        : absl::StrCat("from ", StatusName(from), " it can become ", absl::StrJoin(allowed, " or "))}});
}

}  // namespace

bool IsBirthFamily(PartyRole role) { return role != PartyRole::kAdoptiveFamily; }

const std::vector<std::string>& LetterboxRules::Keys() {
  static const std::vector<std::string> keys = {kReviewIntervalMonths};
  return keys;
}

LetterboxRules LetterboxRules::On(const platform::StatutoryTable& table, platform::Date day) {
  absl::StatusOr<long long> months = table.ValueOn(kReviewIntervalMonths, day);
  return {.review_interval_months = months.ok() ? absl::StatusOr<int>(static_cast<int>(*months)) : months.status()};
}

absl::StatusOr<platform::Date> ReviewDueAfter(platform::Date from, const LetterboxRules& rules) {
  ASSIGN_OR_RETURN(int months, rules.review_interval_months);
  const absl::CivilMonth target = absl::CivilMonth(from) + months;
  const platform::Date last_of_month = platform::Date(target + 1) - 1;
  return platform::Date(target.year(), target.month(), std::min(from.day(), last_of_month.day()));
}

platform::Date EighteenthBirthday(platform::Date dob) {
  // CivilDay normalises 29 February of a common year to 1 March.
  return platform::Date(dob.year() + 18, dob.month(), dob.day());
}

std::optional<size_t> MonthsPerYear(ContactFrequency frequency) {
  switch (frequency) {
    case ContactFrequency::kYearly: return 1;
    case ContactFrequency::kTwiceYearly: return 2;
    case ContactFrequency::kThreeTimesYearly: return 3;
    case ContactFrequency::kQuarterly: return 4;
    case ContactFrequency::kMonthly: return 12;
    case ContactFrequency::kOther: return std::nullopt;
  }
  return std::nullopt;
}

void ValidateDetails(const ArrangementDetails& d, platform::Date today, const std::string& prefix,
                     platform::Validation& v) {
  v.Check(!IsBlank(d.child) && CharacterCount(d.child) <= kMaxTextLength, prefix + "child",
          "is required: children/{id} or the agency's reference (at most 100 characters)");
  if (d.child_date_of_birth) {
    v.Check(*d.child_date_of_birth <= today && *d.child_date_of_birth <= d.start_date,
            prefix + "child_date_of_birth", "must be in the past and not after start_date");
  }
  v.Check(d.local_authority.empty() || platform::IsLocalAuthorityCode(d.local_authority), prefix + "local_authority",
          "must be an ONS local authority code such as E09000006");
  v.Check(d.kind.has_value(), prefix + "kind", "is required: INDIRECT or DIRECT");

  // Parties: the adoptive family on one side, at least one birth relative on the other.
  if (v.Check(d.parties.size() <= kMaxParties, prefix + "parties", "lists at most 20 parties")) {
    bool adoptive = false, birth = false;
    std::set<std::string> ids;
    for (size_t i = 0; i < d.parties.size(); ++i) {
      const Party& p = d.parties[i];
      const std::string field = absl::StrCat(prefix, "parties[", i, "].");
      if (v.Check(p.role.has_value(), field + "role",
                  "is required: ADOPTIVE_FAMILY, BIRTH_MOTHER, BIRTH_FATHER, GRANDPARENT, SIBLING or "
                  "OTHER_RELATIVE")) {
        (IsBirthFamily(*p.role) ? birth : adoptive) = true;
      }
      v.Check(!IsBlank(p.display_name) && CharacterCount(p.display_name) <= kMaxTextLength, field + "display_name",
              "is required (at most 100 characters)");
      v.Check(CharacterCount(p.account) <= kMaxAccountLength, field + "account", "is at most 255 characters");
      if (!p.party_id.empty()) v.Check(ids.insert(p.party_id).second, field + "party_id", "appears twice");
      if (v.Check(p.known_details.size() <= kMaxKnownDetails, field + "known_details", "lists at most 50")) {
        for (size_t k = 0; k < p.known_details.size(); ++k) {
          const std::string& text = p.known_details[k].text;
          v.Check(!IsBlank(text) && CharacterCount(text) <= kMaxKnownDetailLength,
                  absl::StrCat(field, "known_details[", k, "].text"), "is required (at most 200 characters)");
        }
      }
    }
    v.Check(adoptive && birth, prefix + "parties",
            "must include the adoptive family and at least one birth relative");
  }

  // Months of exchange: real months, each once, as many as the frequency says.
  v.Check(d.frequency.has_value(), prefix + "frequency",
          "is required: YEARLY, TWICE_YEARLY, THREE_TIMES_YEARLY, QUARTERLY, MONTHLY or OTHER");
  bool months_ok = true;
  std::set<int> seen;
  for (size_t i = 0; i < d.exchange_months.size(); ++i) {
    const int m = d.exchange_months[i];
    const std::string field = absl::StrCat(prefix, "exchange_months[", i, "]");
    if (!v.Check(m >= 1 && m <= 12, field, "must be a month from 1 (January) to 12 (December)")) {
      months_ok = false;
    } else if (!v.Check(seen.insert(m).second, field, absl::StrCat("repeats month ", m))) {
      months_ok = false;
    }
  }
  if (months_ok && d.frequency) {
    if (std::optional<size_t> needed = MonthsPerYear(*d.frequency)) {
      v.Check(d.exchange_months.size() == *needed, prefix + "exchange_months",
              absl::StrCat(FrequencyName(*d.frequency), " contact needs ", Plural(*needed, "month", "months"),
                           " of exchange; ", Plural(d.exchange_months.size(), "is", "are"), " given"));
    }
  }

  if (d.end_date) v.Check(*d.end_date > d.start_date, prefix + "end_date", "must be after start_date");
  if (d.status == ArrangementStatus::kOnHold || d.status == ArrangementStatus::kEnded) {
    v.Check(!IsBlank(d.status_reason), prefix + "status_reason",
            absl::StrCat("is required for an arrangement ", StatusName(*d.status)));
  }
  v.Check(CharacterCount(d.status_reason) <= kMaxReasonLength, prefix + "status_reason",
          "is at most 1000 characters");
}

absl::StatusOr<ContactArrangement> SetUpArrangement(std::string id, ArrangementDetails d,
                                                    const std::function<std::string()>& new_id,
                                                    const std::string& actor, long long now, platform::Date today,
                                                    const LetterboxRules& rules, const std::string& prefix,
                                                    platform::Validation v) {
  // "Created ACTIVE" (contract), or PLANNED to start at the adoption order: an
  // arrangement is not set up on hold or ended.
  if (v.Check(!d.status || d.status == ArrangementStatus::kActive || d.status == ArrangementStatus::kPlanned,
              prefix + "status", "an arrangement is set up ACTIVE, or PLANNED to start at the adoption order")) {
    d.status = d.status.value_or(ArrangementStatus::kActive);
  }
  // The service assigns party ids; any given are ignored (contract).
  for (Party& p : d.parties) p.party_id.clear();
  FillMonthly(d);
  ValidateDetails(d, today, prefix, v);
  SettleEndDate(d, prefix, v);
  ScheduleReview(d, d.start_date, d.start_date, rules, prefix, v);
  RETURN_IF_ERROR(v.Status());
  SortMonths(d);
  for (Party& p : d.parties) p.party_id = new_id();
  ContactArrangement a;
  a.id = std::move(id);
  a.details = std::move(d);
  a.version = 1;
  a.created_at = a.updated_at = now;
  a.created_by = a.updated_by = actor;
  return a;
}

absl::Status ReviseArrangement(ContactArrangement& arrangement, ArrangementDetails d, const ArrangementChange& change,
                               const std::function<std::string()>& new_id, const LetterboxRules& rules,
                               const platform::Revision& revision, const std::string& prefix,
                               platform::Validation v) {
  const platform::Date today = revision.today;
  const ArrangementDetails& current = arrangement.details;
  v.Check(d.status.has_value(), prefix + "status", "is required: ACTIVE, ON_HOLD, ENDED or PLANNED");
  if (d.status != current.status && !change.status_reason_given) d.status_reason.clear();
  // Parties keep their ids: a given id must be one of this arrangement's.
  std::set<std::string> known;
  for (const Party& p : current.parties) known.insert(p.party_id);
  for (size_t i = 0; i < d.parties.size(); ++i) {
    const std::string& pid = d.parties[i].party_id;
    v.Check(pid.empty() || known.count(pid), absl::StrCat(prefix, "parties[", i, "].party_id"),
            "is not a party of this arrangement: leave it empty for a new party");
  }
  // An end date that was the default follows a corrected date of birth.
  if (d.end_date == current.end_date && d.child_date_of_birth != current.child_date_of_birth &&
      current.child_date_of_birth && current.end_date == EighteenthBirthday(*current.child_date_of_birth)) {
    d.end_date.reset();
  }
  FillMonthly(d);
  ValidateDetails(d, today, prefix, v);
  SettleEndDate(d, prefix, v);
  std::optional<platform::Date> last_review = arrangement.last_review_date;
  if (change.reviewed) {
    last_review = today;
    ScheduleReview(d, today, today, rules, prefix, v);
  }
  RETURN_IF_ERROR(v.Status());
  if (!CanChangeStatus(*current.status, *d.status)) return RefuseStatusChange(*current.status, *d.status);
  SortMonths(d);
  for (Party& p : d.parties) {
    if (p.party_id.empty()) p.party_id = new_id();
  }
  arrangement.details = std::move(d);
  arrangement.last_review_date = last_review;
  platform::Stamp(arrangement, revision);
  return absl::OkStatus();
}

const std::vector<StatusChange>& AllowedStatusChanges() {
  using S = ArrangementStatus;
  static const std::vector<StatusChange> changes = {
      {S::kActive, S::kOnHold},  // paused, with the reason
      {S::kOnHold, S::kActive},  // resumed
      {S::kActive, S::kEnded},   // the child turned 18, or varied on review
      {S::kOnHold, S::kEnded},
      {S::kPlanned, S::kActive},  // the adoption order was made
      {S::kPlanned, S::kEnded},   // the plan changed: no order, or no contact
  };
  return changes;
}

absl::StatusOr<bool> StartAtOrder(ContactArrangement& arrangement, platform::Date order_date,
                                  const LetterboxRules& rules, const platform::Revision& revision) {
  ArrangementDetails& d = arrangement.details;
  if (d.status != ArrangementStatus::kPlanned) return false;
  ASSIGN_OR_RETURN(platform::Date review, ReviewDueAfter(order_date, rules));
  d.status = ArrangementStatus::kActive;
  d.status_reason.clear();
  d.start_date = order_date;
  if (d.end_date && *d.end_date <= order_date) d.end_date.reset();  // a planned end before the order is moot
  if (!d.end_date && d.child_date_of_birth) d.end_date = EighteenthBirthday(*d.child_date_of_birth);
  d.next_review_date = review;
  platform::Stamp(arrangement, revision);
  return true;
}

bool CanChangeStatus(ArrangementStatus from, ArrangementStatus to) {
  return platform::MayChangeStatus(AllowedStatusChanges(), from, to);
}

}  // namespace letterbox

namespace letterbox {
namespace {
constexpr const char* kKindNames[] = {"INDIRECT", "DIRECT"};
constexpr const char* kRoleNames[] = {"ADOPTIVE_FAMILY", "BIRTH_MOTHER", "BIRTH_FATHER",
                                      "GRANDPARENT",     "SIBLING",      "OTHER_RELATIVE"};
constexpr const char* kFrequencyNames[] = {"YEARLY",    "TWICE_YEARLY", "THREE_TIMES_YEARLY",
                                           "QUARTERLY", "MONTHLY",      "OTHER"};
constexpr const char* kStatusNames[] = {"ACTIVE", "ON_HOLD", "ENDED", "PLANNED"};
}  // namespace

std::string KindName(ContactKind k) { return kKindNames[static_cast<int>(k)]; }
std::optional<ContactKind> ParseKind(const std::string& name) { return platform::EnumFromName<ContactKind>(kKindNames, name); }
std::string RoleName(PartyRole r) { return kRoleNames[static_cast<int>(r)]; }
std::optional<PartyRole> ParseRole(const std::string& name) { return platform::EnumFromName<PartyRole>(kRoleNames, name); }
std::string FrequencyName(ContactFrequency f) { return kFrequencyNames[static_cast<int>(f)]; }
std::optional<ContactFrequency> ParseFrequency(const std::string& name) {
  return platform::EnumFromName<ContactFrequency>(kFrequencyNames, name);
}
std::string StatusName(ArrangementStatus s) { return kStatusNames[static_cast<int>(s)]; }
std::optional<ArrangementStatus> ParseStatus(const std::string& name) {
  return platform::EnumFromName<ArrangementStatus>(kStatusNames, name);
}

}  // namespace letterbox
