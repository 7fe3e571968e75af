// PanelService's agenda: cases booked on a meeting with their papers and conflicts,
// and the panel's recommendation on each (docs/domain.md §3).
#include <soci/soci.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "panel-svc/api/agenda_mapping.h"
#include "panel-svc/api/panel_mapping.h"
#include "panel-svc/api/panel_api.h"
#include "platform/core/ids.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/change.h"
#include "platform/rpc/import.h"
#include "platform/rpc/resource.h"
#include "platform/rpc/update_mask.h"

namespace panel {

namespace pb = adoption::panel::v1;
using platform::Call;

namespace {
constexpr char kMeeting[] = "meeting";

// The fields UpdateAgendaItem may change; what may change in them is the domain's rule
// (ReviseAgendaItem).
const platform::UpdatableFields<AgendaItem>& AgendaItemUpdatable() {
  static const platform::UpdatableFields<AgendaItem> fields({
      {"papers", &AgendaItem::papers},
      {"conflicts", &AgendaItem::conflicts},
  });
  return fields;
}
}  // namespace

absl::StatusOr<PapersDueDays> PanelApi::DefaultPapersDue(platform::Date leaving, platform::Date joining) const {
  const auto& calendar = platform::WorkingDayCalendar::EnglandAndWales();
  platform::Validation v;
  std::optional<PanelRules> leaving_rules = RulesOn(leaving, "name", v);
  std::optional<PanelRules> joining_rules = RulesOn(joining, "meeting", v);
  RETURN_IF_ERROR(v.Status());
  PapersDueDays due;
  ASSIGN_OR_RETURN(due.leaving, PapersDue(leaving, leaving_rules->papers_working_days, calendar));
  ASSIGN_OR_RETURN(due.joining, PapersDue(joining, joining_rules->papers_working_days, calendar));
  return due;
}

absl::Status PanelApi::RevealCase(const Call& call, soci::session& tx, const AgendaItem& item,
                                  const std::string& name) const {
  if (call.coverage().agency) return absl::OkStatus();
  auto m = meetings_->Get(tx, item.meeting_id);
  if (!m) return platform::NotFound(name);
  std::set<std::string> conflicted;
  for (const auto& c : item.conflicts) conflicted.insert(c.member_id);
  return RevealMeeting(call, tx, *m, name, conflicted);
}

grpc::Status PanelApi::CreateAgendaItem(Ctx* ctx, const pb::CreateAgendaItemRequest* request,
                                        pb::AgendaItem* response) {
  return rpc_->Run(ctx, "CreateAgendaItem", [&](Call& call) -> absl::Status {
    const platform::Date today = clock_->Today();
    platform::Validation v;
    auto [panel_id, meeting_id] = platform::IdsFromName(request->parent(), {"panels", "meetings"}, "parent", v);
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_agenda_item(), "agenda_item", "is required");
    AgendaItem item = AgendaItemFromProto(request->agenda_item(), "agenda_item.", v);
    RETURN_IF_ERROR(v.Status());
    // A retry is answered from what the first call recorded, without asking
    // recruitment-svc again (it may be down, and the household has moved on).
    std::optional<AgendaItem> replayed;
    RETURN_IF_ERROR(db_->Read([&](soci::session& sql) -> absl::Status {
      ASSIGN_OR_RETURN(std::optional<std::string> id,
                       platform::CreatedBefore(sql, call, request->request_id(), *request));
      if (id) replayed = agenda_->Get(sql, *id);
      if (replayed) call.AuditRead(kAgendaItem, replayed->id);
      return absl::OkStatus();
    }));
    if (replayed) {
      *response = ToProto(*replayed, clock_->Today());
      return absl::OkStatus();
    }

    // The meeting, its panel and its bookings as they stand, to judge the item by.
    std::optional<Meeting> meeting;
    std::optional<Panel> panel;
    RETURN_IF_ERROR(db_->Read([&](soci::session& sql) {
      meeting = meetings_->Get(sql, meeting_id);
      if (meeting && meeting->panel_id == panel_id) panel = panels_->Get(sql, panel_id);
      return absl::OkStatus();
    }));
    if (!meeting || !panel) return platform::NotFound(request->parent());
    ValidateAgendaItem(item, panel->details, today, "agenda_item.", v);
    std::optional<PanelRules> rules = RulesOn(meeting->meeting_date, "parent", v);
    RETURN_IF_ERROR(v.Status());
    for (int i = 0; i < static_cast<int>(item.papers.size()); ++i) {
      if (request->agenda_item().papers(i).has_due_date()) continue;
      ASSIGN_OR_RETURN(item.papers[i].due_date, PapersDue(meeting->meeting_date, rules->papers_working_days,
                                                          platform::WorkingDayCalendar::EnglandAndWales()));
    }
    if (!item.household_id.empty()) {
      RETURN_IF_ERROR(CheckHousehold(DecisionKindOf(item.kind), Provenance::kLive, item.household_id));
    }
    RETURN_IF_ERROR(CheckChildren(DecisionKindOf(item.kind), item.child_ids, /*with_panel=*/true, nullptr));

    AgendaItem created;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request,
                                                            [&]() -> absl::StatusOr<std::string> {
        // Booked against the meeting as it stands in this transaction.
        auto now = meetings_->Get(tx, meeting_id);
        if (!now) return platform::NotFound(request->parent());
        RETURN_IF_ERROR(CheckRoomFor(*now, agenda_->CountOn(tx, meeting_id)));
        AgendaItem booked = item;
        booked.id = platform::NewId();
        booked.panel_id = panel_id;
        booked.meeting_id = meeting_id;
        booked.created_by = booked.updated_by = call.principal().subject;
        booked.created_at = booked.updated_at = clock_->NowMicros();
        agenda_->Insert(tx, booked);
        return booked.id;
      }));
      auto stored = agenda_->Get(tx, id);
      if (!stored) return absl::InternalError("agenda item recorded under this request_id is missing");
      call.Audit(tx, kAgendaItem, id);
      created = *std::move(stored);
      return absl::OkStatus();
    }));
    *response = ToProto(created, clock_->Today());
    return absl::OkStatus();
  });
}

