#include "recruitment-svc/api/recruitment_api.h"

#include <soci/soci.h>

#include "platform/db/db.h"
#include "platform/core/ids.h"
#include "platform/rpc/change.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/resource.h"
#include "platform/core/status_macros.h"
#include "platform/core/text.h"
#include "platform/server/log.h"
#include "platform/rpc/update_mask.h"
#include "recruitment-svc/api/household_mapping.h"
#include "recruitment-svc/api/information_session_mapping.h"
#include "recruitment-svc/api/registration_pause_mapping.h"

namespace recruitment {

namespace pb = adoption::recruitment::v1;
using platform::Call;
using platform::Reach;
using platform::Role;

const platform::PolicyTable& Policies() {
  static const std::vector<platform::Grant> kJourneyVerb = {{Role::kRecruitmentWorker, Reach::kLocalAuthorities},
                                                            {Role::kManager, Reach::kAgency}};
  // Workers reach the households of their local authorities; the panel's adviser and
  // the ADM hear cases from every borough of the agency; an adopter reaches their own;
  // our own services (a `service` token) read a household before acting on it.
  static const platform::PolicyTable table({
      {"CreateHousehold", {{Role::kRecruitmentWorker, Reach::kLocalAuthorities}}},
      {"GetHousehold",
       {{Role::kRecruitmentWorker, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency},
        {Role::kPanelAdviser, Reach::kAgency},
        {Role::kDecisionMaker, Reach::kAgency},
        {Role::kAdopter, Reach::kHousehold},
        // panel-svc asks whether a household awaits the decision it is to record.
        {Role::kService, Reach::kAgency}}},
      {"ListHouseholds",
       {{Role::kRecruitmentWorker, Reach::kLocalAuthorities},
        {Role::kManager, Reach::kAgency},
        {Role::kAdopter, Reach::kHousehold}}},
      {"UpdateHousehold", {{Role::kRecruitmentWorker, Reach::kLocalAuthorities}}},
      // The journey's verbs: the household's workers, and the agency's managers.
      {"RecordInitialVisit", kJourneyVerb},
      {"ReceiveRegistrationOfInterest", kJourneyVerb},
      {"DecideRegistrationOfInterest", kJourneyVerb},
      {"StartStageOne", kJourneyVerb},
      {"CompleteStageOne", kJourneyVerb},
      {"StartBreak", kJourneyVerb},
      {"StartStageTwo", kJourneyVerb},
      {"ReferHouseholdToPanel", kJourneyVerb},
      {"WithdrawHousehold", kJourneyVerb},
      {"CounselOutHousehold", kJourneyVerb},
      {"RecordStageOneCheck", kJourneyVerb},
      {"RecordStageTwoProgress", kJourneyVerb},
      {"BookInformationSession", kJourneyVerb},
      {"RecordInformationSessionAttendance", kJourneyVerb},
      // Sessions hold no personal data: the agency's recruitment staff share them.
      {"CreateInformationSession", platform::AgencyWide({Role::kRecruitmentWorker, Role::kManager})},
      {"GetInformationSession", platform::AgencyWide({Role::kRecruitmentWorker, Role::kManager})},
      {"ListInformationSessions", platform::AgencyWide({Role::kRecruitmentWorker, Role::kManager})},
      // Pausing registrations is a manager's decision; workers see the pauses.
      {"CreateRegistrationPause", platform::AgencyWide({Role::kManager})},
      {"EndRegistrationPause", platform::AgencyWide({Role::kManager})},
      {"ListRegistrationPauses", platform::AgencyWide({Role::kRecruitmentWorker, Role::kManager})},
      // Bringing in the old system's history is a manager's act (`adoptctl import`).
      {"ImportHousehold", platform::AgencyWide({Role::kManager})},
      // Figures over the households the caller reaches: a worker's boroughs, a manager's agency.
      {"ReportAdopterFunnel", kJourneyVerb},
      {"ReportHouseholdStages", kJourneyVerb},
      {"ReportApprovedNotMatched", kJourneyVerb},
      {"ReportRoiCohort", kJourneyVerb},
      {"ReportWithdrawals", kJourneyVerb},
      {"ReportAssessmentTimeliness", kJourneyVerb},
      {"ReportMatchWaits", kJourneyVerb},
      {"ReportApprovals", kJourneyVerb},
      {"ReportAdopterPlacements", kJourneyVerb},
  });
  return table;
}

// familyfinding keeps a read model of households; the other contexts learn of
// households through panel decisions.
const platform::EventVisibility& EventVisibility() {
  static const platform::EventVisibility visibility = {
      {"familyfinding", {"adoption.events.v1.HouseholdRegistered", "adoption.events.v1.HouseholdDetailsChanged",
                         "adoption.events.v1.HouseholdStatusChanged", "adoption.events.v1.RecordDisposed"}},
      {"panel", {"adoption.events.v1.HouseholdReferredToPanel", "adoption.events.v1.RecordDisposed"}},
  };
  return visibility;
}

void AddGauges(platform::DatabaseGauges& gauges, HouseholdStore* households, const platform::Clock* clock) {
  gauges.Add("recruitment_households_overdue",
             "Households with a journey clock (ROI decision, Stage 1, break, Stage 2, ROI to approval) past its due "
             "date.",
             [households, clock](soci::session& sql) -> absl::StatusOr<double> {
               return static_cast<double>(households->CountOverdue(sql, clock->Today()));
             });
  gauges.AddEach("recruitment_households", "Households by the stage of their journey: the adopters' pipeline.",
                 "status", [households](soci::session& sql) -> absl::StatusOr<std::map<std::string, double>> {
                   std::vector<std::string> names;
                   for (int i = 0; i <= static_cast<int>(HouseholdStatus::kRoiDeclined); ++i) {
                     names.push_back(StatusName(static_cast<HouseholdStatus>(i)));
                   }
                   return platform::CountsByName(names, households->CountByStatus(sql));
                 });
}

namespace {
constexpr char kSessionResource[] = "information_session";
constexpr char kPauseResource[] = "registration_pause";

// The fields UpdateHousehold may change. The status is not one: verbs move it.
const platform::UpdatableFields<HouseholdDetails>& Updatable() {
  static const platform::UpdatableFields<HouseholdDetails> fields({
      {"applicants", &HouseholdDetails::applicants},
      {"family_structure", &HouseholdDetails::family_structure},
      {"home_local_authority", &HouseholdDetails::home_local_authority},
      {"enquiry_date", &HouseholdDetails::enquiry_date},
      {"second_time_adopters", &HouseholdDetails::second_time_adopters},
      {"foster_carers", &HouseholdDetails::foster_carers},
      {"connected_persons", &HouseholdDetails::connected_persons},
      {"early_permanence_interest", &HouseholdDetails::early_permanence_interest},
      {"route", &HouseholdDetails::route},
  });
  return fields;
}

// Staff see case notes; a household's own adopters see their record without them.
bool SeesCaseNotes(const platform::Principal& p) {
  return p.Has(Role::kRecruitmentWorker) || p.Has(Role::kManager) || p.Has(Role::kPanelAdviser) ||
         p.Has(Role::kDecisionMaker);
}

}  // namespace

grpc::Status RecruitmentApi::CreateHousehold(Ctx* ctx, const pb::CreateHouseholdRequest* request,
                                             pb::Household* response) {
  return rpc_->Run(ctx, "CreateHousehold", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_household(), "household", "is required");
    HouseholdDetails details = DetailsFromProto(request->household(), "household.", v);
    ValidateDetails(details, clock_->Today(), "household.", v);
    RETURN_IF_ERROR(v.Status());
    RETURN_IF_ERROR(call.MayHold(HouseholdScope("", details)));

    Household created;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      std::optional<Household> fresh;
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request, [&] {
        fresh = RegisterHousehold(platform::NewId(), details, call.principal().subject, clock_->NowMicros());
        households_->Insert(tx, *fresh);
        call.Emit(tx, kHouseholdResource, fresh->id, RegisteredEvent(*fresh));
        return absl::StatusOr<std::string>(fresh->id);
      }));
      // A retry returns what the first call made; a new household is returned as written.
      std::optional<Household> h = fresh ? fresh : households_->Get(tx, id);
      if (!h) return absl::InternalError("household recorded under this request_id is missing");
      RETURN_IF_ERROR(call.MayHold(HouseholdScope(h->id, h->details)));
      call.Audit(tx, kHouseholdResource, id);
      created = *std::move(h);
      return absl::OkStatus();
    }));
    *response = Shown(created, call);  // as a Get shows it: clocks, retention
    return absl::OkStatus();
  });
}

