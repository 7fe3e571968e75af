#include "panel-svc/api/panel_api.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "panel-svc/api/panel_mapping.h"
#include "platform/core/ids.h"
#include "platform/rpc/change.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/resource.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/update_mask.h"

namespace panel {

namespace pb = adoption::panel::v1;
using platform::Call;
using platform::Role;

// The panel adviser keeps the central list and the panel's calendar, the panel
// coordinator books meetings; members, the ADM and managers read them. Panels and
// their meetings are the agency's own, not a borough's: every grant is agency-wide.
// recruitment-svc moves households on the decision maker's decisions about them
// (docs/domain.md §1: approval comes only from the ADM).
// Family finding follows the matches and the decisions about children; it learns of
// approvals and their terms from recruitment-svc's HouseholdStatusChanged, so it is not
// granted them here (a reader sees only what it reads).
const platform::EventVisibility& EventVisibility() {
  static const platform::EventVisibility visibility = {
      {"recruitment", {"adoption.events.v1.AdopterApproved", "adoption.events.v1.AdopterNotApproved",
                       "adoption.events.v1.ApprovalReviewed", "adoption.events.v1.ApprovalTerminated",
                       "adoption.events.v1.MatchAgreed"}},
      {"familyfinding",
       {"adoption.events.v1.MatchAgreed", "adoption.events.v1.ShouldBePlacedDecided",
        "adoption.events.v1.ChildPlanChanged"}},
  };
  return visibility;
}

void AddGauges(platform::DatabaseGauges& gauges, PanelStore* panels, AgendaStore* agenda,
               const platform::StatutoryTable* statutory, const platform::Clock* clock) {
  // Members on the lists today with training (or appraisal) due; on a day the statutory
  // table has no numbers for, the gauge is not read (a warning says why).
  auto members_due = [panels, statutory, clock](soci::session& sql, int MembersDue::*which) -> absl::StatusOr<double> {
    const platform::Date today = clock->Today();
    ASSIGN_OR_RETURN(PanelRules rules, PanelRules::On(*statutory, today));
    int due = 0;
    for (const auto& p : panels->All(sql)) due += CountMembersDue(p.details, rules, today).*which;
    return static_cast<double>(due);
  };
  gauges.Add("panel_member_training_due",
             "Members on a panel's central list today whose annual training is due (the configured months after the "
             "last, or none recorded).",
             [members_due](soci::session& sql) { return members_due(sql, &MembersDue::training); });
  gauges.Add("panel_member_appraisal_due",
             "Members on a panel's central list today whose annual appraisal is due (the configured months after the "
             "last, or none recorded).",
             [members_due](soci::session& sql) { return members_due(sql, &MembersDue::appraisal); });
  gauges.Add("panel_decisions_overdue",
             "Recommendations whose decision maker's decision is past due (the configured working days after the "
             "final minutes) and not recorded.",
             [agenda, clock](soci::session& sql) -> absl::StatusOr<double> {
               return static_cast<double>(agenda->CountDecisionsOverdue(sql, clock->Today()));
             });
}

const platform::PolicyTable& Policies() {
  using platform::Reach;
  // Those who run the panel and decide read every meeting and case; a panel member
  // (their token's subject linked to their place on the list) only the meetings they
  // attend, with their cases and papers.
  auto with_member = [](std::vector<platform::Grant> grants) {
    grants.push_back({Role::kPanelMember, Reach::kSubject});
    return grants;
  };
  static const platform::PolicyTable table({
      {"CreatePanel", platform::AgencyWide({Role::kPanelAdviser})},
      // A panel member reads the central list as a member (AsSeenByMember).
      {"GetPanel", with_member(platform::AgencyWide(
                       {Role::kPanelAdviser, Role::kPanelCoordinator, Role::kDecisionMaker, Role::kManager}))},
      {"ListPanels", with_member(platform::AgencyWide(
                         {Role::kPanelAdviser, Role::kPanelCoordinator, Role::kDecisionMaker, Role::kManager}))},
      {"UpdatePanel", platform::AgencyWide({Role::kPanelAdviser})},
      {"CreateMeeting", platform::AgencyWide({Role::kPanelAdviser, Role::kPanelCoordinator})},
      {"GetMeeting", with_member(platform::AgencyWide(
                         {Role::kPanelAdviser, Role::kPanelCoordinator, Role::kDecisionMaker, Role::kManager}))},
      {"ListMeetings", with_member(platform::AgencyWide(
                           {Role::kPanelAdviser, Role::kPanelCoordinator, Role::kDecisionMaker, Role::kManager}))},
      {"UpdateMeeting", platform::AgencyWide({Role::kPanelAdviser, Role::kPanelCoordinator})},
      // The adviser and the coordinator book cases; the adviser minutes the panel's
      // recommendation; the decision maker decides.
      {"CreateAgendaItem", platform::AgencyWide({Role::kPanelAdviser, Role::kPanelCoordinator})},
      {"UpdateAgendaItem", platform::AgencyWide({Role::kPanelAdviser, Role::kPanelCoordinator})},
      {"MoveAgendaItem", platform::AgencyWide({Role::kPanelAdviser, Role::kPanelCoordinator})},
      {"GetAgendaItem", with_member(platform::AgencyWide(
                            {Role::kPanelAdviser, Role::kPanelCoordinator, Role::kDecisionMaker, Role::kManager}))},
      {"ListAgendaItems", with_member(platform::AgencyWide(
                              {Role::kPanelAdviser, Role::kPanelCoordinator, Role::kDecisionMaker, Role::kManager}))},
      {"RecordRecommendation", platform::AgencyWide({Role::kPanelAdviser})},
      {"FinaliseMinutes", platform::AgencyWide({Role::kPanelAdviser})},
      {"GetRecommendation", with_member(platform::AgencyWide(
                                {Role::kPanelAdviser, Role::kPanelCoordinator, Role::kDecisionMaker, Role::kManager}))},
      {"ListPanelReferrals",
       platform::AgencyWide({Role::kPanelAdviser, Role::kPanelCoordinator, Role::kDecisionMaker, Role::kManager})},
      {"RecordDecision", platform::AgencyWide({Role::kDecisionMaker})},
      // The panel's figures: those who run it, the decision makers, managers.
      {"ReportPanelWork",
       platform::AgencyWide({Role::kPanelAdviser, Role::kPanelCoordinator, Role::kDecisionMaker, Role::kManager})},
      {"FinaliseDetermination", platform::AgencyWide({Role::kDecisionMaker})},
      {"ReconsiderDetermination", platform::AgencyWide({Role::kDecisionMaker})},
      // Decisions are read by those who run the panel, the decision makers and managers.
      {"GetDecision",
       platform::AgencyWide({Role::kPanelAdviser, Role::kPanelCoordinator, Role::kDecisionMaker, Role::kManager})},
      {"ListDecisions",
       platform::AgencyWide({Role::kPanelAdviser, Role::kPanelCoordinator, Role::kDecisionMaker, Role::kManager})},
      // The old system's decisions, and the cases it heard awaiting one, brought in with
      // the rest of its history by a manager.
      {"ImportDecision", platform::AgencyWide({Role::kManager})},
      {"ImportRecommendation", platform::AgencyWide({Role::kManager})},
  });
  return table;
}

namespace {
constexpr char kPanel[] = "panel";
constexpr char kMeeting[] = "meeting";

// The fields UpdatePanel may change. The whole member list is given; RevisePanel
// merges it into the current one.
const platform::UpdatableFields<PanelDetails>& PanelUpdatable() {
  static const platform::UpdatableFields<PanelDetails> fields({
      {"display_name", &PanelDetails::display_name},
      {"members", &PanelDetails::members},
      {"local_authority_agency", &PanelDetails::local_authority_agency},
  });
  return fields;
}

// The fields UpdateMeeting may change; which of them a meeting's status leaves open
// is the domain's rule (ReviseMeeting).
const platform::UpdatableFields<Meeting>& MeetingUpdatable() {
  static const platform::UpdatableFields<Meeting> fields({
      {"meeting_date", &Meeting::meeting_date},
      {"case_capacity", &Meeting::case_capacity},
      {"status", &Meeting::status},
      {"attendance", &Meeting::attendance},
      {"mode", &Meeting::mode},
  });
  return fields;
}

// A panel as the caller may read it: whole to those who run the panel and decide;
// to a panel member, as a member (the coverage of their subject alone).
Panel AsSeenBy(const Call& call, Panel p) {
  if (!call.coverage().agency) p.details = AsSeenByMember(std::move(p.details), call.coverage().subject);
  return p;
}
}  // namespace

absl::Status PanelApi::RevealMeeting(const Call& call, soci::session& tx, const Meeting& meeting,
                                     const std::string& name, const std::set<std::string>& except) const {
  if (call.coverage().agency) return absl::OkStatus();
  auto p = panels_->Get(tx, meeting.panel_id);
  if (!p) return platform::NotFound(name);
  return call.Reveal({.subjects = AccountsPresent(p->details, meeting, except)}, name);
}

std::optional<PanelRules> PanelApi::TodaysRules() const {
  auto rules = PanelRules::On(*statutory_, clock_->Today());
  if (!rules.ok()) return std::nullopt;
  return *rules;
}

std::optional<PanelRules> PanelApi::RulesOn(platform::Date day, const std::string& field,
                                            platform::Validation& v) const {
  auto rules = PanelRules::On(*statutory_, day);
  if (!rules.ok()) {
    v.Add(field, absl::StrCat("no panel rules were in force on ", platform::FormatDate(day), " (",
                              rules.status().message(), ")"));
    return std::nullopt;
  }
  return *rules;
}

grpc::Status PanelApi::CreatePanel(Ctx* ctx, const pb::CreatePanelRequest* request, pb::Panel* response) {
  return rpc_->Run(ctx, "CreatePanel", [&](Call& call) -> absl::Status {
    const platform::Date today = clock_->Today();
    platform::Validation v;
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_panel(), "panel", "is required");
    PanelDetails details = DetailsFromProto(request->panel(), "panel.", v);
    if (auto rules = RulesOn(today, "panel", v)) ValidateDetails(details, *rules, today, "panel.", v);
    RETURN_IF_ERROR(v.Status());

    Panel created;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request, [&] {
        Panel p = FormPanel(platform::NewId(), details, platform::NewId, call.principal().subject,
                            clock_->NowMicros());
        panels_->Insert(tx, p);
        return absl::StatusOr<std::string>(p.id);
      }));
      auto p = panels_->Get(tx, id);
      if (!p) return absl::InternalError("panel recorded under this request_id is missing");
      call.Audit(tx, kPanel, id);
      created = *std::move(p);
      return absl::OkStatus();
    }));
    *response = ToProto(created, TodaysRules());
    return absl::OkStatus();
  });
}