grpc::Status PanelApi::UpdateAgendaItem(Ctx* ctx, const pb::UpdateAgendaItemRequest* request,
                                        pb::AgendaItem* response) {
  return rpc_->Run(ctx, "UpdateAgendaItem", [&](Call& call) -> absl::Status {
    platform::Validation v;
    const pb::AgendaItem& in = request->agenda_item();
    auto [panel_id, meeting_id, item_id] =
        platform::IdsFromName(in.name(), {"panels", "meetings", "agendaItems"}, "agenda_item.name", v);
    const long long version = platform::ParseEtag(in.etag(), "agenda_item.etag", v);
    std::set<std::string> paths = platform::MaskPaths(request->update_mask(), AgendaItemUpdatable().paths(), v);
    RETURN_IF_ERROR(v.Status());
    // Cases are the agency's own records: every grant reaches them all.
    ASSIGN_OR_RETURN(
        AgendaItem updated,
        platform::ChangeRecord(
            call, *db_, *agenda_, in.name(), item_id, version, [](const AgendaItem&) { return platform::RecordScope{}; },
            [&](AgendaItem& item, soci::session& tx) -> absl::Status {
              if (item.panel_id != panel_id || item.meeting_id != meeting_id) return platform::NotFound(in.name());
              auto meeting = meetings_->Get(tx, meeting_id);
              auto panel = panels_->Get(tx, panel_id);
              if (!meeting || !panel) return absl::InternalError("the agenda item's meeting or panel is missing");
              // Read every field, then take the masked ones: only their violations count.
              platform::Validation fields;
              AgendaItem given = AgendaItemFromProto(in, "agenda_item.", fields);
              platform::Validation masked = platform::MaskedViolations(fields, "agenda_item.", paths);
              AgendaItem revised = AgendaItemUpdatable().Apply(paths, given, item);
              // New papers without a due date are due as at booking.
              if (paths.count("papers")) {
                std::optional<PanelRules> rules = RulesOn(meeting->meeting_date, "agenda_item.name", masked);
                if (!rules) return masked.Status();
                for (size_t i = item.papers.size(); i < revised.papers.size(); ++i) {
                  if (static_cast<int>(i) < in.papers_size() && in.papers(static_cast<int>(i)).has_due_date()) continue;
                  ASSIGN_OR_RETURN(revised.papers[i].due_date,
                                   PapersDue(meeting->meeting_date, rules->papers_working_days,
                                             platform::WorkingDayCalendar::EnglandAndWales()));
                }
              }
              return ReviseAgendaItem(item, revised, panel->details,
                                      platform::RevisionBy(call.principal().subject, *clock_), "agenda_item.",
                                      std::move(masked));
            },
            [&](const AgendaItem& item, soci::session& tx) { call.Audit(tx, kAgendaItem, item.id); }));
    *response = ToProto(updated, clock_->Today());
    return absl::OkStatus();
  });
}