grpc::Status RecruitmentApi::GetHousehold(Ctx* ctx, const pb::GetHouseholdRequest* request,
                                          pb::Household* response) {
  return rpc_->Run(ctx, "GetHousehold", [&](Call& call) -> absl::Status {
    platform::Validation v;
    std::string id = platform::IdFromName(request->name(), "households", "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      auto h = households_->Get(sql, id);
      if (!h) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal(HouseholdScope(h->id, h->details), request->name()));
      call.AuditRead(kHouseholdResource, id);
      *response = Shown(*h, call);
      return absl::OkStatus();
    });
  });
}

grpc::Status RecruitmentApi::ListHouseholds(Ctx* ctx, const pb::ListHouseholdsRequest* request,
                                            pb::ListHouseholdsResponse* response) {
  return rpc_->Run(ctx, "ListHouseholds", [&](Call& call) -> absl::Status {
    platform::Validation v;
    HouseholdQuery query;
    query.page = call.ParsePage(request->page_size(), request->page_token(), request->filter(), v);
    platform::Filter filter =
        platform::ParseFilter(request->filter(),
                              {"status", "home_local_authority", "family_structure", "overdue", "waiting"}, v);
    query.status = platform::EnumFilter<HouseholdStatus>(filter, "status", pb::HouseholdStatus_descriptor(), v);
    if (const std::string* la = filter.Find("home_local_authority")) query.home_local_authority = *la;
    if (const std::string* waiting = filter.Find("waiting")) {
      query.waiting = v.Check(*waiting == "true", "filter", "waiting takes only true (waiting = true)");
    }
    if (const std::string* overdue = filter.Find("overdue")) {
      if (v.Check(*overdue == "true", "filter", "overdue takes only true (overdue = true)")) {
        query.overdue_on = clock_->Today();
      }
    }
    query.family_structure =
        platform::EnumFilter<FamilyStructure>(filter, "family_structure", pb::FamilyStructure_descriptor(), v);
    RETURN_IF_ERROR(v.Status());
    query.coverage = call.coverage();
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<Household> page = households_->List(sql, query);
      for (const auto& h : page) {
        call.AuditRead(kHouseholdResource, h.id);
        *response->add_households() = Shown(h, call);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

grpc::Status RecruitmentApi::UpdateHousehold(Ctx* ctx, const pb::UpdateHouseholdRequest* request,
                                             pb::Household* response) {
  return rpc_->Run(ctx, "UpdateHousehold", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const pb::Household& in = request->household();
    std::string id = platform::IdFromName(in.name(), "households", "household.name", v);
    long long version = platform::ParseEtag(in.etag(), "household.etag", v);
    std::set<std::string> paths = platform::MaskPaths(request->update_mask(), Updatable().paths(), v);
    RETURN_IF_ERROR(v.Status());

    ASSIGN_OR_RETURN(
        Household updated,
        platform::ChangeRecord(
            call, *db_, *households_, in.name(), id, version,
            [](const Household& h) { return HouseholdScope(h.id, h.details); },
            [&](Household& h, soci::session&) {
              // Read every field so shape errors are reported, then take the masked ones;
              // only violations in masked fields count, and the result is judged whole.
              platform::Validation fields;
              HouseholdDetails given = DetailsFromProto(in, "household.", fields);
              return ReviseHousehold(h, Updatable().Apply(paths, given, h.details),
                                     platform::RevisionBy(call.principal().subject, *clock_), "household.",
                                     platform::MaskedViolations(fields, "household.", paths));
            },
            [&](const Household& h, soci::session& tx) {
              call.Emit(tx, kHouseholdResource, h.id, DetailsChangedEvent(h));
              call.Audit(tx, kHouseholdResource, h.id);
            }));
    *response = Shown(updated, call);
    return absl::OkStatus();
  });
}

pb::Household ShownToStaff(const Household& h, const platform::StatutoryTable& statutory, platform::Date today) {
  pb::Household p = ToProto(h);
  if (std::optional<platform::Date> until = RetainUntil(h, statutory)) {
    *p.mutable_retain_until() = platform::DateToProto(*until);
  }
  auto clocks = Clocks(h, statutory, platform::WorkingDayCalendar::EnglandAndWales(), today);
  if (clocks.ok()) {
    AddClocks(*clocks, p);
  } else {
    // A journey dated outside the calendar's years still reads; its clocks cannot.
    platform::log::Warn("clocks_unavailable", {{"household", h.id}, {"why", std::string(clocks.status().message())}});
  }
  return p;
}

pb::Household RecruitmentApi::Shown(const Household& h, const Call& call) const {
  pb::Household p = ShownToStaff(h, *statutory_, clock_->Today());
  if (!SeesCaseNotes(call.principal())) WithoutCaseNotes(p);
  return p;
}

absl::StatusOr<JourneyRules> RecruitmentApi::RulesOn(platform::Date day) const {
  auto rules = JourneyRules::On(*statutory_, day);
  if (!rules.ok()) {
    platform::Validation v;
    v.Add("effective_date", absl::StrCat("no recruitment rules were in force on ", platform::FormatDate(day), " (",
                                         rules.status().message(), ")"));
    return v.Status();
  }
  return *rules;
}

absl::Status RecruitmentApi::Change(Call& call, const std::string& name, long long version,
                                    const ChangeFn& change, pb::Household* response) {
  platform::Validation v;
  std::string id = platform::IdFromName(name, "households", "name", v);
  RETURN_IF_ERROR(v.Status());
  size_t steps = 0;
  ASSIGN_OR_RETURN(
      Household changed,
      platform::ChangeRecord(
          call, *db_, *households_, name, id, version, [](const Household& h) { return HouseholdScope(h.id, h.details); },
          [&](Household& h, soci::session& tx) -> absl::Status {
            steps = h.journey.size();
            RETURN_IF_ERROR(change(h, tx, platform::RevisionBy(call.principal().subject, *clock_)));
            ASSIGN_OR_RETURN(std::vector<JourneyClock> clocks,
                             Clocks(h, *statutory_, platform::WorkingDayCalendar::EnglandAndWales(), clock_->Today()));
            h.next_due = NextDue(clocks);
            return absl::OkStatus();
          },
          [&](const Household& h, soci::session& tx) {
            // Family finding and the panel follow the status, not decisions that keep it.
            if (h.journey.size() > steps && h.journey.back().from != h.journey.back().to) {
              call.Emit(tx, kHouseholdResource, h.id, StatusChangedEvent(h));
            }
            call.Audit(tx, kHouseholdResource, h.id);
          }));
  *response = Shown(changed, call);
  return absl::OkStatus();
}

grpc::Status RecruitmentApi::RecordStageOneCheck(Ctx* ctx, const pb::RecordStageOneCheckRequest* request,
                                                 pb::Household* response) {
  return rpc_->Run(ctx, "RecordStageOneCheck", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::IdFromName(request->name(), "households", "name", v);
    long long version = platform::ParseEtag(request->etag(), "etag", v);
    v.Check(request->has_check(), "check", "is required");
    StageOneCheck check = CheckFromProto(request->check(), "check.", v);
    RETURN_IF_ERROR(v.Status());
    return Change(
        call, request->name(), version,
        [&](Household& h, soci::session&, const platform::Revision& revision) {
          return RecordCheck(h, check, revision, "check.");
        },
        response);
  });
}

absl::Status RecruitmentApi::Step(Call& call, const std::string& name, const std::string& etag,
                                  const adoption::type::v1::Date& effective_date, JourneyEvent event,
                                  const std::string& reason, const std::string& reason_field, pb::Household* response,
                                  const AfterStep& then) {
  platform::Validation v;
  platform::IdFromName(name, "households", "name", v);
  long long version = platform::ParseEtag(etag, "etag", v);
  const platform::Date date = platform::DateFromProto(effective_date, "effective_date", v);
  Move move{.event = event,
            .date = date,
            .reason = platform::CleanText(reason, platform::TextKind::kSingleLine, reason_field, v),
            .reason_field = reason_field};
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(JourneyRules rules, RulesOn(date));
  return Change(
      call, name, version,
      [&](Household& h, soci::session& tx, const platform::Revision& revision) -> absl::Status {
        RETURN_IF_ERROR(TakeStep(h, move, StepOrigin::kRecruitment, rules, revision));
        return then ? then(h, call, tx) : absl::OkStatus();
      },
      response);
}

grpc::Status RecruitmentApi::RecordInitialVisit(Ctx* ctx, const pb::RecordInitialVisitRequest* request,
                                                pb::Household* response) {
  return rpc_->Run(ctx, "RecordInitialVisit", [&](Call& call) {
    return Step(call, request->name(), request->etag(), request->effective_date(), JourneyEvent::kInitialVisit, "",
                "reason", response);
  });
}

grpc::Status RecruitmentApi::ReceiveRegistrationOfInterest(Ctx* ctx,
                                                           const pb::ReceiveRegistrationOfInterestRequest* request,
                                                           pb::Household* response) {
  return rpc_->Run(ctx, "ReceiveRegistrationOfInterest", [&](Call& call) {
    // A pause on new registrations in force that day refuses the ROI.
    return Step(call, request->name(), request->etag(), request->effective_date(), JourneyEvent::kRoiReceived, "",
                "reason", response, [&](Household& h, Call&, soci::session& tx) -> absl::Status {
                  const platform::Date received = h.journey.back().date;
                  for (const RegistrationPause& pause : pauses_->InForceOn(tx, received)) {
                    RETURN_IF_ERROR(RefusedByPause(pause, received));
                  }
                  return absl::OkStatus();
                });
  });
}

grpc::Status RecruitmentApi::DecideRegistrationOfInterest(Ctx* ctx,
                                                          const pb::DecideRegistrationOfInterestRequest* request,
                                                          pb::Household* response) {
  return rpc_->Run(ctx, "DecideRegistrationOfInterest", [&](Call& call) {
    return Step(call, request->name(), request->etag(), request->effective_date(),
                request->accepted() ? JourneyEvent::kRoiAccepted : JourneyEvent::kRoiDeclined,
                request->decline_reason(), "decline_reason", response);
  });
}

grpc::Status RecruitmentApi::StartStageOne(Ctx* ctx, const pb::StartStageOneRequest* request,
                                           pb::Household* response) {
  return rpc_->Run(ctx, "StartStageOne", [&](Call& call) {
    return Step(call, request->name(), request->etag(), request->effective_date(), JourneyEvent::kStageOneStarted, "",
                "reason", response);
  });
}

grpc::Status RecruitmentApi::CompleteStageOne(Ctx* ctx, const pb::CompleteStageOneRequest* request,
                                              pb::Household* response) {
  return rpc_->Run(ctx, "CompleteStageOne", [&](Call& call) {
    return Step(call, request->name(), request->etag(), request->effective_date(), JourneyEvent::kStageOneCompleted,
                "", "reason", response);
  });
}

grpc::Status RecruitmentApi::StartBreak(Ctx* ctx, const pb::StartBreakRequest* request, pb::Household* response) {
  return rpc_->Run(ctx, "StartBreak", [&](Call& call) {
    return Step(call, request->name(), request->etag(), request->effective_date(), JourneyEvent::kBreakStarted,
                request->reason(), "reason", response);
  });
}

grpc::Status RecruitmentApi::StartStageTwo(Ctx* ctx, const pb::StartStageTwoRequest* request,
                                           pb::Household* response) {
  return rpc_->Run(ctx, "StartStageTwo", [&](Call& call) {
    return Step(call, request->name(), request->etag(), request->effective_date(), JourneyEvent::kStageTwoStarted, "",
                "reason", response);
  });
}

grpc::Status RecruitmentApi::ReferHouseholdToPanel(Ctx* ctx, const pb::ReferHouseholdToPanelRequest* request,
                                                   pb::Household* response) {
  return rpc_->Run(ctx, "ReferHouseholdToPanel", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::IdFromName(request->name(), "households", "name", v);
    long long version = platform::ParseEtag(request->etag(), "etag", v);
    const platform::Date date = platform::DateFromProto(request->effective_date(), "effective_date", v);
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(JourneyRules rules, RulesOn(date));
    return Change(
        call, request->name(), version,
        [&](Household& h, soci::session& tx, const platform::Revision& revision) -> absl::Status {
          RETURN_IF_ERROR(ReferToPanel(h, date, request->dual_approval_sought(), rules, revision));
          call.Emit(tx, kHouseholdResource, h.id, ReferredToPanelEvent(h));
          return absl::OkStatus();
        },
        response);
  });
}

grpc::Status RecruitmentApi::RecordStageTwoProgress(Ctx* ctx, const pb::RecordStageTwoProgressRequest* request,
                                                    pb::Household* response) {
  return rpc_->Run(ctx, "RecordStageTwoProgress", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::IdFromName(request->name(), "households", "name", v);
    long long version = platform::ParseEtag(request->etag(), "etag", v);
    v.Check(request->has_progress(), "progress", "is required");
    StageTwoProgress progress = StageTwoFromProto(request->progress(), "progress.", v);
    RETURN_IF_ERROR(v.Status());
    return Change(
        call, request->name(), version,
        [&](Household& h, soci::session&, const platform::Revision& revision) {
          return RecordStageTwo(h, progress, revision, "progress.");
        },
        response);
  });
}

