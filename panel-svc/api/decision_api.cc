// PanelService's decisions: read them, and import the old system's (docs/import.md).
// A decision is published to the contexts that follow it in the same transaction
// that records it (the outbox), so it reaches them exactly once.
#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "panel-svc/api/agenda_mapping.h"
#include "panel-svc/api/decision_mapping.h"
#include "panel-svc/api/panel_api.h"
#include "platform/core/ids.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/change.h"
#include "platform/rpc/import.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/resource.h"

namespace panel {

namespace pb = adoption::panel::v1;
using platform::Call;

namespace {

// The kinds the old system's extract carries so far (docs/import.md): the agency's
// decisions on its adopters.
bool Imported(DecisionKind kind) { return kind != DecisionKind::kApprovalReview; }

// Decisions that need no recommendation (docs/domain.md §3): a change of plan, and a
// should-be-placed decision for a child not relinquished.
bool WithoutPanel(DecisionKind kind) {
  return kind == DecisionKind::kPlanChange || kind == DecisionKind::kShouldBePlaced;
}
}  // namespace

std::optional<DecisionRules> PanelApi::DecisionRulesOn(platform::Date day, platform::Validation& v) const {
  auto in_force = DecisionRules::On(*statutory_, day);
  if (in_force.ok()) return *in_force;
  v.Add("decision.decision_date",
        absl::StrCat("no decision timescales were in force on ", platform::FormatDate(day)));
  return std::nullopt;
}

namespace {
// The decision's deadlines (DeriveDeadlines); a date beyond the calendar is the
// request's decision_date.
absl::Status Derive(Decision& d, const DecisionRules& rules, platform::Date today) {
  absl::Status derived = DeriveDeadlines(d, rules, platform::WorkingDayCalendar::EnglandAndWales(), today);
  if (derived.ok()) return derived;
  return platform::InvalidArgument({{"decision.decision_date", std::string(derived.message())}});
}
}  // namespace

absl::Status PanelApi::CheckHousehold(DecisionKind kind, Provenance provenance,
                                      const std::string& household_id) const {
  if (!OnHousehold(kind)) return absl::OkStatus();
  const std::string household = absl::StrCat("households/", household_id);
  ASSIGN_OR_RETURN(std::string status, households_->Status(household));
  return CheckHouseholdStatus(kind, provenance, household, status);
}

absl::Status PanelApi::CheckChildren(DecisionKind kind, const std::vector<std::string>& child_ids, bool with_panel,
                                     const std::string* decision_maker_local_authority) const {
  if (!OnChildren(kind)) return absl::OkStatus();
  std::vector<ChildFacts> children;
  for (const auto& id : child_ids) {
    ASSIGN_OR_RETURN(ChildFacts facts, children_->Facts(absl::StrCat("children/", id)));
    RETURN_IF_ERROR(CheckChild(kind, with_panel, facts));
    children.push_back(std::move(facts));
  }
  if (decision_maker_local_authority) {
    RETURN_IF_ERROR(CheckChildrensAuthority(*decision_maker_local_authority, children));
  }
  return absl::OkStatus();
}

void PanelApi::Save(Call& call, soci::session& tx, const Decision& d) {
  decisions_->Insert(tx, d);
  for (const auto& event : PublishedEvents(d)) call.Emit(tx, kDecision, d.id, *event);
  call.Audit(tx, kDecision, d.id);
}

grpc::Status PanelApi::RecordDecision(Ctx* ctx, const pb::RecordDecisionRequest* request, pb::Decision* response) {
  return rpc_->Run(ctx, "RecordDecision", [&](Call& call) -> absl::Status {
    const platform::Date today = clock_->Today();
    platform::Validation v;
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_decision(), "decision", "is required");
    const size_t before = v.violations().size();
    Decision given = DecisionFromProto(request->decision(), "decision.", v);
    const bool readable = v.violations().size() == before;
    // The recommendation followed, named as GetRecommendation names it.
    std::string item_id;
    if (!given.recommendation.empty()) item_id = RecommendationIds(given.recommendation, "decision.recommendation", v)[2];
    if (readable) ValidateDecision(given, today, Provenance::kLive, "decision.", v);
    std::optional<DecisionRules> rules;
    if (v.ok()) rules = DecisionRulesOn(given.decision_date, v);
    RETURN_IF_ERROR(v.Status());
    // A retry is answered from what the first call recorded, without asking
    // recruitment-svc again (it may be down, and the household has moved on).
    std::optional<Decision> replayed;
    RETURN_IF_ERROR(db_->Read([&](soci::session& sql) -> absl::Status {
      ASSIGN_OR_RETURN(std::optional<std::string> id,
                       platform::CreatedBefore(sql, call, request->request_id(), *request));
      if (id) replayed = decisions_->Get(sql, *id);
      if (replayed) call.AuditRead(kDecision, replayed->id);
      return absl::OkStatus();
    }));
    if (replayed) {
      *response = ToProto(*replayed);
      return absl::OkStatus();
    }

    // A case the old system heard (ImportRecommendation): its household's referral
    // was the old system's too, so it is judged as an imported decision's is.
    bool heard_elsewhere = false;
    if (item_id.empty()) {
      if (!WithoutPanel(given.kind)) {
        return platform::FailedPrecondition(
            absl::StrCat("a ", DecisionKindName(given.kind), " decision follows the panel's recommendation"),
            {{"RECOMMENDATION", "decision.recommendation",
              "name the recommendation on the case (…/agendaItems/{id}/recommendation) with its final minutes"}});
      }
    } else {
      // The case heard, as the panel recorded it.
      std::optional<AgendaItem> item;
      std::optional<Meeting> meeting;
      std::optional<Recommendation> recommendation;
      std::optional<Panel> panel;
      RETURN_IF_ERROR(db_->Read([&](soci::session& sql) {
        item = agenda_->Get(sql, item_id);
        if (item) {
          meeting = meetings_->Get(sql, item->meeting_id);
          recommendation = agenda_->GetRecommendation(sql, item_id);
          panel = panels_->Get(sql, item->panel_id);
        }
        return absl::OkStatus();
      }));
      if (!item || !meeting || !recommendation || !panel || given.recommendation != RecommendationName(*item)) {
        return platform::FailedPrecondition(
            "the panel has made no such recommendation",
            {{"RECOMMENDATION", given.recommendation, "no recommendation is recorded under this name"}});
      }
      RETURN_IF_ERROR(FollowRecommendation(given, *item, *meeting, *recommendation));
      heard_elsewhere = item->imported();
      RETURN_IF_ERROR(CheckDecisionMaker(call.principal().subject, *item, *meeting, panel->details));
    }
    RETURN_IF_ERROR(CheckDecisionMakerSpeaksFor(given, call.principal().local_authorities));
    RETURN_IF_ERROR(Derive(given, *rules, today));
    RETURN_IF_ERROR(
        CheckHousehold(given.kind, heard_elsewhere ? Provenance::kImported : Provenance::kLive, given.household_id));
    RETURN_IF_ERROR(CheckChildren(given.kind, given.child_ids, !item_id.empty(), &given.decision_maker_local_authority));

    Decision recorded;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request,
                                                            [&]() -> absl::StatusOr<std::string> {
        // One decision per recommendation.
        if (!given.agenda_item_id.empty()) {
          if (auto other = decisions_->FindByAgendaItem(tx, given.agenda_item_id)) {
            return platform::FailedPrecondition(
                "the recommendation is already decided",
                {{"STATE", given.recommendation, absl::StrCat("decided by ", DecisionName(other->id))}});
          }
        }
        Decision d = given;
        d.id = platform::NewId();
        d.created_by = d.updated_by = call.principal().subject;
        d.created_at = d.updated_at = clock_->NowMicros();
        Save(call, tx, d);
        return d.id;
      }));
      auto stored = decisions_->Get(tx, id);
      if (!stored) return absl::InternalError("decision recorded under this request_id is missing");
      recorded = *std::move(stored);
      return absl::OkStatus();
    }));
    *response = ToProto(recorded);
    return absl::OkStatus();
  });
}