grpc::Status PanelApi::MoveAgendaItem(Ctx* ctx, const pb::MoveAgendaItemRequest* request, pb::AgendaItem* response) {
  return rpc_->Run(ctx, "MoveAgendaItem", [&](Call& call) -> absl::Status {
    platform::Validation v;
    auto [panel_id, meeting_id, item_id] =
        platform::IdsFromName(request->name(), {"panels", "meetings", "agendaItems"}, "name", v);
    const long long version = platform::ParseEtag(request->etag(), "etag", v);
    auto [to_panel, to_meeting] = platform::IdsFromName(request->meeting(), {"panels", "meetings"}, "meeting", v);
    if (v.ok()) v.Check(to_panel == panel_id, "meeting", "must be a meeting of the case's own panel");
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(
        AgendaItem moved,
        platform::ChangeRecord(
            call, *db_, *agenda_, request->name(), item_id, version,
            [](const AgendaItem&) { return platform::RecordScope{}; },
            [&](AgendaItem& item, soci::session& tx) -> absl::Status {
              if (item.panel_id != panel_id || item.meeting_id != meeting_id) return platform::NotFound(request->name());
              auto to = meetings_->Get(tx, to_meeting);
              if (!to || to->panel_id != panel_id) return platform::NotFound(request->meeting());
              auto from = meetings_->Get(tx, item.meeting_id);
              if (!from) return absl::InternalError("the case's meeting is missing");
              ASSIGN_OR_RETURN(PapersDueDays due, DefaultPapersDue(from->meeting_date, to->meeting_date));
              return panel::MoveAgendaItem(item, *to, agenda_->CountOn(tx, to_meeting), due,
                                           platform::RevisionBy(call.principal().subject, *clock_));
            },
            [&](const AgendaItem& item, soci::session& tx) { call.Audit(tx, kAgendaItem, item.id); }));
    *response = ToProto(moved, clock_->Today());
    return absl::OkStatus();
  });
}

grpc::Status PanelApi::GetAgendaItem(Ctx* ctx, const pb::GetAgendaItemRequest* request, pb::AgendaItem* response) {
  return rpc_->Run(ctx, "GetAgendaItem", [&](Call& call) -> absl::Status {
    platform::Validation v;
    auto [panel_id, meeting_id, item_id] =
        platform::IdsFromName(request->name(), {"panels", "meetings", "agendaItems"}, "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      auto item = agenda_->Get(sql, item_id);
      if (!item || item->meeting_id != meeting_id || item->panel_id != panel_id) {
        return platform::NotFound(request->name());
      }
      RETURN_IF_ERROR(RevealCase(call, sql, *item, request->name()));
      call.AuditRead(kAgendaItem, item_id);
      *response = ToProto(*item, clock_->Today());
      return absl::OkStatus();
    });
  });
}