grpc::Status RecruitmentApi::WithdrawHousehold(Ctx* ctx, const pb::WithdrawHouseholdRequest* request,
                                               pb::Household* response) {
  return rpc_->Run(ctx, "WithdrawHousehold", [&](Call& call) {
    return Step(call, request->name(), request->etag(), request->effective_date(), JourneyEvent::kWithdrawn,
                request->reason(), "reason", response);
  });
}

grpc::Status RecruitmentApi::CounselOutHousehold(Ctx* ctx, const pb::CounselOutHouseholdRequest* request,
                                                 pb::Household* response) {
  return rpc_->Run(ctx, "CounselOutHousehold", [&](Call& call) {
    // The contract's enum by name; UNSPECIFIED (or a number it does not know) is no reason.
    const pb::CounsellingOutReason reason = request->reason();
    std::string name;
    if (reason != pb::COUNSELLING_OUT_REASON_UNSPECIFIED && pb::CounsellingOutReason_IsValid(reason)) {
      name = CounsellingOutReasonName(static_cast<CounsellingOutReason>(reason - 1));
    }
    return Step(call, request->name(), request->etag(), request->effective_date(), JourneyEvent::kCounselledOut, name,
                "reason", response);
  });
}

grpc::Status RecruitmentApi::CreateInformationSession(Ctx* ctx, const pb::CreateInformationSessionRequest* request,
                                                      pb::InformationSession* response) {
  return rpc_->Run(ctx, "CreateInformationSession", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_information_session(), "information_session", "is required");
    InformationSessionDetails details =
        SessionDetailsFromProto(request->information_session(), "information_session.", v);
    ValidateSession(details, "information_session.", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      std::optional<InformationSession> fresh;
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request, [&] {
        fresh = ScheduleSession(platform::NewId(), details, call.principal().subject, clock_->NowMicros());
        sessions_->Insert(tx, *fresh);
        return absl::StatusOr<std::string>(fresh->id);
      }));
      std::optional<InformationSession> s = fresh ? fresh : sessions_->Get(tx, id);
      if (!s) return absl::InternalError("information session recorded under this request_id is missing");
      call.Audit(tx, kSessionResource, s->id);
      *response = ToProto(*s);
      return absl::OkStatus();
    });
  });
}