grpc::Status PanelApi::GetPanel(Ctx* ctx, const pb::GetPanelRequest* request, pb::Panel* response) {
  return rpc_->Run(ctx, "GetPanel", [&](Call& call) -> absl::Status {
    platform::Validation v;
    std::string id = platform::IdFromName(request->name(), "panels", "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      auto p = panels_->Get(sql, id);
      if (!p) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal({.subjects = MemberAccounts(p->details)}, request->name()));
      call.AuditRead(kPanel, id);
      *response = ToProto(AsSeenBy(call, *p), TodaysRules());
      return absl::OkStatus();
    });
  });
}

grpc::Status PanelApi::ListPanels(Ctx* ctx, const pb::ListPanelsRequest* request, pb::ListPanelsResponse* response) {
  return rpc_->Run(ctx, "ListPanels", [&](Call& call) -> absl::Status {
    platform::Validation v;
    PanelQuery query;
    query.page = call.ParsePage(request->page_size(), request->page_token(), request->filter(), v);
    platform::Filter filter = platform::ParseFilter(request->filter(), {"display_name", "local_authority_agency"}, v);
    if (const std::string* name = filter.Find("display_name")) query.display_name = *name;
    query.local_authority_agency = platform::BoolFilter(filter, "local_authority_agency", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<Panel> page = panels_->List(sql, query);
      for (const auto& p : page) {
        // A panel member is shown the panels they are on (the page may come out short).
        if (!call.coverage().Covers({.subjects = MemberAccounts(p.details)})) continue;
        call.AuditRead(kPanel, p.id);
        *response->add_panels() = ToProto(AsSeenBy(call, p), TodaysRules());
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

grpc::Status PanelApi::UpdatePanel(Ctx* ctx, const pb::UpdatePanelRequest* request, pb::Panel* response) {
  return rpc_->Run(ctx, "UpdatePanel", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const pb::Panel& in = request->panel();
    std::string id = platform::IdFromName(in.name(), "panels", "panel.name", v);
    long long version = platform::ParseEtag(in.etag(), "panel.etag", v);
    std::set<std::string> paths = platform::MaskPaths(request->update_mask(), PanelUpdatable().paths(), v);
    RETURN_IF_ERROR(v.Status());

    // Panels are the agency's own records: every grant reaches them all.
    ASSIGN_OR_RETURN(
        Panel updated,
        platform::ChangeRecord(
            call, *db_, *panels_, in.name(), id, version, [](const Panel&) { return platform::RecordScope{}; },
            [&](Panel& p, soci::session&) -> absl::Status {
              // Read every field so shape errors are reported, then take the masked ones;
              // only violations in masked fields count, and the result is judged whole
              // under the rules in force today.
              platform::Validation fields;
              PanelDetails given = DetailsFromProto(in, "panel.", fields);
              platform::Validation masked = platform::MaskedViolations(fields, "panel.", paths);
              const platform::Revision revision = platform::RevisionBy(call.principal().subject, *clock_);
              std::optional<PanelRules> rules = RulesOn(revision.today, "panel", masked);
              if (!rules) return masked.Status();
              return RevisePanel(p, PanelUpdatable().Apply(paths, given, p.details), *rules, platform::NewId,
                                 revision, "panel.", std::move(masked));
            },
            [&](const Panel& p, soci::session& tx) { call.Audit(tx, kPanel, p.id); }));
    *response = ToProto(updated, TodaysRules());
    return absl::OkStatus();
  });
}

grpc::Status PanelApi::CreateMeeting(Ctx* ctx, const pb::CreateMeetingRequest* request, pb::Meeting* response) {
  return rpc_->Run(ctx, "CreateMeeting", [&](Call& call) -> absl::Status {
    platform::Validation v;
    std::string panel_id = platform::IdFromName(request->parent(), "panels", "parent", v);
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_meeting(), "meeting", "is required");
    const pb::Meeting& in = request->meeting();
    // Status and attendance are ignored: a meeting is created SCHEDULED, nobody present yet.
    const size_t problems = v.violations().size();
    const platform::Date date = platform::DateFromProto(in.meeting_date(), "meeting.meeting_date", v);
    // The quorum rule of the meeting's day; a violation when none was in force.
    std::optional<PanelRules> rules;
    if (v.violations().size() == problems) rules = RulesOn(date, "meeting.meeting_date", v);
    Meeting draft =
        ScheduleMeeting("", panel_id, date, in.case_capacity(), call.principal().subject, clock_->NowMicros());
    draft.mode = ModeFromProto(in.mode(), "meeting.mode", v);
    ValidateMeeting(draft, "meeting.", v);
    RETURN_IF_ERROR(v.Status());

    Meeting created;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      auto p = panels_->Get(tx, panel_id);
      if (!p) return platform::NotFound(request->parent());
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request, [&] {
        Meeting m = draft;
        m.id = platform::NewId();
        m.quorate = AssessQuorum(p->details, m.attendance, {}, *rules, m.meeting_date).quorate;
        meetings_->Insert(tx, m);
        return absl::StatusOr<std::string>(m.id);
      }));
      auto m = meetings_->Get(tx, id);
      if (!m) return absl::InternalError("meeting recorded under this request_id is missing");
      call.Audit(tx, kMeeting, id);
      created = *std::move(m);
      return absl::OkStatus();
    }));
    *response = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status PanelApi::GetMeeting(Ctx* ctx, const pb::GetMeetingRequest* request, pb::Meeting* response) {
  return rpc_->Run(ctx, "GetMeeting", [&](Call& call) -> absl::Status {
    platform::Validation v;
    auto [panel_id, meeting_id] = platform::IdsFromName(request->name(), {"panels", "meetings"}, "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      auto m = meetings_->Get(sql, meeting_id);
      if (!m || m->panel_id != panel_id) return platform::NotFound(request->name());
      RETURN_IF_ERROR(RevealMeeting(call, sql, *m, request->name()));
      call.AuditRead(kMeeting, meeting_id);
      *response = ToProto(*m);
      return absl::OkStatus();
    });
  });
}

