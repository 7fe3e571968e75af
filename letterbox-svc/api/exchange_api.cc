// Exchanges (docs/letterbox.md): items received and flagged, reviewed, approved with
// their redactions, returned, withheld, forwarded and read. Coordinators act on
// every item of their local authorities' arrangements; a family's token (its party's
// account) sends and rewrites its own items and reads those sent to it once
// forwarded, as the redacted version only.
#include <soci/soci.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "letterbox-svc/api/contact_arrangement_mapping.h"
#include "letterbox-svc/api/exchange_mapping.h"
#include "letterbox-svc/api/letterbox_api.h"
#include "letterbox-svc/domain/schedule.h"
#include "platform/core/ids.h"
#include "platform/core/status_macros.h"
#include "platform/rpc/paging.h"
#include "platform/rpc/proto_convert.h"
#include "platform/rpc/resource.h"

namespace letterbox {

namespace pb = adoption::letterbox::v1;
using platform::Call;

namespace {
constexpr char kPrefix[] = "exchange.";

std::string AccountOf(const ContactArrangement& a, const std::string& party_id) {
  for (const Party& p : a.details.parties) {
    if (p.party_id == party_id) return p.account;
  }
  return "";
}

// An exchange is its arrangement's local authority's, and its sender's; its
// recipient's too once forwarded (before that, to the recipient, it is not there).
platform::RecordScope ExchangeScope(const Exchange& e, const ContactArrangement& a) {
  const std::string& la = a.details.local_authority;
  platform::RecordScope scope{.local_authorities = {la}, .unallocated = la.empty()};
  if (std::string sender = AccountOf(a, e.sender); !sender.empty()) scope.parties.push_back(sender);
  if (e.status == ExchangeStatus::kForwarded || e.status == ExchangeStatus::kRead) {
    if (std::string recipient = AccountOf(a, e.recipient); !recipient.empty()) scope.parties.push_back(recipient);
  }
  return scope;
}

// What the caller reads the exchange as: a coordinator (reaching it by its local
// authority or the agency), else the party their token is.
Reader ReaderOf(const Call& call, const Exchange& e, const ContactArrangement& a) {
  platform::Coverage staff = call.coverage();
  staff.party.clear();
  const std::string& la = a.details.local_authority;
  if (staff.Covers(platform::RecordScope{.local_authorities = {la}, .unallocated = la.empty()})) {
    return Reader::kCoordinator;
  }
  return AccountOf(a, e.sender) == call.coverage().party ? Reader::kSender : Reader::kRecipient;
}

// A list's parent: one arrangement's id, or none for "contactArrangements/-" (every
// arrangement the caller reaches).
std::optional<std::string> ArrangementOfParent(const std::string& parent, platform::Validation& v) {
  if (parent == "contactArrangements/-") return std::nullopt;
  return platform::IdFromName(parent, "contactArrangements", "parent", v);
}

// What the agency knows of both sides, and the names each side already knows.
FlagFinder FinderFor(const ContactArrangement& a) {
  std::vector<KnownDetail> known;
  std::vector<std::string> allowed;
  for (const Party& p : a.details.parties) {
    known.insert(known.end(), p.known_details.begin(), p.known_details.end());
    allowed.push_back(p.display_name);
  }
  return [known = std::move(known), allowed = std::move(allowed)](std::string_view content) {
    return FlagIdentifyingDetails(content, known, allowed, Lexicon::Embedded());
  };
}

}  // namespace

void Reschedule(soci::session& tx, const ContactArrangement& a, ExchangeStore& exchanges, ScheduleStore& schedule,
                long long now) {
  schedule.Save(tx, a.id, ScheduleOf(a, exchanges.DatesFor(tx, a.id)), now);
}

absl::StatusOr<Exchange> LetterboxApi::ChangeExchange(Call& call, const std::string& name, const std::string& etag,
                                                      platform::Validation v, const ExchangeChange& change,
                                                      const FileData& files, Reader* reader) {
  auto [arrangement_id, id] = platform::IdsFromName(name, {"contactArrangements", "exchanges"}, "name", v);
  long long version = platform::ParseEtag(etag, "etag", v);
  RETURN_IF_ERROR(v.Status());
  std::optional<Exchange> out;
  RETURN_IF_ERROR(db_->Transaction([&](soci::session& tx) -> absl::Status {
    std::optional<Exchange> e = exchanges_->Get(tx, id);
    if (!e || e->arrangement_id != arrangement_id) return platform::NotFound(name);
    std::optional<ContactArrangement> a = arrangements_->Get(tx, arrangement_id);
    if (!a) return platform::NotFound(name);
    RETURN_IF_ERROR(call.Reveal(ExchangeScope(*e, *a), name));
    RETURN_IF_ERROR(platform::CheckEtag(version, e->version, name));
    Reader as = ReaderOf(call, *e, *a);
    RETURN_IF_ERROR(change(*e, *a, as, tx));
    if (!exchanges_->Update(tx, *e, version, files)) return platform::ChangedDuringUpdate(name);
    Reschedule(tx, *a);
    call.Audit(tx, kExchangeResource, e->id);
    if (reader != nullptr) *reader = as;
    out = std::move(e);
    return absl::OkStatus();
  }));
  return *std::move(out);
}

grpc::Status LetterboxApi::CreateExchange(Ctx* ctx, const pb::CreateExchangeRequest* request, pb::Exchange* response) {
  return rpc_->Run(ctx, "CreateExchange", [&](Call& call) -> absl::Status {
    platform::Validation v;
    platform::ValidateRequestId(request->request_id(), v);
    v.Check(request->has_exchange(), "exchange", "is required");
    std::string arrangement_id = platform::IdFromName(request->parent(), "contactArrangements", "parent", v);
    FileData files;
    ReceivedItem item = ItemFromProto(request->exchange(), kPrefix, files, v);
    item.arrangement_id = arrangement_id;
    const platform::Revision revision = platform::RevisionBy(call.principal().subject, *clock_);
    return db_->Transaction([&](soci::session& tx) -> absl::Status {
      std::optional<ContactArrangement> a = arrangements_->Get(tx, arrangement_id);
      if (!a) {
        RETURN_IF_ERROR(v.Status());
        return platform::NotFound(request->parent());
      }
      // Out of the caller's reach, the arrangement is PERMISSION_DENIED (MayHold
      // below): a create names its parent, it does not read it.
      if (!item.sender.empty() && !item.recipient.empty()) {
        RETURN_IF_ERROR(CheckMayExchange(*a, item.sender, item.recipient, kPrefix));
      }
      // Without a due date, the item answers the one the sender owes (if any is due).
      if (!item.due_date) {
        absl::StatusOr<ScheduleRules> rules = ScheduleRules::On(*statutory_, revision.today);
        if (rules.ok()) {
          item.due_date = DueDateAnswered(schedule_->Of(tx, a->id), item.sender,
                                          item.received_date.value_or(revision.today), *rules);
        }
      }
      ASSIGN_OR_RETURN(Exchange e, ReceiveExchange(platform::NewId(), item, FinderFor(*a), revision, kPrefix, v));
      // A coordinator of another authority holds nothing here; a family sends as
      // itself only (the sender must be the token's party).
      RETURN_IF_ERROR(call.MayHold(ExchangeScope(e, *a)));
      ASSIGN_OR_RETURN(std::string id, platform::CreateOnce(tx, call, request->request_id(), *request, [&] {
        exchanges_->Insert(tx, e, files);
        Reschedule(tx, *a);
        return absl::StatusOr<std::string>(e.id);
      }));
      std::optional<Exchange> stored = exchanges_->Get(tx, id);
      if (!stored) return absl::InternalError("exchange recorded under this request_id is missing");
      RETURN_IF_ERROR(call.Reveal(ExchangeScope(*stored, *a), ExchangeName(arrangement_id, id)));
      call.Audit(tx, kExchangeResource, id);
      *response = ToProto(*stored, ReaderOf(call, *stored, *a));
      return absl::OkStatus();
    });
  });
}

grpc::Status LetterboxApi::GetExchange(Ctx* ctx, const pb::GetExchangeRequest* request, pb::Exchange* response) {
  return rpc_->Run(ctx, "GetExchange", [&](Call& call) -> absl::Status {
    platform::Validation v;
    auto [arrangement_id, id] = platform::IdsFromName(request->name(), {"contactArrangements", "exchanges"}, "name", v);
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      std::optional<Exchange> e = exchanges_->Get(sql, id);
      if (!e || e->arrangement_id != arrangement_id) return platform::NotFound(request->name());
      std::optional<ContactArrangement> a = arrangements_->Get(sql, arrangement_id);
      if (!a) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal(ExchangeScope(*e, *a), request->name()));
      call.AuditRead(kExchangeResource, id);
      *response = ToProto(*e, ReaderOf(call, *e, *a));
      return absl::OkStatus();
    });
  });
}