grpc::Status RecruitmentApi::GetInformationSession(Ctx* ctx, const pb::GetInformationSessionRequest* request,
                                                   pb::InformationSession* response) {
  return rpc_->Run(ctx, "GetInformationSession", [&](Call& call) -> absl::Status {
    platform::Validation v;
    std::string id = platform::IdFromName(request->name(), "informationSessions", "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      auto s = sessions_->Get(sql, id);
      if (!s) return platform::NotFound(request->name());
      call.AuditRead(kSessionResource, id);
      *response = ToProto(*s);
      return absl::OkStatus();
    });
  });
}

grpc::Status RecruitmentApi::ListInformationSessions(Ctx* ctx, const pb::ListInformationSessionsRequest* request,
                                                     pb::ListInformationSessionsResponse* response) {
  return rpc_->Run(ctx, "ListInformationSessions", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::Page page = call.ParsePage(request->page_size(), request->page_token(), "", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<InformationSession> sessions = sessions_->List(sql, page);
      for (const auto& s : sessions) *response->add_information_sessions() = ToProto(s);
      response->set_next_page_token(platform::NextPageToken(sessions, page));
      return absl::OkStatus();
    });
  });
}

grpc::Status RecruitmentApi::BookInformationSession(Ctx* ctx, const pb::BookInformationSessionRequest* request,
                                                    pb::Household* response) {
  return rpc_->Run(ctx, "BookInformationSession", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::IdFromName(request->name(), "households", "name", v);
    long long version = platform::ParseEtag(request->etag(), "etag", v);
    std::string session_id =
        platform::IdFromName(request->information_session(), "informationSessions", "information_session", v);
    const platform::Date booked_on = platform::DateFromProto(request->effective_date(), "effective_date", v);
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(JourneyRules rules, RulesOn(booked_on));
    return Change(
        call, request->name(), version,
        [&](Household& h, soci::session& tx, const platform::Revision& revision) -> absl::Status {
          auto session = sessions_->Get(tx, session_id);
          if (!session) return platform::NotFound(request->information_session());
          const long long session_version = session->version;
          ASSIGN_OR_RETURN(SessionBooking booking,
                           BookSession(h, *session, sessions_->FindBooking(tx, session_id, h.id), booked_on, rules,
                                       revision));
          if (!sessions_->Update(tx, *session, session_version)) {
            return platform::ChangedDuringUpdate(request->information_session());
          }
          sessions_->InsertBooking(tx, booking);
          call.Audit(tx, kSessionResource, session_id);
          return absl::OkStatus();
        },
        response);
  });
}