grpc::Status PanelApi::FinaliseDetermination(Ctx* ctx, const pb::FinaliseDeterminationRequest* request,
                                             pb::Decision* response) {
  return rpc_->Run(ctx, "FinaliseDetermination", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const std::string id = platform::IdFromName(request->name(), "decisions", "name", v);
    const long long version = platform::ParseEtag(request->etag(), "etag", v);
    RETURN_IF_ERROR(v.Status());
    // Decisions are the agency's own records: every grant reaches them all.
    ASSIGN_OR_RETURN(
        Decision finalised,
        platform::ChangeRecord(
            call, *db_, *decisions_, request->name(), id, version, [](const Decision&) { return platform::RecordScope{}; },
            [&](Decision& d, soci::session&) -> absl::Status {
              RETURN_IF_ERROR(panel::FinaliseDetermination(d, clock_->Today()));
              platform::Stamp(d, platform::RevisionBy(call.principal().subject, *clock_));
              return absl::OkStatus();
            },
            // Final now: the household's journey ends (recruitment-svc follows).
            [&](const Decision& d, soci::session& tx) {
              for (const auto& event : PublishedEvents(d)) call.Emit(tx, kDecision, d.id, *event);
              call.Audit(tx, kDecision, d.id);
            }));
    *response = ToProto(finalised);
    return absl::OkStatus();
  });
}