grpc::Status PanelApi::ListMeetings(Ctx* ctx, const pb::ListMeetingsRequest* request,
                                    pb::ListMeetingsResponse* response) {
  return rpc_->Run(ctx, "ListMeetings", [&](Call& call) -> absl::Status {
    platform::Validation v;
    MeetingQuery query;
    // "panels/-" lists every panel's meetings (AIP-159).
    if (request->parent() != "panels/-") {
      query.panel_id = platform::IdFromName(request->parent(), "panels", "parent", v);
    }
    query.page = call.ParsePage(request->page_size(), request->page_token(),
                                absl::StrCat(request->parent(), "\n", request->filter()), v);
    query.coverage = call.coverage();
    platform::Filter filter = platform::ParseFilter(request->filter(), {"status", "meeting_date"}, v);
    query.status = platform::EnumFilter<MeetingStatus>(filter, "status", pb::MeetingStatus_descriptor(), v);
    if (const std::string* d = filter.Find("meeting_date")) {
      auto date = platform::ParseDate(*d);
      if (date.ok()) {
        query.meeting_date = *date;
      } else {
        v.Add("filter", "meeting_date must be a date such as \"2025-04-01\"");
      }
    }
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      if (query.panel_id && !panels_->Get(sql, *query.panel_id)) return platform::NotFound(request->parent());
      std::vector<Meeting> page = meetings_->List(sql, query);
      for (const auto& m : page) {
        call.AuditRead(kMeeting, m.id);
        *response->add_meetings() = ToProto(m);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

grpc::Status PanelApi::UpdateMeeting(Ctx* ctx, const pb::UpdateMeetingRequest* request, pb::Meeting* response) {
  return rpc_->Run(ctx, "UpdateMeeting", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const pb::Meeting& in = request->meeting();
    auto [panel_id, meeting_id] = platform::IdsFromName(in.name(), {"panels", "meetings"}, "meeting.name", v);
    long long version = platform::ParseEtag(in.etag(), "meeting.etag", v);
    std::set<std::string> paths = platform::MaskPaths(request->update_mask(), MeetingUpdatable().paths(), v);
    RETURN_IF_ERROR(v.Status());

    ASSIGN_OR_RETURN(
        Meeting updated,
        platform::ChangeRecord(
            call, *db_, *meetings_, in.name(), meeting_id, version,
            [](const Meeting&) { return platform::RecordScope{}; },
            [&](Meeting& m, soci::session& tx) -> absl::Status {
              if (m.panel_id != panel_id) return platform::NotFound(in.name());
              auto p = panels_->Get(tx, panel_id);
              if (!p) return absl::InternalError("the meeting's panel is missing");
              // Read every field, then take the masked ones: only violations in masked
              // fields count. The quorum rule is the one in force on the (revised) date.
              platform::Validation fields;
              Meeting given = MeetingFromProto(in, "meeting.", fields);
              platform::Validation masked = platform::MaskedViolations(fields, "meeting.", paths);
              RETURN_IF_ERROR(masked.Status());
              Meeting revised = MeetingUpdatable().Apply(paths, given, m);
              std::optional<PanelRules> rules = RulesOn(revised.meeting_date, "meeting.meeting_date", masked);
              if (!rules) return masked.Status();
              return ReviseMeeting(m, revised, p->details, *rules,
                                   platform::RevisionBy(call.principal().subject, *clock_), "meeting.",
                                   std::move(masked));
            },
            [&](const Meeting& m, soci::session& tx) { call.Audit(tx, kMeeting, m.id); }));
    *response = ToProto(updated);
    return absl::OkStatus();
  });
}

}  // namespace panel