grpc::Status RecruitmentApi::RecordInformationSessionAttendance(
    Ctx* ctx, const pb::RecordInformationSessionAttendanceRequest* request, pb::Household* response) {
  return rpc_->Run(ctx, "RecordInformationSessionAttendance", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::IdFromName(request->name(), "households", "name", v);
    long long version = platform::ParseEtag(request->etag(), "etag", v);
    std::string session_id =
        platform::IdFromName(request->information_session(), "informationSessions", "information_session", v);
    RETURN_IF_ERROR(v.Status());
    return Change(
        call, request->name(), version,
        [&](Household& h, soci::session& tx, const platform::Revision& revision) -> absl::Status {
          auto session = sessions_->Get(tx, session_id);
          if (!session) return platform::NotFound(request->information_session());
          ASSIGN_OR_RETURN(JourneyRules rules, RulesOn(session->details.session_date));
          const long long session_version = session->version;
          std::optional<SessionBooking> booking = sessions_->FindBooking(tx, session_id, h.id);
          RETURN_IF_ERROR(AttendSession(h, *session, booking, rules, revision));
          if (!sessions_->Update(tx, *session, session_version)) {
            return platform::ChangedDuringUpdate(request->information_session());
          }
          sessions_->UpdateBooking(tx, *booking);
          call.Audit(tx, kSessionResource, session_id);
          return absl::OkStatus();
        },
        response);
  });
}