grpc::Status PanelApi::ReconsiderDetermination(Ctx* ctx, const pb::ReconsiderDeterminationRequest* request,
                                               pb::Decision* response) {
  return rpc_->Run(ctx, "ReconsiderDetermination", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const std::string id = platform::IdFromName(request->name(), "decisions", "name", v);
    const long long version = platform::ParseEtag(request->etag(), "etag", v);
    const platform::Date received =
        platform::DateFromProto(request->representations_date(), "representations_date", v);
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(
        Decision reconsidered,
        platform::ChangeRecord(
            call, *db_, *decisions_, request->name(), id, version, [](const Decision&) { return platform::RecordScope{}; },
            [&](Decision& d, soci::session&) -> absl::Status {
              RETURN_IF_ERROR(panel::ReconsiderDetermination(d, received, clock_->Today()));
              platform::Stamp(d, platform::RevisionBy(call.principal().subject, *clock_));
              return absl::OkStatus();
            },
            [&](const Decision& d, soci::session& tx) { call.Audit(tx, kDecision, d.id); }));
    *response = ToProto(reconsidered);
    return absl::OkStatus();
  });
}

grpc::Status PanelApi::GetDecision(Ctx* ctx, const pb::GetDecisionRequest* request, pb::Decision* response) {
  return rpc_->Run(ctx, "GetDecision", [&](Call& call) -> absl::Status {
    platform::Validation v;
    std::string id = platform::IdFromName(request->name(), "decisions", "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      auto d = decisions_->Get(sql, id);
      if (!d) return platform::NotFound(request->name());
      call.AuditRead(kDecision, id);
      *response = ToProto(*d);
      return absl::OkStatus();
    });
  });
}

