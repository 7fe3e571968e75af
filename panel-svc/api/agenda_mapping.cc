#include "panel-svc/api/agenda_mapping.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "panel-svc/api/panel_mapping.h"
#include "platform/core/text.h"
#include "platform/rpc/proto_convert.h"

namespace panel {

namespace pb = adoption::panel::v1;
using platform::CleanText;
using platform::TextKind;

std::string AgendaItemName(const AgendaItem& item) {
  return absl::StrCat(MeetingName(item.panel_id, item.meeting_id), "/agendaItems/", item.id);
}
std::string RecommendationName(const AgendaItem& item) { return AgendaItemName(item) + "/recommendation"; }

std::array<std::string, 3> RecommendationIds(absl::string_view name, const std::string& field,
                                             platform::Validation& v) {
  constexpr absl::string_view kSuffix = "/recommendation";
  const bool suffixed = absl::EndsWith(name, kSuffix);
  if (suffixed) name.remove_suffix(kSuffix.size());
  platform::Validation item;
  auto ids = platform::IdsFromName(name, {"panels", "meetings", "agendaItems"}, field, item);
  v.Check(suffixed && item.ok(), field,
          "must be panels/{panel_id}/meetings/{meeting_id}/agendaItems/{agenda_item_id}/recommendation");
  return ids;
}

pb::AgendaItem ToProto(const AgendaItem& item, platform::Date today) {
  pb::AgendaItem out;
  out.set_name(AgendaItemName(item));
  out.set_kind(platform::EnumToProto<pb::AgendaItemKind>(item.kind));
  if (!item.household_id.empty()) out.set_household(absl::StrCat("households/", item.household_id));
  for (const auto& c : item.child_ids) out.add_children(absl::StrCat("children/", c));
  out.set_dual_approval_sought(item.dual_approval_sought);
  out.set_imported(item.imported());
  for (const Paper& p : item.papers) {
    pb::Paper* pp = out.add_papers();
    pp->set_kind(platform::EnumToProto<pb::PaperKind>(p.kind));
    pp->set_title(p.title);
    *pp->mutable_due_date() = platform::DateToProto(p.due_date);
    if (p.received_date) *pp->mutable_received_date() = platform::DateToProto(*p.received_date);
    pp->set_quality_rating(platform::EnumToProto<pb::QualityRating>(p.quality_rating));
    pp->set_quality_feedback(p.quality_feedback);
    pp->set_late(p.LateOn(today));
  }
  for (const auto& c : item.conflicts) {
    pb::ConflictDeclaration* pc = out.add_conflicts();
    pc->set_member_id(c.member_id);
    pc->set_description(c.description);
  }
  if (item.recommended) out.set_recommendation(RecommendationName(item));
  out.set_etag(Etag(item.version));
  *out.mutable_record_info() = platform::RecordInfoOf(item);
  return out;
}

AgendaItem AgendaItemFromProto(const pb::AgendaItem& in, const std::string& prefix, platform::Validation& v) {
  AgendaItem item;
  if (auto kind = platform::EnumFromProto<AgendaItemKind>(in.kind(), pb::AgendaItemKind_IsValid)) {
    item.kind = *kind;
  } else {
    v.Add(prefix + "kind", "is required: an AgendaItemKind such as AGENDA_ITEM_KIND_ADOPTER_APPROVAL");
  }
  if (!in.household().empty()) {
    item.household_id = platform::IdFromName(in.household(), "households", prefix + "household", v);
  }
  for (int i = 0; i < in.children_size(); ++i) {
    item.child_ids.push_back(
        platform::IdFromName(in.children(i), "children", absl::StrCat(prefix, "children[", i, "]"), v));
  }
  item.dual_approval_sought = in.dual_approval_sought();
  for (int i = 0; i < in.papers_size(); ++i) {
    const pb::Paper& pp = in.papers(i);
    const std::string field = absl::StrCat(prefix, "papers[", i, "].");
    Paper p;
    if (auto kind = platform::EnumFromProto<PaperKind>(pp.kind(), pb::PaperKind_IsValid)) {
      p.kind = *kind;
    } else {
      v.Add(field + "kind", "is required: a PaperKind such as PAPER_KIND_PROSPECTIVE_ADOPTER_REPORT");
    }
    p.title = CleanText(pp.title(), TextKind::kSingleLine, field + "title", v);
    // Unset: the configured working days before the meeting (filled by the api).
    if (auto due = platform::OptionalDateFromProto(pp.due_date(), field + "due_date", v)) p.due_date = *due;
    p.received_date = platform::OptionalDateFromProto(pp.received_date(), field + "received_date", v);
    if (pp.quality_rating() != pb::QUALITY_RATING_UNSPECIFIED) {
      p.quality_rating = platform::EnumFromProto<QualityRating>(pp.quality_rating(), pb::QualityRating_IsValid);
      v.Check(p.quality_rating.has_value(), field + "quality_rating", "must be a QualityRating");
    }
    p.quality_feedback = CleanText(pp.quality_feedback(), TextKind::kMultiLine, field + "quality_feedback", v);
    item.papers.push_back(std::move(p));
  }
  for (int i = 0; i < in.conflicts_size(); ++i) {
    const std::string field = absl::StrCat(prefix, "conflicts[", i, "].");
    item.conflicts.push_back(
        {in.conflicts(i).member_id(),
         CleanText(in.conflicts(i).description(), TextKind::kMultiLine, field + "description", v)});
  }
  return item;
}

pb::Recommendation ToProto(const AgendaItem& item, const Recommendation& r) {
  pb::Recommendation out;
  out.set_name(RecommendationName(item));
  out.set_outcome(platform::EnumToProto<pb::RecommendationOutcome>(r.outcome));
  out.set_reasons(r.reasons);
  out.set_votes_for(r.votes_for);
  out.set_votes_against(r.votes_against);
  out.set_votes_abstain(r.votes_abstain);
  if (r.minutes_final_date) *out.mutable_minutes_final_date() = platform::DateToProto(*r.minutes_final_date);
  if (r.decision_due_date) *out.mutable_decision_due_date() = platform::DateToProto(*r.decision_due_date);
  for (const auto& m : r.quorum_members) out.add_quorum_members(m);
  out.set_etag(Etag(r.version));
  *out.mutable_record_info() = platform::RecordInfoOf(r);
  return out;
}

Recommendation RecommendationFromProto(const pb::Recommendation& in, const std::string& prefix,
                                       platform::Validation& v) {
  Recommendation r;
  if (auto outcome = platform::EnumFromProto<RecommendationOutcome>(in.outcome(), pb::RecommendationOutcome_IsValid)) {
    r.outcome = *outcome;
  } else {
    v.Add(prefix + "outcome", "is required: RECOMMENDED, NOT_RECOMMENDED or DEFERRED");
  }
  r.reasons = CleanText(in.reasons(), TextKind::kMultiLine, prefix + "reasons", v);
  r.votes_for = in.votes_for();
  r.votes_against = in.votes_against();
  r.votes_abstain = in.votes_abstain();
  r.minutes_final_date = platform::OptionalDateFromProto(in.minutes_final_date(), prefix + "minutes_final_date", v);
  return r;
}

}  // namespace panel
