#include "recruitment-svc/api/household_disclosure.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "recruitment-svc/api/household_mapping.h"
#include "recruitment-svc/api/recruitment_api.h"

namespace recruitment {

namespace rpb = adoption::records::v1;

namespace {

// Whose account a check's notes carry besides the applicants' own: the people the
// agency asked about them. The other checks' notes are the worker's on the applicants
// themselves (their DBS, medical, local authority checks, finances, home, training).
std::optional<absl::string_view> InformantOf(CheckKind kind) {
  switch (kind) {
    case CheckKind::kPersonalReference:
      return "referee";
    case CheckKind::kEmployerReference:
      return "employer's referee";
    case CheckKind::kExPartner:
      return "ex-partner";
    default:
      return std::nullopt;
  }
}

}  // namespace

std::vector<rpb::DisclosureItem> HouseholdDisclosure::About(soci::session& sql,
                                                            const platform::DisclosureSubject& subject) {
  // A household's journey takes family finding's matches, placements and orders as
  // steps without the child's id: recruitment holds nothing naming a child.
  if (subject.child) return {};
  std::optional<Household> h = households_->Get(sql, subject.id);
  if (!h) return {};
  // The applicants are the person asking; the only other people in the record are
  // those the Stage 1 checks' notes speak for.
  rpb::DisclosureItem item =
      platform::DisclosureItemOf(ShownToStaff(*h, *statutory_, clock_->Today()), kHouseholdResource);
  for (size_t i = 0; i < h->stage_one_checks.size(); ++i) {
    if (std::optional<absl::string_view> informant = InformantOf(h->stage_one_checks[i].kind)) {
      platform::FlagThirdParty(item, absl::StrCat("stageOneChecks[", i, "].notes"), *informant);
    }
  }
  std::vector<rpb::DisclosureItem> items;
  items.push_back(std::move(item));
  return items;
}

}  // namespace recruitment