grpc::Status PanelApi::ListAgendaItems(Ctx* ctx, const pb::ListAgendaItemsRequest* request,
                                       pb::ListAgendaItemsResponse* response) {
  return rpc_->Run(ctx, "ListAgendaItems", [&](Call& call) -> absl::Status {
    platform::Validation v;
    AgendaQuery query;
    std::string panel_id;
    // "panels/-/meetings/-" lists every meeting's items (AIP-159).
    if (request->parent() != "panels/-/meetings/-") {
      auto [p, m] = platform::IdsFromName(request->parent(), {"panels", "meetings"}, "parent", v);
      panel_id = p;
      query.meeting_id = m;
    }
    query.page = call.ParsePage(request->page_size(), request->page_token(),
                                absl::StrCat(request->parent(), "\n", request->filter()), v);
    query.coverage = call.coverage();
    platform::Filter filter =
        platform::ParseFilter(request->filter(), {"kind", "household", "child", "decision_overdue"}, v);
    if (platform::BoolFilter(filter, "decision_overdue", v).value_or(false)) query.decision_overdue_on = clock_->Today();
    query.kind = platform::EnumFilter<AgendaItemKind>(filter, "kind", pb::AgendaItemKind_descriptor(), v);
    if (const std::string* h = filter.Find("household")) query.household_id = platform::IdFromName(*h, "households", "filter", v);
    if (const std::string* c = filter.Find("child")) query.child_id = platform::IdFromName(*c, "children", "filter", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      if (query.meeting_id) {
        auto m = meetings_->Get(sql, *query.meeting_id);
        if (!m || m->panel_id != panel_id) return platform::NotFound(request->parent());
      }
      std::vector<AgendaItem> page = agenda_->List(sql, query);
      for (const auto& item : page) {
        call.AuditRead(kAgendaItem, item.id);
        *response->add_agenda_items() = ToProto(item, clock_->Today());
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

grpc::Status PanelApi::RecordRecommendation(Ctx* ctx, const pb::RecordRecommendationRequest* request,
                                            pb::Recommendation* response) {
  return rpc_->Run(ctx, "RecordRecommendation", [&](Call& call) -> absl::Status {
    const platform::Date today = clock_->Today();
    platform::Validation v;
    auto [panel_id, meeting_id, item_id] =
        platform::IdsFromName(request->parent(), {"panels", "meetings", "agendaItems"}, "parent", v);
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_recommendation(), "recommendation", "is required");
    Recommendation given = RecommendationFromProto(request->recommendation(), "recommendation.", v);
    RETURN_IF_ERROR(v.Status());

    Recommendation recorded;
    AgendaItem heard;
    RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
      auto item = agenda_->Get(tx, item_id);
      if (!item || item->meeting_id != meeting_id || item->panel_id != panel_id) {
        return platform::NotFound(request->parent());
      }
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request,
                                                            [&]() -> absl::StatusOr<std::string> {
        auto meeting = meetings_->Get(tx, meeting_id);
        auto panel = panels_->Get(tx, panel_id);
        if (!meeting || !panel) return absl::InternalError("the agenda item's meeting or panel is missing");
        platform::Validation rules_v;
        std::optional<PanelRules> rules = RulesOn(meeting->meeting_date, "parent", rules_v);
        RETURN_IF_ERROR(rules_v.Status());
        ASSIGN_OR_RETURN(std::vector<std::string> quorum, QuorumFor(*item, *meeting, panel->details, *rules));
        platform::Validation checked;
        ValidateRecommendation(given, *meeting, static_cast<int>(quorum.size()), today, "recommendation.", checked);
        RETURN_IF_ERROR(checked.Status());
        Recommendation r = given;
        if (r.minutes_final_date) {
          auto decision_rules = DecisionRules::On(*statutory_, *r.minutes_final_date);
          if (!decision_rules.ok()) {
            return platform::InvalidArgument({{"recommendation.minutes_final_date",
                                               "no decision timescales were in force on that day"}});
          }
          ASSIGN_OR_RETURN(r.decision_due_date,
                           DecisionDue(r, *decision_rules, platform::WorkingDayCalendar::EnglandAndWales()));
        }
        r.agenda_item_id = item->id;
        r.quorum_members = std::move(quorum);
        r.created_by = r.updated_by = call.principal().subject;
        r.created_at = r.updated_at = clock_->NowMicros();
        agenda_->InsertRecommendation(tx, r);
        return item->id;
      }));
      auto stored = agenda_->GetRecommendation(tx, id);
      if (!stored) return absl::InternalError("recommendation recorded under this request_id is missing");
      call.Audit(tx, kRecommendation, id);
      recorded = *std::move(stored);
      heard = *std::move(item);
      return absl::OkStatus();
    }));
    *response = ToProto(heard, recorded);
    return absl::OkStatus();
  });
}