grpc::Status RecruitmentApi::CreateRegistrationPause(Ctx* ctx, const pb::CreateRegistrationPauseRequest* request,
                                                     pb::RegistrationPause* response) {
  return rpc_->Run(ctx, "CreateRegistrationPause", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_registration_pause(), "registration_pause", "is required");
    RegistrationPauseDetails details = PauseDetailsFromProto(request->registration_pause(), "registration_pause.", v);
    ValidatePause(details, "registration_pause.", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      std::optional<RegistrationPause> fresh;
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request, [&] {
        fresh = PauseRegistrations(platform::NewId(), details, call.principal().subject, clock_->NowMicros());
        pauses_->Insert(tx, *fresh);
        return absl::StatusOr<std::string>(fresh->id);
      }));
      std::optional<RegistrationPause> p = fresh ? fresh : pauses_->Get(tx, id);
      if (!p) return absl::InternalError("registration pause recorded under this request_id is missing");
      call.Audit(tx, kPauseResource, p->id);
      *response = ToProto(*p);
      return absl::OkStatus();
    });
  });
}

grpc::Status RecruitmentApi::ListRegistrationPauses(Ctx* ctx, const pb::ListRegistrationPausesRequest* request,
                                                    pb::ListRegistrationPausesResponse* response) {
  return rpc_->Run(ctx, "ListRegistrationPauses", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::Page page = call.ParsePage(request->page_size(), request->page_token(), "", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<RegistrationPause> pauses = pauses_->List(sql, page);
      for (const auto& p : pauses) *response->add_registration_pauses() = ToProto(p);
      response->set_next_page_token(platform::NextPageToken(pauses, page));
      return absl::OkStatus();
    });
  });
}

grpc::Status RecruitmentApi::EndRegistrationPause(Ctx* ctx, const pb::EndRegistrationPauseRequest* request,
                                                  pb::RegistrationPause* response) {
  return rpc_->Run(ctx, "EndRegistrationPause", [&](Call& call) -> absl::Status {
    platform::Validation v;
    std::string id = platform::IdFromName(request->name(), "registrationPauses", "name", v);
    long long version = platform::ParseEtag(request->etag(), "etag", v);
    const platform::Date last_day = platform::DateFromProto(request->end_date(), "end_date", v);
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(
        RegistrationPause ended,
        platform::ChangeRecord(
            call, *db_, *pauses_, request->name(), id, version,
            [](const RegistrationPause&) { return platform::RecordScope{}; },
            [&](RegistrationPause& p, soci::session&) {
              return EndPause(p, last_day, platform::RevisionBy(call.principal().subject, *clock_));
            },
            [&](const RegistrationPause& p, soci::session& tx) { call.Audit(tx, kPauseResource, p.id); }));
    *response = ToProto(ended);
    return absl::OkStatus();
  });
}

}  // namespace recruitment
