#include "familyfinding-svc/domain/journey.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "platform/core/enum_names.h"
#include "platform/core/errors.h"
#include "platform/core/status_macros.h"

namespace familyfinding {
namespace {

using K = MilestoneKind;

bool TakesHousehold(K k) { return k == K::kLinked || k == K::kMatched || k == K::kIntroductionsStarted || k == K::kPlaced; }

std::string Day(platform::Date d) { return platform::FormatDate(d); }

// A placement that becomes an adoption placement only later: early permanence (a
// foster placement with dual-approved carers), or foster carers adopting the child
// they have been fostering (the day the child moved in with them comes first).
bool BecomesAdoptionPlacementLater(const Milestone& placed) {
  return placed.early_permanence || placed.foster_carer_adoption;
}

// Where the journey stands, read from the milestones recorded so far.
struct Standing {
  const Milestone* last = nullptr;
  const Milestone* decision = nullptr;       // the first should-be-placed decision
  const Milestone* placement_order = nullptr;
  const Milestone* match = nullptr;          // the last match, unless a disruption since
  const Milestone* placed = nullptr;         // the current placement (no disruption since)
  const Milestone* adoption_placement = nullptr;  // its conversion, for early permanence
  const Milestone* application = nullptr;    // since the current placement
  const Milestone* order = nullptr;
  const Milestone* plan_changed = nullptr;
  const Milestone* disrupted_after_order = nullptr;
};

Standing StandingOf(const Child& c) {
  Standing s;
  for (const Milestone& m : c.journey) {
    s.last = &m;
    switch (m.kind) {
      case K::kShouldBePlacedDecision:
        if (!s.decision) s.decision = &m;
        break;
      case K::kPlacementOrder:
        s.placement_order = &m;
        break;
      case K::kMatched:
        s.match = &m;
        break;
      case K::kPlaced:
        s.placed = &m;
        s.adoption_placement = BecomesAdoptionPlacementLater(m) ? nullptr : &m;
        s.application = nullptr;
        break;
      case K::kAdoptionPlacement:
        s.adoption_placement = &m;
        break;
      case K::kAdoptionApplication:
        s.application = &m;
        break;
      case K::kAdoptionOrder:
        s.order = &m;
        break;
      case K::kDisruption:
        if (s.order) {
          s.disrupted_after_order = &m;
        } else {
          s.placed = s.adoption_placement = s.application = s.match = nullptr;
        }
        break;
      case K::kPlanChanged:
        s.plan_changed = &m;
        break;
      default:
        break;
    }
  }
  return s;
}

bool Consented(const Child& c) { return c.details.legal_status == LegalStatus::kConsent; }

// Moves the status along, unless the child is further on already.
void FamilyFindingBegins(Child& c) {
  if (c.status == FamilyFindingStatus::kTracking) c.status = FamilyFindingStatus::kActivelyFamilyFinding;
}

}  // namespace

bool Milestone::SameAs(const Milestone& o) const {
  return kind == o.kind && date == o.date && household_id == o.household_id && provider == o.provider &&
         early_permanence == o.early_permanence && foster_carer_adoption == o.foster_carer_adoption &&
         reason == o.reason;
}

const std::vector<std::string>& MilestoneRules::Keys() {
  static const std::vector<std::string> keys = {"placement_to_application_weeks", "foster_carer_application_months"};
  return keys;
}

absl::StatusOr<MilestoneRules> MilestoneRules::On(const platform::StatutoryTable& table, platform::Date day) {
  ASSIGN_OR_RETURN(long long weeks, table.ValueOn("placement_to_application_weeks", day));
  ASSIGN_OR_RETURN(long long months, table.ValueOn("foster_carer_application_months", day));
  return MilestoneRules{.placement_to_application_weeks = static_cast<int>(weeks),
                        .foster_carer_application_months = static_cast<int>(months)};
}

bool FromDecisionMaker(MilestoneKind kind) { return kind == K::kShouldBePlacedDecision || kind == K::kMatched; }

absl::StatusOr<bool> RecordMilestone(Child& child, Milestone m, const MilestoneRules& rules,
                                     const platform::Revision& revision, const std::string& prefix) {
  const std::string kind = MilestoneKindName(m.kind);
  platform::Validation v;
  v.Check(m.date <= revision.today, prefix + "date", "must not be in the future");
  if (TakesHousehold(m.kind)) {
    v.Check(!m.household_id.empty(), prefix + "household", absl::StrCat("is required for a ", kind, " milestone"));
  } else {
    v.Check(m.household_id.empty(), prefix + "household",
            absl::StrCat("is not part of a ", kind, " milestone (the placement's household is taken)"));
  }
  if (m.kind != K::kPlaced) {
    v.Check(!m.early_permanence, prefix + "early_permanence", "is only for a PLACED milestone");
    v.Check(!m.foster_carer_adoption, prefix + "foster_carer_adoption", "is only for a PLACED milestone");
  } else {
    v.Check(!(m.early_permanence && m.foster_carer_adoption), prefix + "foster_carer_adoption",
            "an early-permanence placement is with dual-approved carers, not the child's foster carers adopting");
  }
  if (m.kind == K::kPlanChanged) {
    v.Check(!m.reason.empty(), prefix + "reason", "is required: what the plan became, or why adoption ended");
  }
  RETURN_IF_ERROR(v.Status());

  // A replay (the same decision read again, a sibling's match) changes nothing.
  if (const Milestone* same = LastOf(child, m.kind); same && same->SameAs(m)) return false;

  const Standing s = StandingOf(child);
  const std::string subject = absl::StrCat(absl::StripSuffix(prefix, "."), " ", kind, " on ", Day(m.date));
  auto refuse = [&](const char* type, const std::string& why) {
    return platform::FailedPrecondition(absl::StrCat("a ", kind, " milestone cannot be recorded: ", why),
                                        {{type, subject, why}});
  };
  if (s.last && m.date < s.last->date) {
    return refuse("ORDER", absl::StrCat("milestones are recorded in date order; the last is ",
                                        MilestoneKindName(s.last->kind), " on ", Day(s.last->date)));
  }
  if (child.details.entered_care_date && m.date < *child.details.entered_care_date &&
      m.kind != K::kCareProceedingsStarted && m.kind != K::kFamilyFindingReferral) {
    return refuse("ORDER", absl::StrCat("it is before the child entered care on ", Day(*child.details.entered_care_date)));
  }
  if (s.plan_changed) {
    return refuse("STATE", absl::StrCat("the plan changed away from adoption on ", Day(s.plan_changed->date)));
  }
  if (s.disrupted_after_order) {
    return refuse("STATE", absl::StrCat("the adoption disrupted on ", Day(s.disrupted_after_order->date)));
  }
  // A life story book finished late is still recorded (and shows as late).
  if (s.order && m.kind != K::kDisruption && m.kind != K::kLifeStoryBookFinished) {
    return refuse("STATE", absl::StrCat("the adoption order was made on ", Day(s.order->date),
                                        "; only a disruption (or the life story book, late) may follow"));
  }
  const bool authority = s.placement_order || Consented(child);
  auto matched_with = [&](const std::string& household) { return s.match && s.match->household_id == household; };

  switch (m.kind) {
    case K::kCareProceedingsStarted:
      if (const Milestone* before = FirstOf(child, m.kind)) {
        return refuse("STATE", absl::StrCat("care proceedings started on ", Day(before->date)));
      }
      if (child.details.legal_status == LegalStatus::kAccommodated) {
        child.details.legal_status = LegalStatus::kInCareProceedings;
      }
      break;
    case K::kFamilyFindingReferral:
      FamilyFindingBegins(child);
      break;
    case K::kShouldBePlacedDecision:
      if (s.decision) return refuse("STATE", absl::StrCat("decided already on ", Day(s.decision->date)));
      FamilyFindingBegins(child);
      child.milestones.should_be_placed_decision = m.date;
      break;
    case K::kPlacementOrder:
      if (!s.decision) {
        return refuse("ORDER", "a placement order follows the should-be-placed decision (ACA 2002 s.21–22)");
      }
      child.details.legal_status = LegalStatus::kPlacementOrder;
      if (child.status == FamilyFindingStatus::kOnHold) child.status = FamilyFindingStatus::kActivelyFamilyFinding;
      FamilyFindingBegins(child);
      child.milestones.placement_order = m.date;
      break;
    case K::kPlacementOrderAppeal:
      if (!s.placement_order) return refuse("ORDER", "there is no placement order to appeal");
      child.details.legal_status = LegalStatus::kPlacementOrderAppeal;
      child.status = FamilyFindingStatus::kOnHold;
      child.status_reason = m.reason.empty() ? "placement order appeal" : m.reason;
      break;
    case K::kLinked:
      if (!s.placed && child.status != FamilyFindingStatus::kMatchedAwaitingPlacement) {
        child.status = FamilyFindingStatus::kLinked;
      }
      break;
    case K::kMatched:
      if (!s.decision) return refuse("ORDER", "a match follows the should-be-placed decision");
      if (!s.placed) {
        child.status = FamilyFindingStatus::kMatchedAwaitingPlacement;
        child.household_id = m.household_id;
      }
      child.milestones.match = m.date;
      break;
    case K::kIntroductionsStarted:
      if (!matched_with(m.household_id)) {
        return refuse("ORDER", absl::StrCat("introductions follow the match with households/", m.household_id));
      }
      break;
    case K::kPlaced:
      if (s.placed) {
        return refuse("STATE", absl::StrCat("placed with households/", s.placed->household_id, " since ",
                                            Day(s.placed->date), " (record the disruption first)"));
      }
      if (!BecomesAdoptionPlacementLater(m)) {
        if (!authority) {
          return refuse("ORDER", "placing for adoption needs a placement order or consent (ACA 2002 s.18)");
        }
        if (!matched_with(m.household_id)) {
          return refuse("ORDER", absl::StrCat("placing for adoption follows the match with households/",
                                              m.household_id,
                                              " (early permanence and foster carers adopting excepted)"));
        }
        child.milestones.placed = m.date;
        child.milestones.early_permanence_placed.reset();
      } else {
        if (m.early_permanence) child.milestones.early_permanence_placed = m.date;
        child.milestones.placed.reset();
      }
      child.status = FamilyFindingStatus::kPlaced;
      child.household_id = m.household_id;
      break;
    case K::kAdoptionPlacement:
      if (!s.placed || !BecomesAdoptionPlacementLater(*s.placed) || s.adoption_placement) {
        return refuse("ORDER",
                      "only a current early-permanence or foster carers' placement becomes an adoption placement");
      }
      if (!authority) return refuse("ORDER", "an adoption placement needs a placement order or consent");
      if (!matched_with(s.placed->household_id)) {
        return refuse("ORDER", absl::StrCat("an adoption placement follows the match with households/",
                                            s.placed->household_id));
      }
      child.milestones.placed = m.date;
      break;
    case K::kAdoptionApplication: {
      if (!s.adoption_placement) return refuse("ORDER", "an adoption application follows an adoption placement");
      const platform::Date moved_in = s.placed->date;
      const platform::Date earliest =
          s.placed->foster_carer_adoption ? platform::AddMonths(moved_in, rules.foster_carer_application_months)
                                          : moved_in + 7 * rules.placement_to_application_weeks;
      if (m.date < earliest) {
        return refuse("ORDER", absl::StrCat(
                                   "the child must have lived with the applicants since ", Day(moved_in), " for ",
                                   s.placed->foster_carer_adoption
                                       ? absl::StrCat(rules.foster_carer_application_months, " months (ACA 2002 s.42(4))")
                                       : absl::StrCat(rules.placement_to_application_weeks, " weeks (ACA 2002 s.42(2))"),
                                   ": not before ", Day(earliest)));
      }
      child.milestones.adoption_application = m.date;
      break;
    }
    case K::kAdoptionOrder:
      if (!s.adoption_placement) return refuse("ORDER", "an adoption order follows an adoption placement");
      child.details.legal_status = LegalStatus::kAdoptionOrder;
      child.status = FamilyFindingStatus::kAdopted;
      child.status_reason.clear();
      child.milestones.adoption_order = m.date;
      break;
    case K::kDisruption:
      if (!s.placed && !s.order) return refuse("STATE", "there is no placement to disrupt");
      child.status = FamilyFindingStatus::kDisrupted;
      child.status_reason = m.reason;
      if (!s.order) {
        child.household_id.clear();
        child.milestones.match.reset();
        child.milestones.placed.reset();
        child.milestones.early_permanence_placed.reset();
        child.milestones.adoption_application.reset();
      }
      break;
    case K::kPlanChanged:
      child.status = FamilyFindingStatus::kPlanChanged;
      child.status_reason = m.reason;
      break;
    case K::kRevocationApplication:
      if (!s.placement_order) return refuse("ORDER", "there is no placement order to revoke");
      if (s.placed) {
        return refuse("STATE", "no application to revoke a placement order once the child is placed (ACA 2002 s.24(2))");
      }
      child.details.legal_status = LegalStatus::kRevocationApplication;
      child.status = FamilyFindingStatus::kOnHold;
      child.status_reason = m.reason.empty() ? "application to revoke the placement order" : m.reason;
      break;
    case K::kContestedApplication:
      if (!s.application) return refuse("ORDER", "only an adoption application can be contested");
      child.details.legal_status = LegalStatus::kContestedAdoptionApplication;
      break;
    case K::kChallengeDismissed: {
      const LegalStatus l = child.details.legal_status;
      if (l != LegalStatus::kPlacementOrderAppeal && l != LegalStatus::kRevocationApplication &&
          l != LegalStatus::kContestedAdoptionApplication) {
        return refuse("STATE", "there is no appeal, revocation application or contested application to dismiss");
      }
      // The placement order stands; family finding goes on where it was.
      child.details.legal_status = LegalStatus::kPlacementOrder;
      if (child.status == FamilyFindingStatus::kOnHold) {
        child.status = s.match ? FamilyFindingStatus::kMatchedAwaitingPlacement : FamilyFindingStatus::kActivelyFamilyFinding;
        child.status_reason.clear();
      }
      break;
    }
    case K::kLifeStoryBookDrafted:
    case K::kLifeStoryBookFinished:
      if (m.kind == K::kLifeStoryBookDrafted && !s.decision) {
        return refuse("ORDER", "a life story book is drafted once adoption is the plan (the should-be-placed decision)");
      }
      if (m.kind == K::kLifeStoryBookFinished && !FirstOf(child, K::kLifeStoryBookDrafted)) {
        return refuse("ORDER", "a life story book is finished after it is drafted");
      }
      if (const Milestone* before = FirstOf(child, m.kind)) {
        return refuse("STATE", absl::StrCat("recorded already on ", Day(before->date)));
      }
      break;
  }
  m.recorded_at = revision.at;
  m.recorded_by = revision.actor;
  child.journey.push_back(std::move(m));
  platform::Stamp(child, revision);
  return true;
}

absl::StatusOr<int> ApplyHistory(Child& child, const std::vector<Milestone>& history, const MilestoneRules& rules,
                                 const platform::Revision& revision) {
  std::vector<const Milestone*> own;
  for (const Milestone& m : child.journey) {
    if (m.origin != MilestoneOrigin::kPanel) own.push_back(&m);
  }
  // A history the stored milestones already begin with (an import sent in parts,
  // then the first part again) changes nothing.
  for (size_t i = 0; i < own.size() && i < history.size(); ++i) {
    if (!own[i]->SameAs(history[i])) {
      const std::string subject = absl::StrCat("milestones[", i, "]");
      return platform::FailedPrecondition(
          "the child's recorded milestones differ from the history",
          {{"IMPORT", subject,
            absl::StrCat("recorded: ", MilestoneKindName(own[i]->kind), " on ", Day(own[i]->date),
                         "; the history has ", MilestoneKindName(history[i].kind), " on ", Day(history[i].date))}});
    }
  }
  int added = 0;
  for (size_t i = own.size(); i < history.size(); ++i) {
    Milestone m = history[i];
    m.origin = MilestoneOrigin::kHistory;
    if (FromDecisionMaker(m.kind)) {
      return platform::InvalidArgument(
          {{absl::StrCat("milestones[", i, "].kind"),
            absl::StrCat(MilestoneKindName(m.kind), " is the decision maker's: it is imported by panel-svc")}});
    }
    ASSIGN_OR_RETURN(bool recorded, RecordMilestone(child, m, rules, revision, absl::StrCat("milestones[", i, "].")));
    added += recorded;
  }
  return added;
}

const Milestone* FirstOf(const Child& child, MilestoneKind kind) {
  for (const Milestone& m : child.journey) {
    if (m.kind == kind) return &m;
  }
  return nullptr;
}

const Milestone* LastOf(const Child& child, MilestoneKind kind, std::optional<platform::Date> on) {
  const Milestone* found = nullptr;
  for (const Milestone& m : child.journey) {
    if (on && m.date > *on) break;
    if (m.kind == kind) found = &m;
  }
  return found;
}

bool LifeStoryBookLate(const Child& child, platform::Date today) {
  const Milestone* drafted = FirstOf(child, K::kLifeStoryBookDrafted);
  const Milestone* finished = FirstOf(child, K::kLifeStoryBookFinished);
  const Standing s = StandingOf(child);
  const bool moved_in_without = s.placed && s.placed->date <= today && (!drafted || drafted->date > s.placed->date);
  const bool ordered_without = s.order && (!finished || finished->date > s.order->date);
  return moved_in_without || ordered_without;
}

const Milestone* AdoptionPlacement(const Child& child, platform::Date on) { return LastOf(child, K::kPlaced, on); }

std::optional<platform::Date> AdoptionPlacementDate(const Child& child, const Milestone& placed) {
  if (!BecomesAdoptionPlacementLater(placed)) return placed.date;
  bool after = false;
  for (const Milestone& m : child.journey) {
    if (&m == &placed) {
      after = true;
    } else if (after && m.kind == K::kAdoptionPlacement) {
      return m.date;
    } else if (after && (m.kind == K::kDisruption || m.kind == K::kPlaced)) {
      break;
    }
  }
  return std::nullopt;
}

namespace {
constexpr const char* kKindNames[] = {
    "CARE_PROCEEDINGS_STARTED", "FAMILY_FINDING_REFERRAL", "SHOULD_BE_PLACED_DECISION", "PLACEMENT_ORDER",
    "PLACEMENT_ORDER_APPEAL", "LINKED", "MATCHED", "INTRODUCTIONS_STARTED", "PLACED", "ADOPTION_PLACEMENT",
    "ADOPTION_APPLICATION", "ADOPTION_ORDER", "DISRUPTION", "PLAN_CHANGED", "REVOCATION_APPLICATION",
    "CONTESTED_APPLICATION", "CHALLENGE_DISMISSED", "LIFE_STORY_BOOK_DRAFTED", "LIFE_STORY_BOOK_FINISHED"};
constexpr const char* kProviderNames[] = {"IN_HOUSE", "OTHER_LA_OR_RAA", "VOLUNTARY_ADOPTION_AGENCY"};
constexpr const char* kOriginNames[] = {"FAMILY_FINDING", "PANEL", "HISTORY"};
}  // namespace

std::string MilestoneKindName(MilestoneKind k) { return kKindNames[static_cast<int>(k)]; }
std::optional<MilestoneKind> ParseMilestoneKind(const std::string& name) {
  return platform::EnumFromName<MilestoneKind>(kKindNames, name);
}
std::string ProviderName(PlacementProvider p) { return kProviderNames[static_cast<int>(p)]; }
std::optional<PlacementProvider> ParseProvider(const std::string& name) {
  return platform::EnumFromName<PlacementProvider>(kProviderNames, name);
}
std::string OriginName(MilestoneOrigin o) { return kOriginNames[static_cast<int>(o)]; }
std::optional<MilestoneOrigin> ParseOrigin(const std::string& name) {
  return platform::EnumFromName<MilestoneOrigin>(kOriginNames, name);
}

}  // namespace familyfinding