namespace {
// Recommendations as platform::ChangeRecord reads and writes them, by agenda item.
struct Recommendations {
  AgendaStore* agenda;
  std::optional<Recommendation> Get(soci::session& sql, const std::string& item_id) {
    return agenda->GetRecommendation(sql, item_id);
  }
  bool Update(soci::session& tx, Recommendation& r, long long version) {
    return agenda->UpdateRecommendation(tx, r, version);
  }
};
}  // namespace

grpc::Status PanelApi::FinaliseMinutes(Ctx* ctx, const pb::FinaliseMinutesRequest* request,
                                       pb::Recommendation* response) {
  return rpc_->Run(ctx, "FinaliseMinutes", [&](Call& call) -> absl::Status {
    platform::Validation v;
    auto [panel_id, meeting_id, item_id] = RecommendationIds(request->name(), "name", v);
    const long long version = platform::ParseEtag(request->etag(), "etag", v);
    const platform::Date day = platform::DateFromProto(request->minutes_final_date(), "minutes_final_date", v);
    RETURN_IF_ERROR(v.Status());
    auto rules = DecisionRules::On(*statutory_, day);
    if (!rules.ok()) {
      return platform::InvalidArgument({{"minutes_final_date", "no decision timescales were in force on that day"}});
    }
    Recommendations recommendations{agenda_};
    AgendaItem item;
    ASSIGN_OR_RETURN(
        Recommendation finalised,
        platform::ChangeRecord(
            call, *db_, recommendations, request->name(), item_id, version,
            [](const Recommendation&) { return platform::RecordScope{}; },
            [&](Recommendation& r, soci::session& tx) -> absl::Status {
              auto found = agenda_->Get(tx, item_id);
              auto meeting = meetings_->Get(tx, meeting_id);
              if (!found || found->meeting_id != meeting_id || found->panel_id != panel_id || !meeting) {
                return platform::NotFound(request->name());
              }
              item = *std::move(found);
              return panel::FinaliseMinutes(r, *meeting, day, *rules, platform::WorkingDayCalendar::EnglandAndWales(),
                                            platform::RevisionBy(call.principal().subject, *clock_),
                                            "minutes_final_date");
            },
            [&](const Recommendation& r, soci::session& tx) { call.Audit(tx, kRecommendation, r.agenda_item_id); }));
    *response = ToProto(item, finalised);
    return absl::OkStatus();
  });
}

grpc::Status PanelApi::GetRecommendation(Ctx* ctx, const pb::GetRecommendationRequest* request,
                                         pb::Recommendation* response) {
  return rpc_->Run(ctx, "GetRecommendation", [&](Call& call) -> absl::Status {
    platform::Validation v;
    auto [panel_id, meeting_id, item_id] = RecommendationIds(request->name(), "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      auto item = agenda_->Get(sql, item_id);
      if (!item || item->meeting_id != meeting_id || item->panel_id != panel_id) {
        return platform::NotFound(request->name());
      }
      auto r = agenda_->GetRecommendation(sql, item_id);
      if (!r) return platform::NotFound(request->name());
      RETURN_IF_ERROR(RevealCase(call, sql, *item, request->name()));
      call.AuditRead(kRecommendation, item_id);
      *response = ToProto(*item, *r);
      return absl::OkStatus();
    });
  });
}