grpc::Status LetterboxApi::ListExchanges(Ctx* ctx, const pb::ListExchangesRequest* request,
                                         pb::ListExchangesResponse* response) {
  return rpc_->Run(ctx, "ListExchanges", [&](Call& call) -> absl::Status {
    platform::Validation v;
    ExchangeQuery query;
    query.arrangement_id = ArrangementOfParent(request->parent(), v);
    query.page = call.ParsePage(request->page_size(), request->page_token(),
                                absl::StrCat(request->parent(), "|", request->filter()), v);
    platform::Filter filter =
        platform::ParseFilter(request->filter(), {"status", "sender", "recipient", "item_kind"}, v);
    query.status = platform::EnumFilter<ExchangeStatus>(filter, "status", pb::ExchangeStatus_descriptor(), v);
    if (const std::string* sender = filter.Find("sender")) query.sender = *sender;
    if (const std::string* recipient = filter.Find("recipient")) query.recipient = *recipient;
    query.item_kind = platform::EnumFilter<ItemKind>(filter, "item_kind", pb::ItemKind_descriptor(), v);
    RETURN_IF_ERROR(v.Status());
    query.coverage = call.coverage();
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<Exchange> page = exchanges_->List(sql, query);
      std::map<std::string, ContactArrangement> arrangements;
      for (const Exchange& e : page) {
        auto it = arrangements.find(e.arrangement_id);
        if (it == arrangements.end()) {
          std::optional<ContactArrangement> a = arrangements_->Get(sql, e.arrangement_id);
          if (!a) return absl::InternalError("an exchange's arrangement is missing");
          it = arrangements.emplace(e.arrangement_id, *std::move(a)).first;
        }
        call.AuditRead(kExchangeResource, e.id);
        *response->add_exchanges() = ToProto(e, ReaderOf(call, e, it->second));
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

grpc::Status LetterboxApi::StartExchangeReview(Ctx* ctx, const pb::StartExchangeReviewRequest* request,
                                               pb::Exchange* response) {
  return rpc_->Run(ctx, "StartExchangeReview", [&](Call& call) -> absl::Status {
    const platform::Revision revision = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(Exchange e, ChangeExchange(call, request->name(), request->etag(), {},
                                                [&](Exchange& x, const ContactArrangement&, Reader, soci::session&) {
                                                  return StartReview(x, revision);
                                                }));
    *response = ToProto(e, Reader::kCoordinator);
    return absl::OkStatus();
  });
}

grpc::Status LetterboxApi::ApproveExchange(Ctx* ctx, const pb::ApproveExchangeRequest* request,
                                           pb::Exchange* response) {
  return rpc_->Run(ctx, "ApproveExchange", [&](Call& call) -> absl::Status {
    platform::Validation v;
    std::vector<Span> redactions = RedactionsFromProto(request->redactions(), "redactions", v);
    const platform::Revision revision = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(Exchange e, ChangeExchange(call, request->name(), request->etag(), v,
                                                [&](Exchange& x, const ContactArrangement&, Reader, soci::session&) {
                                                  return letterbox::ApproveExchange(
                                                      x, redactions, request->no_redactions(),
                                                      {request->withheld_attachments().begin(),
                                                       request->withheld_attachments().end()},
                                                      revision);
                                                }));
    *response = ToProto(e, Reader::kCoordinator);
    return absl::OkStatus();
  });
}

grpc::Status LetterboxApi::ReturnExchange(Ctx* ctx, const pb::ReturnExchangeRequest* request,
                                          pb::Exchange* response) {
  return rpc_->Run(ctx, "ReturnExchange", [&](Call& call) -> absl::Status {
    const platform::Revision revision = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(Exchange e, ChangeExchange(call, request->name(), request->etag(), {},
                                                [&](Exchange& x, const ContactArrangement&, Reader, soci::session&) {
                                                  return letterbox::ReturnExchange(x, request->note(), revision);
                                                }));
    *response = ToProto(e, Reader::kCoordinator);
    return absl::OkStatus();
  });
}

grpc::Status LetterboxApi::WithholdExchange(Ctx* ctx, const pb::WithholdExchangeRequest* request,
                                            pb::Exchange* response) {
  return rpc_->Run(ctx, "WithholdExchange", [&](Call& call) -> absl::Status {
    const platform::Revision revision = platform::RevisionBy(call.principal().subject, *clock_);
    std::optional<WithheldReason> reason =
        platform::EnumFromProto<WithheldReason>(request->reason(), pb::WithheldReason_IsValid);
    ASSIGN_OR_RETURN(Exchange e, ChangeExchange(call, request->name(), request->etag(), {},
                                                [&](Exchange& x, const ContactArrangement&, Reader, soci::session&) {
                                                  return letterbox::WithholdExchange(x, reason, request->note(),
                                                                                     revision);
                                                }));
    *response = ToProto(e, Reader::kCoordinator);
    return absl::OkStatus();
  });
}

grpc::Status LetterboxApi::ForwardExchange(Ctx* ctx, const pb::ForwardExchangeRequest* request,
                                           pb::Exchange* response) {
  return rpc_->Run(ctx, "ForwardExchange", [&](Call& call) -> absl::Status {
    platform::Validation v;
    std::optional<platform::Date> day =
        platform::OptionalDateFromProto(request->forwarded_date(), "forwarded_date", v);
    const platform::Revision revision = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(Exchange e, ChangeExchange(call, request->name(), request->etag(), v,
                                                [&](Exchange& x, const ContactArrangement&, Reader,
                                                    soci::session& tx) -> absl::Status {
                                                  RETURN_IF_ERROR(letterbox::ForwardExchange(x, day, revision));
                                                  call.Emit(tx, kExchangeResource, x.id, ForwardedEvent(x));
                                                  return absl::OkStatus();
                                                }));
    *response = ToProto(e, Reader::kCoordinator);
    return absl::OkStatus();
  });
}

grpc::Status LetterboxApi::ResubmitExchange(Ctx* ctx, const pb::ResubmitExchangeRequest* request,
                                            pb::Exchange* response) {
  return rpc_->Run(ctx, "ResubmitExchange", [&](Call& call) -> absl::Status {
    platform::Validation v;
    FileData files;
    std::vector<Attachment> attachments = AttachmentsFromProto(request->attachments(), "attachments", files, v);
    const platform::Revision revision = platform::RevisionBy(call.principal().subject, *clock_);
    Reader reader = Reader::kCoordinator;
    ASSIGN_OR_RETURN(
        Exchange e,
        ChangeExchange(
            call, request->name(), request->etag(), v,
            [&](Exchange& x, const ContactArrangement& a, Reader as, soci::session&) -> absl::Status {
              if (as == Reader::kRecipient) {
                return absl::PermissionDeniedError("only the sender (or a coordinator) may rewrite an item");
              }
              return letterbox::ResubmitExchange(x, request->content(), attachments, FinderFor(a), revision, "");
            },
            files, &reader));
    *response = ToProto(e, reader);
    return absl::OkStatus();
  });
}

grpc::Status LetterboxApi::MarkExchangeRead(Ctx* ctx, const pb::MarkExchangeReadRequest* request,
                                            pb::Exchange* response) {
  return rpc_->Run(ctx, "MarkExchangeRead", [&](Call& call) -> absl::Status {
    platform::Validation v;
    std::optional<platform::Date> day = platform::OptionalDateFromProto(request->read_date(), "read_date", v);
    const platform::Revision revision = platform::RevisionBy(call.principal().subject, *clock_);
    ASSIGN_OR_RETURN(Exchange e, ChangeExchange(call, request->name(), request->etag(), v,
                                                [&](Exchange& x, const ContactArrangement&, Reader as, soci::session&) {
                                                  if (as != Reader::kRecipient) {
                                                    return absl::PermissionDeniedError(
                                                        "only the recipient marks an item read");
                                                  }
                                                  return letterbox::MarkExchangeRead(x, day, revision);
                                                }));
    *response = ToProto(e, Reader::kRecipient);
    return absl::OkStatus();
  });
}

grpc::Status LetterboxApi::ListDueExchanges(Ctx* ctx, const pb::ListDueExchangesRequest* request,
                                            pb::ListDueExchangesResponse* response) {
  return rpc_->Run(ctx, "ListDueExchanges", [&](Call& call) -> absl::Status {
    platform::Validation v;
    ScheduleQuery query;
    query.arrangement_id = ArrangementOfParent(request->parent(), v);
    query.page = call.ParsePage(request->page_size(), request->page_token(),
                                absl::StrCat(request->parent(), "|", request->filter()), v);
    platform::Filter filter =
        platform::ParseFilter(request->filter(), {"overdue", "reminder_due", "awaiting_reply", "local_authority"}, v);
    const bool overdue = platform::BoolFilter(filter, "overdue", v).value_or(false);
    const bool reminder = platform::BoolFilter(filter, "reminder_due", v).value_or(false);
    const bool awaiting = platform::BoolFilter(filter, "awaiting_reply", v).value_or(false);
    if (const std::string* la = filter.Find("local_authority")) query.local_authority = *la;
    RETURN_IF_ERROR(v.Status());
    const platform::Date today = clock_->Today();
    ASSIGN_OR_RETURN(ScheduleRules rules, ScheduleRules::On(*statutory_, today));
    if (overdue) query.due_before = today - rules.overdue_grace_days;
    if (reminder) {
      query.due_from = today;
      query.due_until = today + rules.reminder_days_before;
    }
    if (awaiting) query.forwarded_before = today - rules.reply_expected_days;
    query.coverage = call.coverage();
    return db_->Read([&](soci::session& sql) -> absl::Status {
      response->Clear();  // a retried attempt (platform/db/db.h) starts the page again
      std::vector<ScheduleRow> page = schedule_->List(sql, query);
      std::map<std::string, ContactArrangement> arrangements;
      for (const ScheduleRow& row : page) {
        auto it = arrangements.find(row.arrangement_id);
        if (it == arrangements.end()) {
          std::optional<ContactArrangement> a = arrangements_->Get(sql, row.arrangement_id);
          if (!a) return absl::InternalError("a schedule's arrangement is missing");
          call.AuditRead(kArrangementResource, a->id);
          it = arrangements.emplace(row.arrangement_id, *std::move(a)).first;
        }
        const ContactArrangement& a = it->second;
        const PartySchedule& s = row.schedule;
        const Standing standing = StandingOf(s, a, today, rules);
        pb::DueExchange* out = response->add_due_exchanges();
        out->set_contact_arrangement(ArrangementName(a.id));
        out->set_party_id(s.party_id);
        for (const Party& p : a.details.parties) {
          if (p.party_id == s.party_id) out->set_display_name(p.display_name);
        }
        if (s.next_due) *out->mutable_due_date() = platform::DateToProto(*s.next_due);
        out->set_overdue(standing.overdue);
        out->set_reminder_due(standing.reminder_due);
        out->set_awaiting_reply(standing.awaiting_reply);
        out->set_missed(standing.missed);
        if (s.last_sent) *out->mutable_last_sent_date() = platform::DateToProto(*s.last_sent);
        if (s.last_forwarded) *out->mutable_last_forwarded_date() = platform::DateToProto(*s.last_forwarded);
      }
      response->set_next_page_token(platform::NextPageToken(page, query.page));
      return absl::OkStatus();
    });
  });
}

void AddGauges(platform::DatabaseGauges& gauges, ContactArrangementStore* arrangements, ExchangeStore* exchanges,
               ScheduleStore* schedule, const platform::StatutoryTable* statutory, const platform::Clock* clock) {
  gauges.Add("letterbox_exchanges_awaiting_review",
             "Letterbox items received and not yet approved, returned or withheld.",
             [exchanges](soci::session& sql) -> absl::StatusOr<double> {
               return static_cast<double>(exchanges->CountAwaitingReview(sql));
             });
  gauges.Add("letterbox_exchanges_overdue",
             "Parties of active letterbox arrangements whose item is the configured grace days past due.",
             [schedule, statutory, clock](soci::session& sql) -> absl::StatusOr<double> {
               const platform::Date today = clock->Today();
               ASSIGN_OR_RETURN(ScheduleRules rules, ScheduleRules::On(*statutory, today));
               return static_cast<double>(schedule->CountDueBefore(sql, today - rules.overdue_grace_days));
             });
  gauges.Add("letterbox_arrangement_reviews_overdue", "Contact arrangements not ended whose review date has passed.",
             [arrangements, clock](soci::session& sql) -> absl::StatusOr<double> {
               return static_cast<double>(arrangements->CountReviewsBefore(sql, clock->Today()));
             });
}

grpc::Status LetterboxApi::GetExchangeAttachment(Ctx* ctx, const pb::GetExchangeAttachmentRequest* request,
                                                 pb::Attachment* response) {
  return rpc_->Run(ctx, "GetExchangeAttachment", [&](Call& call) -> absl::Status {
    // contactArrangements/{a}/exchanges/{e}/versions/{n}/attachments/{i}
    platform::Validation v;
    std::vector<std::string> parts = absl::StrSplit(request->name(), '/');
    int number = 0, index = -1;
    bool shaped = parts.size() == 8 && parts[4] == "versions" && parts[6] == "attachments" &&
                  absl::SimpleAtoi(parts[5], &number) && absl::SimpleAtoi(parts[7], &index) && number >= 1 &&
                  index >= 0;
    std::string exchange_name = shaped ? absl::StrJoin(parts.begin(), parts.begin() + 4, "/") : "";
    auto [arrangement_id, id] =
        platform::IdsFromName(exchange_name, {"contactArrangements", "exchanges"}, "name", v);
    if (!shaped) {
      v.Add("name", "must be contactArrangements/{id}/exchanges/{id}/versions/{number}/attachments/{index}");
    }
    RETURN_IF_ERROR(v.Status());
    return db_->Read([&](soci::session& sql) -> absl::Status {
      std::optional<Exchange> e = exchanges_->Get(sql, id);
      if (!e || e->arrangement_id != arrangement_id) return platform::NotFound(request->name());
      std::optional<ContactArrangement> a = arrangements_->Get(sql, arrangement_id);
      if (!a) return platform::NotFound(request->name());
      RETURN_IF_ERROR(call.Reveal(ExchangeScope(*e, *a), request->name()));
      // The versions the reader may see: a recipient the redacted one only; a sender
      // their own.
      Reader reader = ReaderOf(call, *e, *a);
      if (number > static_cast<int>(e->versions.size())) return platform::NotFound(request->name());
      const ExchangeVersion& version = e->versions[static_cast<size_t>(number - 1)];
      bool visible = reader == Reader::kCoordinator ||
                     (reader == Reader::kSender && version.origin != ExchangeVersion::Origin::kRedacted) ||
                     (reader == Reader::kRecipient && VersionForRecipient(*e) == &version);
      if (!visible || index >= static_cast<int>(version.attachments.size())) {
        return platform::NotFound(request->name());
      }
      const Attachment& att = version.attachments[static_cast<size_t>(index)];
      std::optional<std::string> data = exchanges_->File(sql, att.sha256);
      if (!data) return absl::DataLossError("an attachment's file is missing");
      call.AuditRead(kExchangeResource, id);
      response->set_media_type(att.media_type);
      response->set_description(att.description);
      response->set_sha256(att.sha256);
      response->set_size_bytes(att.size_bytes);
      response->set_data(*std::move(data));
      return absl::OkStatus();
    });
  });
}

}  // namespace letterbox