grpc::Status PanelApi::ListDecisions(Ctx* ctx, const pb::ListDecisionsRequest* request,
                                     pb::ListDecisionsResponse* response) {
  return rpc_->Run(ctx, "ListDecisions", [&](Call& call) -> absl::Status {
    platform::Validation v;
    DecisionQuery query;
    query.page = call.ParsePage(request->page_size(), request->page_token(), request->filter(), v);
    platform::Filter filter =
        platform::ParseFilter(request->filter(),
                              {"kind", "outcome", "household", "child", "qualifying_determination",
                               "decision_maker_local_authority"},
                              v);
    query.kind = platform::EnumFilter<DecisionKind>(filter, "kind", pb::DecisionKind_descriptor(), v);
    query.outcome = platform::EnumFilter<DecisionOutcome>(filter, "outcome", pb::DecisionOutcome_descriptor(), v);
    if (const std::string* h = filter.Find("household")) query.household_id = platform::IdFromName(*h, "households", "filter", v);
    if (const std::string* c = filter.Find("child")) query.child_id = platform::IdFromName(*c, "children", "filter", v);
    query.qualifying_determination = platform::BoolFilter(filter, "qualifying_determination", v);
    if (const std::string* la = filter.Find("decision_maker_local_authority")) {
      query.decision_maker_local_authority = *la;
    }
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<Decision> page = decisions_->List(sql, query);
      for (const auto& d : page) {
        call.AuditRead(kDecision, d.id);
        *response->add_decisions() = ToProto(d);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

grpc::Status PanelApi::ImportDecision(Ctx* ctx, const pb::ImportDecisionRequest* request,
                                      pb::ImportDecisionResponse* response) {
  return rpc_->Run(ctx, "ImportDecision", [&](Call& call) -> absl::Status {
    const platform::Date today = clock_->Today();
    platform::Validation v;
    const std::string source_id = platform::SourceIdFromRequest(request->source_id(), "decision", v);
    v.Check(request->has_decision(), "decision", "is required");
    const size_t before = v.violations().size();
    Decision given = DecisionFromProto(request->decision(), "decision.", v);
    // The decision's rules judge a decision that could be read: a date that is no
    // date is reported alone, not again as out of order.
    const bool readable = v.violations().size() == before;
    if (readable) {
      v.Check(Imported(given.kind), "decision.kind",
              "an APPROVAL_REVIEW is not imported: the approval it reviewed and any termination are");
      ValidateDecision(given, today, Provenance::kImported, "decision.", v);
    }
    std::optional<DecisionRules> rules;
    if (v.ok()) rules = DecisionRulesOn(given.decision_date, v);
    RETURN_IF_ERROR(v.Status());
    given.source_id = source_id;
    // The case it decides, when heard here, is found here (below), not named by the old system.
    given.recommendation.clear();
    RETURN_IF_ERROR(Derive(given, *rules, today));

    // The same decision again is answered from what is stored, without asking
    // recruitment-svc: the household has moved on since. `show_stored` answers; its
    // caller audits the answer.
    auto show_stored = [&](const Decision& stored) -> absl::Status {
      if (!SameDecision(stored, given)) {
        return platform::FailedPrecondition(
            "another decision was imported under this source_id",
            {{"IMPORT", absl::StrCat("source_id ", source_id),
              absl::StrCat("the stored ", DecisionName(stored.id), " is ", DecisionKindName(stored.kind), " ",
                           DecisionOutcomeName(stored.outcome), " on ", platform::FormatDate(stored.decision_date),
                           "; an import does not change a recorded decision")}});
      }
      *response->mutable_decision() = ToProto(stored);
      response->set_result(adoption::type::v1::IMPORT_RESULT_UNCHANGED);
      return absl::OkStatus();
    };
    // The same, found within the import's own transaction (another import raced it).
    auto answer_stored = [&](soci::session& tx, const Decision& stored) -> absl::Status {
      RETURN_IF_ERROR(show_stored(stored));
      call.Audit(tx, kDecision, stored.id);
      return absl::OkStatus();
    };
    std::optional<Decision> stored;
    RETURN_IF_ERROR(db_->Read([&](soci::session& sql) {
      stored = decisions_->FindBySource(sql, source_id);
      return absl::OkStatus();
    }));
    if (stored) {
      // A read: its audit row is committed before the answer (Call::AuditRead).
      RETURN_IF_ERROR(show_stored(*stored));
      call.AuditRead(kDecision, stored->id);
      return absl::OkStatus();
    }

    // Asked outside the transaction: no database lock waits on another service. A
    // historic match is not asked about: its household may be a partner agency's,
    // which recruitment-svc does not hold, and our own have moved on since.
    if (given.kind != DecisionKind::kMatch) {
      RETURN_IF_ERROR(CheckHousehold(given.kind, Provenance::kImported, given.household_id));
    }

    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      if (auto raced = decisions_->FindBySource(tx, source_id)) return answer_stored(tx, *raced);
      Decision d = given;
      // The case the old system heard and left to be decided here, when this is its
      // decision (ImportRecommendation): decided now, no longer overdue.
      if (!d.household_id.empty()) {
        for (const auto& [item, day] : agenda_->UndecidedImported(tx, d.household_id)) {
          auto r = agenda_->GetRecommendation(tx, item.id);
          if (!r || !DecidesImportedCase(d, item, day)) continue;
          d.agenda_item_id = item.id;
          d.recommendation = RecommendationName(item);
          d.contrary_to_recommendation =
              (r->outcome == RecommendationOutcome::kRecommended) != (d.outcome == DecisionOutcome::kAgreed);
          break;
        }
      }
      d.id = platform::NewId();
      d.created_by = d.updated_by = call.principal().subject;
      d.created_at = d.updated_at = clock_->NowMicros();
      Save(call, tx, d);
      *response->mutable_decision() = ToProto(d);
      response->set_result(adoption::type::v1::IMPORT_RESULT_CREATED);
      return absl::OkStatus();
    });
  });
}

}  // namespace panel