grpc::Status PanelApi::ListPanelReferrals(Ctx* ctx, const pb::ListPanelReferralsRequest* request,
                                          pb::ListPanelReferralsResponse* response) {
  return rpc_->Run(ctx, "ListPanelReferrals", [&](Call& call) -> absl::Status {
    platform::Validation v;
    ReferralQuery query;
    query.page = call.ParsePage(request->page_size(), request->page_token(), request->filter(), v);
    platform::Filter filter = platform::ParseFilter(request->filter(), {"awaiting"}, v);
    query.awaiting = platform::BoolFilter(filter, "awaiting", v).value_or(false);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<PanelReferral> page = referrals_->List(sql, query);
      for (const auto& r : page) {
        call.AuditRead("panel_referral", r.household_id);
        pb::PanelReferral* out = response->add_panel_referrals();
        out->set_household(absl::StrCat("households/", r.household_id));
        *out->mutable_referral_date() = platform::DateToProto(r.referral_date);
        out->set_dual_approval_sought(r.dual_approval_sought);
        if (!r.agenda_item_id.empty()) {
          out->set_agenda_item(
              absl::StrCat(MeetingName(r.panel_id, r.meeting_id), "/agendaItems/", r.agenda_item_id));
        }
      }
      const bool full = !page.empty() && static_cast<int>(page.size()) == query.page.size;
      response->set_next_page_token(full ? platform::PageTokenAfter(page.back().household_id, query.page.seal) : "");
      return absl::OkStatus();
    });
  });
}

