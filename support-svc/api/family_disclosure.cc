#include "support-svc/api/family_disclosure.h"

#include <soci/soci.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "support-svc/api/allowance_mapping.h"
#include "support-svc/api/assessment_mapping.h"
#include "support-svc/api/family_mapping.h"
#include "support-svc/api/support_request_mapping.h"

namespace support {

namespace rpb = adoption::records::v1;

namespace {

// The ids of the records of `table` whose `column` (fixed text) holds `id`, in order.
std::vector<std::string> IdsWhere(soci::session& sql, absl::string_view table, absl::string_view column,
                                  const std::string& id) {
  return platform::RecordIds(sql, absl::StrCat("SELECT id FROM ", table, " WHERE ", column, " = :id ORDER BY id"), id);
}

// Adds to `items` the records of `table` filed under `id` in `column`, each read through
// `store` and made an item by `disclose`.
template <typename Store, typename Disclose>
void AddFiled(soci::session& sql, absl::string_view table, absl::string_view column, const std::string& id,
              Store& store, std::vector<rpb::DisclosureItem>& items, Disclose disclose) {
  for (const std::string& each : IdsWhere(sql, table, column, id)) {
    if (auto record = store.Get(sql, each)) items.push_back(disclose(*record));
  }
}

// Whether `text` holds `word` as a word of its own, in any case: "Achebe" in "Ms
// Achebe's evenings", not "Ann" in "Annual".
bool HoldsWord(absl::string_view text, absl::string_view word) {
  const std::string haystack = absl::AsciiStrToLower(text), needle = absl::AsciiStrToLower(word);
  // A name's letters are ASCII letters and digits or any byte of a UTF-8 letter.
  auto in_word = [](unsigned char c) { return absl::ascii_isalnum(c) || c >= 0x80; };
  for (size_t at = haystack.find(needle); !needle.empty() && at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    const size_t end = at + needle.size();
    if ((at == 0 || !in_word(haystack[at - 1])) && (end == haystack.size() || !in_word(haystack[end]))) return true;
  }
  return false;
}

// Flags each of `fields` whose text names one of `names` as `third_party`'s.
void FlagNamed(rpb::DisclosureItem& item, std::initializer_list<const char*> fields,
               const std::vector<std::string>& names, absl::string_view third_party) {
  for (const char* field : fields) {
    const std::string text = platform::TextAt(item.content(), field);
    if (std::any_of(names.begin(), names.end(), [&](const std::string& name) { return HoldsWord(text, name); })) {
      platform::FlagThirdParty(item, field, third_party);
    }
  }
}

}  // namespace

std::vector<rpb::DisclosureItem> FamilyDisclosure::About(soci::session& sql,
                                                         const platform::DisclosureSubject& subject) {
  const platform::Date today = clock_->Today();
  std::vector<rpb::DisclosureItem> items;
  if (!subject.child) {
    // The family's own: only an adoptive family's requests are filed under its household
    // (ValidateDetails), so their requester is the person, not a third party.
    AddFiled(sql, "support_requests", "household", subject.id, *requests_, items, [&](const SupportRequest& r) {
      return platform::DisclosureItemOf(Shown(r, today, *calendar_), kSupportRequestResource);
    });
    AddFiled(sql, "assessments_of_need", "household", subject.id, assessments_, items, [&](const AssessmentOfNeed& a) {
      return platform::DisclosureItemOf(ToProto(a, today), kAssessmentOfNeedResource);
    });
    AddFiled(sql, "adoption_allowances", "household", subject.id, allowances_, items, [&](const AdoptionAllowance& a) {
      return platform::DisclosureItemOf(ToProto(a, today), kAdoptionAllowanceResource);
    });
  }
  // A placement and its review are filed under both the child and the household. The
  // social workers and the review's independent chair are named as the professionals
  // who acted, as every record names its authors: not third parties' details.
  const char* filed_under = subject.child ? "child" : "household";
  AddFiled(sql, "adoptive_families", filed_under, subject.id, families_, items, [&](const AdoptiveFamily& f) {
    return platform::DisclosureItemOf(ToProto(f, today), kAdoptiveFamilyResource);
  });
  AddFiled(sql, "disruption_reviews", filed_under, subject.id, reviews_, items, [&](const DisruptionReview& r) {
    rpb::DisclosureItem item = platform::DisclosureItemOf(ToProto(r), kDisruptionReviewResource);
    // To the adopted person their adopters are other people: what the review says of
    // them by name is reviewed before release.
    if (subject.child) FlagNamed(item, {"findings", "recommendations"}, AdoptersNames(sql, r.household_id), "adopter");
    return item;
  });
  return items;
}

std::vector<std::string> FamilyDisclosure::AdoptersNames(soci::session& sql, const std::string& household) {
  std::vector<std::string> names;
  for (const std::string& id : IdsWhere(sql, "support_requests", "household", household)) {
    std::optional<SupportRequest> r = requests_->Get(sql, id);
    if (!r || !r->details.requester) continue;
    for (const std::string& name : {r->details.requester->given_name, r->details.requester->family_name}) {
      if (!name.empty()) names.push_back(name);
    }
  }
  return names;
}

}  // namespace support