grpc::Status PanelApi::ImportRecommendation(Ctx* ctx, const pb::ImportRecommendationRequest* request,
                                            pb::ImportRecommendationResponse* response) {
  return rpc_->Run(ctx, "ImportRecommendation", [&](Call& call) -> absl::Status {
    const platform::Date today = clock_->Today();
    platform::Validation v;
    const std::string source_id = platform::SourceIdFromRequest(request->source_id(), "hearing", v);
    const std::string panel_id = platform::IdFromName(request->parent(), "panels", "parent", v);
    const platform::Date heard = platform::DateFromProto(request->meeting_date(), "meeting_date", v);
    v.Check(request->has_agenda_item(), "agenda_item", "is required");
    v.Check(request->has_recommendation(), "recommendation", "is required");
    AgendaItem item = AgendaItemFromProto(request->agenda_item(), "agenda_item.", v);
    Recommendation given = RecommendationFromProto(request->recommendation(), "recommendation.", v);
    RETURN_IF_ERROR(v.Status());

    // Answered from what is stored, without asking recruitment-svc: the household
    // has moved on since (the decision may have been taken). `show_stored` answers;
    // its caller audits the answer.
    auto show_stored = [&](soci::session& sql, const AgendaItem& stored) -> absl::Status {
      auto r = agenda_->GetRecommendation(sql, stored.id);
      auto meeting = meetings_->Get(sql, stored.meeting_id);
      if (!r || !meeting) return absl::InternalError("an imported case lacks its recommendation or meeting");
      if (stored.panel_id != panel_id || !SameHearing(stored, *r, meeting->meeting_date, item, given, heard)) {
        return platform::FailedPrecondition(
            "another hearing was imported under this source_id",
            {{"IMPORT", absl::StrCat("source_id ", source_id),
              absl::StrCat("the stored ", AgendaItemName(stored), " is ", AgendaItemKindName(stored.kind),
                           " heard on ", platform::FormatDate(meeting->meeting_date), ", ",
                           RecommendationOutcomeName(r->outcome), "; an import does not change a recorded case")}});
      }
      *response->mutable_agenda_item() = ToProto(stored, today);
      *response->mutable_recommendation() = ToProto(stored, *r);
      response->set_result(adoption::type::v1::IMPORT_RESULT_UNCHANGED);
      return absl::OkStatus();
    };
    // The same, found within the import's own transaction (another import raced it).
    auto answer_stored = [&](soci::session& tx, const AgendaItem& stored) -> absl::Status {
      RETURN_IF_ERROR(show_stored(tx, stored));
      call.Audit(tx, kAgendaItem, stored.id);
      return absl::OkStatus();
    };
    std::optional<AgendaItem> stored;
    std::optional<Panel> panel;
    RETURN_IF_ERROR(db_->Read([&](soci::session& sql) {
      stored = agenda_->FindBySource(sql, source_id);
      panel = panels_->Get(sql, panel_id);
      return absl::OkStatus();
    }));
    if (!panel) return platform::NotFound(request->parent());
    if (stored) {
      // Defaults filled as when it was recorded, so the same hearing compares equal.
      if (!given.minutes_final_date) given.minutes_final_date = heard;
      // A read: its audit row is committed before the answer (Call::AuditRead).
      return db_->Read([&](soci::session& sql) -> absl::Status {
        RETURN_IF_ERROR(show_stored(sql, *stored));
        call.AuditRead(kAgendaItem, stored->id);
        return absl::OkStatus();
      });
    }

    ValidateImportedHearing(item, given, heard, panel->details, today, v);
    std::optional<DecisionRules> rules;
    if (v.ok()) {
      auto in_force = DecisionRules::On(*statutory_, *given.minutes_final_date);
      if (in_force.ok()) {
        rules = *in_force;
      } else {
        v.Add("recommendation.minutes_final_date", "no decision timescales were in force on that day");
      }
    }
    RETURN_IF_ERROR(v.Status());
    ASSIGN_OR_RETURN(given.decision_due_date, DecisionDue(given, *rules, platform::WorkingDayCalendar::EnglandAndWales()));
    // Asked outside the transaction: no database lock waits on another service.
    // Children are not asked about: they may be imported after.
    if (!item.household_id.empty()) {
      RETURN_IF_ERROR(CheckHousehold(DecisionKindOf(item.kind), Provenance::kImported, item.household_id));
    }

    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      if (auto raced = agenda_->FindBySource(tx, source_id)) return answer_stored(tx, *raced);
      const std::string actor = call.principal().subject;
      const long long now = clock_->NowMicros();
      // The day's imported meeting, made room for one more case, or a new one.
      std::optional<Meeting> meeting = meetings_->FindImported(tx, panel_id, heard);
      if (meeting) {
        Meeting grown = *meeting;
        grown.case_capacity = std::max(grown.case_capacity, agenda_->CountOn(tx, grown.id) + 1);
        platform::Stamp(grown, platform::RevisionBy(actor, *clock_));
        if (!meetings_->Update(tx, grown, meeting->version)) {
          return platform::ChangedDuringUpdate(MeetingName(panel_id, meeting->id));
        }
        meeting = grown;
      } else {
        meeting = ImportedMeeting(platform::NewId(), panel_id, heard, 1, actor, now);
        meetings_->Insert(tx, *meeting);
      }
      AgendaItem heard_case = item;
      heard_case.id = platform::NewId();
      heard_case.panel_id = panel_id;
      heard_case.meeting_id = meeting->id;
      heard_case.source_id = source_id;
      heard_case.created_by = heard_case.updated_by = actor;
      heard_case.created_at = heard_case.updated_at = now;
      agenda_->Insert(tx, heard_case);
      Recommendation r = given;
      r.agenda_item_id = heard_case.id;
      r.created_by = r.updated_by = actor;
      r.created_at = r.updated_at = now;
      agenda_->InsertRecommendation(tx, r);
      call.Audit(tx, kMeeting, meeting->id);
      call.Audit(tx, kAgendaItem, heard_case.id);
      call.Audit(tx, kRecommendation, heard_case.id);
      heard_case.recommended = true;
      *response->mutable_agenda_item() = ToProto(heard_case, today);
      *response->mutable_recommendation() = ToProto(heard_case, r);
      response->set_result(adoption::type::v1::IMPORT_RESULT_CREATED);
      return absl::OkStatus();
    });
  });
}

}  // namespace panel
