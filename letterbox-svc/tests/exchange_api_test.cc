// Exchanges through the API over a real gRPC port, on SQLite (unit) and MariaDB
// (integration): the whole life of an item, what each reader sees, the families'
// own tokens, bad input, and every grant's reach.
#include <grpcpp/impl/codegen/client_unary_call.h>

#include <algorithm>
#include <set>

#include <prometheus/registry.h>

#include "absl/strings/str_cat.h"

#include "letterbox-svc/api/familyfinding_events.h"
#include "letterbox-svc/tests/letterbox_api_fixture.h"
#include "platform/rpc/proto_convert.h"

namespace letterbox {
namespace {

using namespace letterbox::testing;  // NOLINT: the fixture and its requests
using platform::testing::ViolatedFields;

constexpr char kFamilyAccount[] = "family-account";
constexpr char kMotherAccount[] = "mother-account";

// The fixture's arrangement with both sides online and the agency's knowledge of
// the adoptive family.
pb::CreateContactArrangementRequest OnlineCreate(const std::string& request_id) {
  pb::CreateContactArrangementRequest r = ValidCreate(request_id);
  pb::Party* family = r.mutable_contact_arrangement()->mutable_parties(0);
  family->set_account(kFamilyAccount);
  auto* surname = family->add_known_details();
  surname->set_kind(pb::IDENTIFYING_DETAIL_KIND_SURNAME);
  surname->set_text("Featherstone");
  auto* school = family->add_known_details();
  school->set_kind(pb::IDENTIFYING_DETAIL_KIND_SCHOOL);
  school->set_text("Hollybrook C of E Primary School");
  r.mutable_contact_arrangement()->mutable_parties(1)->set_account(kMotherAccount);
  return r;
}

constexpr char kLetter[] =
    "Dear Kelly,\nLily is 5 now and loves Hollybrook, her teacher is lovely. The Featherstone cousins came "
    "for Easter. Love, Mum and Dad";

class ExchangeApiTest : public LetterboxApiTest {
 protected:
  void SetUp() override {
    LetterboxApiTest::SetUp();
    if (IsSkipped()) return;  // the backend is not here
    ASSERT_TRUE(Create(OnlineCreate("arrangement"), &arrangement_).ok());
    family_ = arrangement_.parties(0).party_id();
    mother_ = arrangement_.parties(1).party_id();
  }

  pb::CreateExchangeRequest Letter(const std::string& request_id, const std::string& text = kLetter) {
    pb::CreateExchangeRequest r;
    r.set_parent(arrangement_.name());
    r.set_request_id(request_id);
    pb::Exchange* e = r.mutable_exchange();
    e->set_sender(family_);
    e->set_recipient(mother_);
    e->set_item_kind(pb::ITEM_KIND_LETTER);
    e->set_content(text);
    return r;
  }

  // A coordinator of the arrangement's authority, or a family's token for a party.
  static void As(grpc::ClientContext& ctx, Role role, const std::string& party = "") {
    if (party.empty()) {
      Authorize(ctx, {role});
      return;
    }
    Authorize(ctx, platform::TokenRequest{.subject = party + "-user", .roles = {role}, .party = party});
  }

  grpc::Status Send(const pb::CreateExchangeRequest& r, pb::Exchange* out, Role role = Role::kLetterboxCoordinator,
                    const std::string& party = "") {
    grpc::ClientContext ctx;
    As(ctx, role, party);
    return stub_->CreateExchange(&ctx, r, out);
  }
  grpc::Status Get(const std::string& name, pb::Exchange* out, Role role = Role::kLetterboxCoordinator,
                   const std::string& party = "") {
    grpc::ClientContext ctx;
    As(ctx, role, party);
    pb::GetExchangeRequest r;
    r.set_name(name);
    return stub_->GetExchange(&ctx, r, out);
  }
  grpc::Status ListAll(pb::ListExchangesResponse* out, Role role, const std::string& party = "") {
    grpc::ClientContext ctx;
    As(ctx, role, party);
    pb::ListExchangesRequest r;
    r.set_parent("contactArrangements/-");
    return stub_->ListExchanges(&ctx, r, out);
  }
  grpc::Status StartReview(const pb::Exchange& e, pb::Exchange* out) {
    grpc::ClientContext ctx;
    As(ctx, Role::kLetterboxCoordinator);
    pb::StartExchangeReviewRequest r;
    r.set_name(e.name());
    r.set_etag(e.etag());
    return stub_->StartExchangeReview(&ctx, r, out);
  }
  grpc::Status Approve(const pb::Exchange& e, pb::Exchange* out, std::vector<int> withheld = {}) {
    grpc::ClientContext ctx;
    As(ctx, Role::kLetterboxCoordinator);
    pb::ApproveExchangeRequest r;
    r.set_name(e.name());
    r.set_etag(e.etag());
    for (int i : withheld) r.add_withheld_attachments(i);
    return stub_->ApproveExchange(&ctx, r, out);
  }
  grpc::Status Forward(const pb::Exchange& e, pb::Exchange* out) {
    grpc::ClientContext ctx;
    As(ctx, Role::kLetterboxCoordinator);
    pb::ForwardExchangeRequest r;
    r.set_name(e.name());
    r.set_etag(e.etag());
    return stub_->ForwardExchange(&ctx, r, out);
  }
  grpc::Status Return(const pb::Exchange& e, pb::Exchange* out, const std::string& note) {
    grpc::ClientContext ctx;
    As(ctx, Role::kLetterboxCoordinator);
    pb::ReturnExchangeRequest r;
    r.set_name(e.name());
    r.set_etag(e.etag());
    r.set_note(note);
    return stub_->ReturnExchange(&ctx, r, out);
  }
  grpc::Status Withhold(const pb::Exchange& e, pb::Exchange* out) {
    grpc::ClientContext ctx;
    As(ctx, Role::kLetterboxCoordinator);
    pb::WithholdExchangeRequest r;
    r.set_name(e.name());
    r.set_etag(e.etag());
    r.set_reason(pb::WITHHELD_REASON_SAFEGUARDING);
    return stub_->WithholdExchange(&ctx, r, out);
  }
  grpc::Status MarkRead(const pb::Exchange& e, pb::Exchange* out, Role role, const std::string& party) {
    grpc::ClientContext ctx;
    As(ctx, role, party);
    pb::MarkExchangeReadRequest r;
    r.set_name(e.name());
    r.set_etag(e.etag());
    return stub_->MarkExchangeRead(&ctx, r, out);
  }
  grpc::Status Attachment(const std::string& name, pb::Attachment* out, Role role, const std::string& party = "") {
    grpc::ClientContext ctx;
    As(ctx, role, party);
    pb::GetExchangeAttachmentRequest r;
    r.set_name(name);
    return stub_->GetExchangeAttachment(&ctx, r, out);
  }

  // An item from the family, taken through the coordinator's verbs to `status`.
  pb::Exchange ItemIn(pb::ExchangeStatus status, const std::string& request_id) {
    pb::Exchange e;
    EXPECT_TRUE(Send(Letter(request_id), &e).ok());
    auto step = [&](grpc::Status s) { EXPECT_TRUE(s.ok()) << s.error_message(); };
    switch (status) {
      case pb::EXCHANGE_STATUS_IN_REVIEW:
        step(StartReview(e, &e));
        break;
      case pb::EXCHANGE_STATUS_APPROVED:
        step(Approve(e, &e));
        break;
      case pb::EXCHANGE_STATUS_FORWARDED:
        step(Approve(e, &e));
        step(Forward(e, &e));
        break;
      case pb::EXCHANGE_STATUS_RETURNED_FOR_CHANGES:
        step(Return(e, &e, "Please leave out the school's name."));
        break;
      case pb::EXCHANGE_STATUS_WITHHELD:
        step(Withhold(e, &e));
        break;
      default:
        break;
    }
    EXPECT_EQ(e.status(), status);
    return e;
  }

  pb::ContactArrangement arrangement_;
  std::string family_, mother_;
};

bool Flagged(const pb::Exchange& e, pb::IdentifyingDetailKind kind, const std::string& text) {
  for (const auto& f : e.flags()) {
    if (f.kind() == kind && f.text() == text) return true;
  }
  return false;
}

TEST_P(ExchangeApiTest, AnItemGoesFromReceiptToReadAndOnlyItsRedactedVersionReachesTheRecipient) {
  pb::Exchange e;
  ASSERT_TRUE(Send(Letter("letter-1"), &e).ok());
  EXPECT_EQ(e.status(), pb::EXCHANGE_STATUS_RECEIVED);
  EXPECT_EQ(e.content(), kLetter);
  EXPECT_EQ(e.content_sha256().size(), 64u);
  // The agency's knowledge found the school by its own name and the surname.
  EXPECT_TRUE(Flagged(e, pb::IDENTIFYING_DETAIL_KIND_SCHOOL, "Hollybrook")) << e.DebugString();
  EXPECT_TRUE(Flagged(e, pb::IDENTIFYING_DETAIL_KIND_SURNAME, "Featherstone")) << e.DebugString();
  for (const auto& f : e.flags()) EXPECT_FALSE(f.reason().empty());
  // Received on the clock's day.
  EXPECT_EQ(e.received_date().day(), clock_.Today().day());

  ASSERT_TRUE(StartReview(e, &e).ok());
  EXPECT_EQ(e.status(), pb::EXCHANGE_STATUS_IN_REVIEW);
  ASSERT_TRUE(Approve(e, &e).ok());
  EXPECT_EQ(e.status(), pb::EXCHANGE_STATUS_APPROVED);
  EXPECT_EQ(e.redacted_content().find("Featherstone"), std::string::npos) << e.redacted_content();
  EXPECT_EQ(e.redacted_content().find("Hollybrook"), std::string::npos) << e.redacted_content();
  EXPECT_NE(e.redacted_content().find("[removed by the agency]"), std::string::npos);
  ASSERT_EQ(e.versions_size(), 2);
  EXPECT_EQ(e.versions(1).origin(), pb::VERSION_ORIGIN_REDACTED);
  EXPECT_NE(e.versions(0).content_sha256(), e.versions(1).content_sha256());

  // Before forwarding the birth mother's token finds nothing.
  pb::Exchange seen;
  EXPECT_EQ(Get(e.name(), &seen, Role::kBirthRelative, kMotherAccount).error_code(), grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(Forward(e, &e).ok());
  EXPECT_EQ(e.status(), pb::EXCHANGE_STATUS_FORWARDED);

  ASSERT_TRUE(Get(e.name(), &seen, Role::kBirthRelative, kMotherAccount).ok());
  EXPECT_EQ(seen.redacted_content(), e.redacted_content());
  EXPECT_TRUE(seen.content().empty());
  EXPECT_EQ(seen.flags_size(), 0);
  EXPECT_EQ(seen.redactions_size(), 0);
  EXPECT_EQ(seen.versions_size(), 0);
  EXPECT_EQ(seen.content_sha256(), e.versions(1).content_sha256());
  EXPECT_FALSE(seen.has_record_info());

  // The coordinator cannot mark it read; the recipient can.
  EXPECT_EQ(MarkRead(e, &seen, Role::kAdopter, kFamilyAccount).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(MarkRead(e, &seen, Role::kBirthRelative, kMotherAccount).ok());
  EXPECT_EQ(seen.status(), pb::EXCHANGE_STATUS_READ);
  EXPECT_TRUE(seen.content().empty());
  // Every read and write was audited (the arrangement's create, the item's create,
  // four verbs, the recipient's read and their marking it read; refusals are not
  // reads); history keeps each earlier row.
  EXPECT_EQ(Rows("exchange_history"), 4);
  EXPECT_EQ(Rows("exchange_versions"), 2);
  EXPECT_EQ(Rows("audit_log"), 7);
}

TEST_P(ExchangeApiTest, AReturnedItemIsRewrittenByItsSenderAsANewVersion) {
  pb::Exchange e = ItemIn(pb::EXCHANGE_STATUS_RETURNED_FOR_CHANGES, "returned");
  // The family's own token sees its item, the status and what to change; not the flags.
  pb::Exchange mine;
  ASSERT_TRUE(Get(e.name(), &mine, Role::kAdopter, kFamilyAccount).ok());
  EXPECT_EQ(mine.status(), pb::EXCHANGE_STATUS_RETURNED_FOR_CHANGES);
  EXPECT_EQ(mine.return_note(), "Please leave out the school's name.");
  EXPECT_EQ(mine.content(), kLetter);
  EXPECT_EQ(mine.flags_size(), 0);
  EXPECT_TRUE(mine.withheld_note().empty());

  grpc::ClientContext ctx;
  Authorize(ctx, platform::TokenRequest{.subject = "u", .roles = {Role::kAdopter}, .party = kFamilyAccount});
  pb::ResubmitExchangeRequest r;
  r.set_name(e.name());
  r.set_etag(mine.etag());
  r.set_content("Dear Kelly,\nLily is 5 now and loves school. Love, Mum and Dad");
  pb::Exchange rewritten;
  grpc::Status s = stub_->ResubmitExchange(&ctx, r, &rewritten);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(rewritten.status(), pb::EXCHANGE_STATUS_RECEIVED);
  ASSERT_EQ(rewritten.versions_size(), 2);
  EXPECT_EQ(rewritten.versions(0).content(), kLetter);
  EXPECT_EQ(rewritten.versions(1).origin(), pb::VERSION_ORIGIN_REWRITTEN);
  pb::Exchange coordinator;
  ASSERT_TRUE(Get(e.name(), &coordinator).ok());
  EXPECT_EQ(coordinator.flags_size(), 0) << coordinator.DebugString();
  // The birth mother can neither rewrite it nor see it.
  grpc::ClientContext other;
  Authorize(other, platform::TokenRequest{.subject = "m", .roles = {Role::kBirthRelative}, .party = kMotherAccount});
  r.set_etag(rewritten.etag());
  EXPECT_EQ(stub_->ResubmitExchange(&other, r, &rewritten).error_code(), grpc::StatusCode::NOT_FOUND);
}

// A birth relative's token never reads an unapproved version, the unredacted text,
// the agency's knowledge, or another arrangement's item.
TEST_P(ExchangeApiTest, ABirthRelativesTokenSeesOnlyForwardedRedactedItemsAddressedToThem) {
  struct Case {
    pb::ExchangeStatus status;
    bool visible;
  };
  const std::vector<Case> cases = {
      {pb::EXCHANGE_STATUS_RECEIVED, false},   {pb::EXCHANGE_STATUS_IN_REVIEW, false},
      {pb::EXCHANGE_STATUS_APPROVED, false},   {pb::EXCHANGE_STATUS_RETURNED_FOR_CHANGES, false},
      {pb::EXCHANGE_STATUS_WITHHELD, false},   {pb::EXCHANGE_STATUS_FORWARDED, true},
  };
  // Another arrangement with the same birth mother's account on neither side.
  pb::ContactArrangement other;
  pb::CreateContactArrangementRequest second = OnlineCreate("other-arrangement");
  second.mutable_contact_arrangement()->mutable_parties(1)->set_account("another-mother");
  ASSERT_TRUE(Create(second, &other).ok());
  pb::CreateExchangeRequest foreign = Letter("foreign");
  foreign.set_parent(other.name());
  foreign.mutable_exchange()->set_sender(other.parties(0).party_id());
  foreign.mutable_exchange()->set_recipient(other.parties(1).party_id());
  pb::Exchange elsewhere;
  ASSERT_TRUE(Send(foreign, &elsewhere).ok());
  ASSERT_TRUE(Approve(elsewhere, &elsewhere).ok());
  ASSERT_TRUE(Forward(elsewhere, &elsewhere).ok());

  int n = 0;
  std::set<std::string> forwarded;
  for (const Case& c : cases) {
    pb::Exchange e = ItemIn(c.status, "case-" + std::to_string(++n));
    if (c.visible) forwarded.insert(e.name());
    pb::Exchange seen;
    grpc::Status s = Get(e.name(), &seen, Role::kBirthRelative, kMotherAccount);
    SCOPED_TRACE(pb::ExchangeStatus_Name(c.status));
    if (!c.visible) {
      EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
      pb::Attachment file;
      EXPECT_EQ(Attachment(e.name() + "/versions/1/attachments/0", &file, Role::kBirthRelative, kMotherAccount)
                    .error_code(),
                grpc::StatusCode::NOT_FOUND);
      continue;
    }
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_TRUE(seen.content().empty());
    EXPECT_EQ(seen.redacted_content().find("Featherstone"), std::string::npos);
    EXPECT_EQ(seen.flags_size() + seen.redactions_size() + seen.versions_size(), 0);
  }
  // Their list holds only the forwarded item; the other arrangement's is not there.
  pb::ListExchangesResponse listed;
  ASSERT_TRUE(ListAll(&listed, Role::kBirthRelative, kMotherAccount).ok());
  std::set<std::string> names;
  for (const auto& e : listed.exchanges()) {
    names.insert(e.name());
    EXPECT_TRUE(e.content().empty());
  }
  EXPECT_EQ(names, forwarded);
  pb::Exchange seen;
  EXPECT_EQ(Get(elsewhere.name(), &seen, Role::kBirthRelative, kMotherAccount).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // The arrangement, with the agency's knowledge, is never theirs to read.
  grpc::ClientContext ctx;
  Authorize(ctx, platform::TokenRequest{.subject = "m", .roles = {Role::kBirthRelative}, .party = kMotherAccount});
  pb::GetContactArrangementRequest get;
  get.set_name(arrangement_.name());
  pb::ContactArrangement a;
  EXPECT_EQ(stub_->GetContactArrangement(&ctx, get, &a).error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_P(ExchangeApiTest, AFamilySendsOnlyAsItself) {
  pb::Exchange e;
  // The family writes through its own token.
  grpc::Status s = Send(Letter("own"), &e, Role::kAdopter, kFamilyAccount);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(e.status(), pb::EXCHANGE_STATUS_RECEIVED);
  EXPECT_EQ(e.flags_size(), 0);  // the sender never sees the agency's flags
  // Not as the birth mother, and not on an arrangement it is not a party to.
  pb::CreateExchangeRequest impersonated = Letter("impersonated");
  impersonated.mutable_exchange()->set_sender(mother_);
  impersonated.mutable_exchange()->set_recipient(family_);
  EXPECT_EQ(Send(impersonated, &e, Role::kAdopter, kFamilyAccount).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Send(Letter("stranger"), &e, Role::kAdopter, "someone-else").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Rows("exchanges"), 1);
}

TEST_P(ExchangeApiTest, AttachmentsAreKeptByHashAndAWithheldOneNeverReachesTheRecipient) {
  pb::CreateExchangeRequest r = Letter("with-photo");
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR-some-bytes", 24);
  pb::Attachment* photo = r.mutable_exchange()->add_attachments();
  photo->set_media_type("image/png");
  photo->set_description("Lily on the beach");
  photo->set_data(png);
  pb::Attachment* drawing = r.mutable_exchange()->add_attachments();
  drawing->set_media_type("image/png");
  drawing->set_description("Lily in her school uniform");
  drawing->set_data(png + "2");
  pb::Exchange e;
  ASSERT_TRUE(Send(r, &e).ok());
  ASSERT_EQ(e.attachments_size(), 2);
  EXPECT_TRUE(e.attachments(0).data().empty());
  EXPECT_EQ(e.attachments(0).size_bytes(), 24);
  pb::Attachment file;
  ASSERT_TRUE(Attachment(e.name() + "/versions/1/attachments/0", &file, Role::kLetterboxCoordinator).ok());
  EXPECT_EQ(file.data(), png);
  EXPECT_EQ(file.sha256(), e.attachments(0).sha256());

  ASSERT_TRUE(Approve(e, &e, {1}).ok());
  ASSERT_TRUE(Forward(e, &e).ok());
  pb::Exchange seen;
  ASSERT_TRUE(Get(e.name(), &seen, Role::kBirthRelative, kMotherAccount).ok());
  ASSERT_EQ(seen.attachments_size(), 1);
  EXPECT_EQ(seen.attachments(0).description(), "Lily on the beach");
  ASSERT_TRUE(Attachment(e.name() + "/versions/2/attachments/0", &file, Role::kBirthRelative, kMotherAccount).ok());
  EXPECT_EQ(file.data(), png);
  // The original version's files are not the recipient's.
  EXPECT_EQ(Attachment(e.name() + "/versions/1/attachments/1", &file, Role::kBirthRelative, kMotherAccount)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  // One file row per distinct file.
  EXPECT_EQ(Rows("exchange_files"), 2);
}

TEST_P(ExchangeApiTest, BadInputNamesTheFieldAndWritesNothing) {
  pb::Exchange e;
  // A 1 MiB letter.
  grpc::Status s = Send(Letter("huge", std::string(1 << 20, 'a')), &e);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"exchange.content"});
  // Control characters.
  s = Send(Letter("escape", "Hello \x1b[31m there"), &e);
  EXPECT_EQ(ViolatedFields(s), std::vector<std::string>{"exchange.content"});
  // No sender, an unknown recipient, no kind, a malformed parent.
  pb::CreateExchangeRequest r = Letter("");
  r.mutable_exchange()->set_sender("");
  r.mutable_exchange()->set_item_kind(pb::ITEM_KIND_UNSPECIFIED);
  s = Send(r, &e);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<std::string> fields = ViolatedFields(s);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "request_id"), fields.end()) << s.error_message();
  EXPECT_NE(std::find(fields.begin(), fields.end(), "exchange.item_kind"), fields.end()) << s.error_message();
  r = Letter("bad-parent");
  r.set_parent("contactArrangements/not-an-id");
  EXPECT_EQ(ViolatedFields(Send(r, &e)), std::vector<std::string>{"parent"});
  EXPECT_EQ(Rows("exchanges"), 0);
  EXPECT_EQ(Rows("exchange_versions"), 0);
  EXPECT_EQ(Rows("create_requests"), 1);  // the arrangement's

  // Verbs: a malformed name, a stale etag, a redaction out of range, a verb out of order.
  pb::Exchange item = ItemIn(pb::EXCHANGE_STATUS_RECEIVED, "item");
  pb::Exchange stale = item;
  ASSERT_TRUE(StartReview(item, &item).ok());
  pb::Exchange out;
  EXPECT_EQ(StartReview(stale, &out).error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(Forward(item, &out).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kLetterboxCoordinator});
  pb::ApproveExchangeRequest approve;
  approve.set_name(item.name());
  approve.set_etag(item.etag());
  auto* span = approve.add_redactions();
  span->set_kind(pb::IDENTIFYING_DETAIL_KIND_SURNAME);
  span->set_start_offset(5);
  span->set_end_offset(100000);
  EXPECT_EQ(ViolatedFields(stub_->ApproveExchange(&ctx, approve, &out)),
            std::vector<std::string>{"redactions[0].end_offset"});
  pb::Exchange missing;
  missing.set_name("contactArrangements/x/exchanges/y");
  missing.set_etag("1");
  EXPECT_EQ(ViolatedFields(StartReview(missing, &out)), std::vector<std::string>{"name"});
  EXPECT_EQ(Rows("exchange_history"), 1);  // only the review that started
}

// The schedule: who owes an item and since when, answered by the items received, and
// who is waiting for a reply; with the reviews never held, in the lists and gauges.
TEST_P(ExchangeApiTest, TheScheduleFollowsTheItemsAndTheListsAndGaugesShowWhatIsOwed) {
  platform::DatabaseGauges gauges(&host_->db(), &host_->metrics().registry(), std::chrono::seconds(60));
  AddGauges(gauges, &store_, &exchanges_, &schedule_, &platform::StatutoryTable::Defaults(), &clock_);
  auto gauge = [&](const std::string& name) {
    gauges.Refresh();
    return platform::testing::MetricValue(host_->metrics().registry(), name).value_or(-1);
  };
  auto due = [&](const std::string& filter) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kLetterboxCoordinator});
    pb::ListDueExchangesRequest r;
    r.set_parent("contactArrangements/-");
    r.set_filter(filter);
    pb::ListDueExchangesResponse out;
    grpc::Status s = stub_->ListDueExchanges(&ctx, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<std::string> who;
    for (const auto& d : out.due_exchanges()) {
      who.push_back(absl::StrCat(d.display_name(), " ", d.due_date().year(), "-", d.due_date().month(), "-",
                                 d.due_date().day(), d.overdue() ? " overdue" : "", d.reminder_due() ? " remind" : "",
                                 d.awaiting_reply() ? " no-reply" : "", " missed ", d.missed()));
    }
    std::sort(who.begin(), who.end());  // the page's order is the rows' ids
    return who;
  };
  // Yearly in May from 1 April 2025, two-way: both sides owe 31 May 2025.
  clock_.Set(platform::Date(2025, 5, 20));
  EXPECT_EQ(due("reminder_due = true"),
            (std::vector<std::string>{"Kelly 2025-5-31 remind missed 0", "Mum and Dad 2025-5-31 remind missed 0"}));
  EXPECT_TRUE(due("overdue = true").empty());
  clock_.Set(platform::Date(2025, 7, 1));
  EXPECT_EQ(due("overdue = true").size(), 2u);
  EXPECT_EQ(gauge("letterbox_exchanges_overdue"), 2);
  // The family's letter, with no due date, answers the one owed.
  pb::Exchange e;
  ASSERT_TRUE(Send(Letter("late"), &e).ok());
  EXPECT_EQ(e.due_date().year(), 2025);
  EXPECT_EQ(e.due_date().month(), 5);
  EXPECT_EQ(gauge("letterbox_exchanges_awaiting_review"), 1);
  EXPECT_EQ(due("overdue = true"), std::vector<std::string>{"Kelly 2025-5-31 overdue missed 1"});
  EXPECT_EQ(gauge("letterbox_exchanges_overdue"), 1);
  ASSERT_TRUE(Approve(e, &e).ok());
  ASSERT_TRUE(Forward(e, &e).ok());  // forwarded 1 July
  EXPECT_EQ(gauge("letterbox_exchanges_awaiting_review"), 0);
  // Eight weeks (56 days) on, Kelly has not replied; a year on she owes two.
  clock_.Set(platform::Date(2025, 8, 26));
  EXPECT_TRUE(due("awaiting_reply = true").empty());
  clock_.Set(platform::Date(2025, 8, 27));
  EXPECT_EQ(due("awaiting_reply = true"), std::vector<std::string>{"Kelly 2025-5-31 overdue no-reply missed 1"});
  clock_.Set(platform::Date(2026, 7, 1));
  EXPECT_EQ(due("overdue = true"), (std::vector<std::string>{"Kelly 2025-5-31 overdue no-reply missed 2",
                                                             "Mum and Dad 2026-5-31 overdue missed 1"}));
  // Bad filters are named.
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kLetterboxCoordinator});
  pb::ListDueExchangesRequest bad;
  bad.set_parent("contactArrangements/-");
  bad.set_filter("overdue = maybe");
  pb::ListDueExchangesResponse out;
  EXPECT_EQ(ViolatedFields(stub_->ListDueExchanges(&ctx, bad, &out)), std::vector<std::string>{"filter"});

  // Kelly leaves the arrangement (her mother takes her place): she owes nothing now.
  {
    grpc::ClientContext c;
    Authorize(c, {Role::kLetterboxCoordinator});
    pb::GetContactArrangementRequest get;
    get.set_name(arrangement_.name());
    pb::ContactArrangement current;
    ASSERT_TRUE(stub_->GetContactArrangement(&c, get, &current).ok());
    pb::UpdateContactArrangementRequest u;
    *u.mutable_contact_arrangement() = current;
    pb::Party* nan = u.mutable_contact_arrangement()->mutable_parties(1);
    nan->Clear();
    nan->set_role(pb::PARTY_ROLE_GRANDPARENT);
    nan->set_display_name("Nan");
    u.mutable_update_mask()->add_paths("parties");
    grpc::ClientContext c2;
    Authorize(c2, {Role::kLetterboxCoordinator});
    pb::ContactArrangement updated;
    grpc::Status s = stub_->UpdateContactArrangement(&c2, u, &updated);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  EXPECT_EQ(due("overdue = true"), (std::vector<std::string>{"Mum and Dad 2026-5-31 overdue missed 1",
                                                             "Nan 2025-5-31 overdue missed 2"}));

  // The arrangement's first review (1 April 2026) has not been held: listed, and counted.
  auto arrangements = [&](const std::string& filter) {
    grpc::ClientContext c;
    Authorize(c, {Role::kLetterboxCoordinator});
    pb::ListContactArrangementsRequest r;
    r.set_filter(filter);
    pb::ListContactArrangementsResponse listed;
    EXPECT_TRUE(stub_->ListContactArrangements(&c, r, &listed).ok());
    return listed.contact_arrangements_size();
  };
  EXPECT_EQ(arrangements("review_overdue = true"), 1);
  EXPECT_EQ(arrangements("never_reviewed = true"), 1);
  EXPECT_EQ(gauge("letterbox_arrangement_reviews_overdue"), 1);
  clock_.Set(platform::Date(2026, 3, 1));
  EXPECT_EQ(arrangements("review_overdue = true"), 0);
  EXPECT_EQ(gauge("letterbox_arrangement_reviews_overdue"), 0);
}

// Set up from the support plan before the order, an arrangement starts when family
// finding's log says the order was made: nothing is exchanged or due before.
TEST_P(ExchangeApiTest, AnAdoptionOrderStartsThePlannedArrangementOnce) {
  pb::CreateContactArrangementRequest planned = OnlineCreate("planned");
  planned.mutable_contact_arrangement()->set_child("children/01jz0000000000000000000c77");
  planned.mutable_contact_arrangement()->set_status(pb::ARRANGEMENT_STATUS_PLANNED);
  pb::ContactArrangement a;
  ASSERT_TRUE(Create(planned, &a).ok());
  EXPECT_EQ(a.status(), pb::ARRANGEMENT_STATUS_PLANNED);
  pb::CreateExchangeRequest early = Letter("too-early");
  early.set_parent(a.name());
  early.mutable_exchange()->set_sender(a.parties(0).party_id());
  early.mutable_exchange()->set_recipient(a.parties(1).party_id());
  pb::Exchange e;
  EXPECT_EQ(Send(early, &e).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  adoption::events::v1::AdoptionOrderGranted order;
  order.set_child("children/01jz0000000000000000000c77");
  order.set_household("households/01jz0000000000000000000h77");
  *order.mutable_order_date() = platform::DateToProto(platform::Date(2025, 9, 18));
  order.set_local_authority("E09000006");
  auto apply = [&](long long sequence) {
    adoption::events::v1::EventRecord record;
    record.set_sequence(sequence);
    record.set_event_id("order-" + std::to_string(sequence));
    record.set_event_type(order.GetDescriptor()->full_name());
    record.mutable_payload()->PackFrom(order);
    auto handlers = FamilyFindingEventHandlers(&store_, &exchanges_, &schedule_,
                                               &platform::StatutoryTable::Defaults(), &clock_);
    return host_->db().Transaction(
        [&](soci::session& tx) { return handlers.at(order.GetDescriptor()->full_name())(tx, record); });
  };
  ASSERT_TRUE(apply(1).ok());
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kLetterboxCoordinator});
  pb::GetContactArrangementRequest get;
  get.set_name(a.name());
  pb::ContactArrangement started;
  ASSERT_TRUE(stub_->GetContactArrangement(&ctx, get, &started).ok());
  EXPECT_EQ(started.status(), pb::ARRANGEMENT_STATUS_ACTIVE);
  EXPECT_EQ(started.start_date().month(), 9);
  EXPECT_EQ(started.start_date().day(), 18);
  EXPECT_EQ(started.next_review_date().year(), 2026);
  EXPECT_EQ(started.record_info().updated_by(), "familyfinding-svc");
  // A replay changes nothing; the arrangement now takes letters, the first due in May.
  ASSERT_TRUE(apply(1).ok());
  grpc::ClientContext again;
  Authorize(again, {Role::kLetterboxCoordinator});
  pb::ContactArrangement same;
  ASSERT_TRUE(stub_->GetContactArrangement(&again, get, &same).ok());
  EXPECT_EQ(same.etag(), started.etag());
  clock_.Set(platform::Date(2026, 5, 20));
  ASSERT_TRUE(Send(early, &e).ok());
  EXPECT_EQ(e.due_date().year(), 2026);
}

// Forwarding emits ExchangeForwarded, which names the item and the day, nothing of it.
TEST_P(ExchangeApiTest, ForwardingEmitsAnEventWithoutTheLetter) {
  pb::Exchange e = ItemIn(pb::EXCHANGE_STATUS_FORWARDED, "emitted");
  std::string type, payload;
  ASSERT_TRUE(host_->db()
                  .Read([&](soci::session& sql) {
                    sql << "SELECT type, payload FROM outbox WHERE type LIKE '%ExchangeForwarded'", soci::into(type),
                        soci::into(payload);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(type, "adoption.events.v1.ExchangeForwarded");
  EXPECT_NE(payload.find(e.name().substr(e.name().rfind('/') + 1)), std::string::npos);
  EXPECT_EQ(payload.find("Featherstone"), std::string::npos);
  EXPECT_EQ(payload.find("Kelly"), std::string::npos);
}

// The report over what the caller reaches: another authority's coordinator counts
// nothing of the fixture's arrangement.
TEST_P(ExchangeApiTest, TheReportCountsWhatTheCallerReaches) {
  clock_.Set(platform::Date(2025, 6, 1));
  pb::Exchange e;
  pb::CreateExchangeRequest may = Letter("may");
  SetDate(may.mutable_exchange()->mutable_received_date(), 2025, 5, 20);
  SetDate(may.mutable_exchange()->mutable_due_date(), 2025, 5, 31);
  ASSERT_TRUE(Send(may, &e).ok());
  ASSERT_TRUE(Approve(e, &e).ok());  // 1 June 2025, twelve days on
  clock_.Set(platform::Date(2026, 4, 15));
  auto report = [&](const platform::TokenRequest& token, pb::LetterboxFigures* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, token);
    pb::ReportLetterboxRequest r;
    SetDate(r.mutable_period()->mutable_first_day(), 2025, 4, 1);
    SetDate(r.mutable_period()->mutable_last_day(), 2026, 3, 31);
    return stub_->ReportLetterbox(&ctx, r, out);
  };
  pb::LetterboxFigures mine, theirs;
  ASSERT_TRUE(report({.subject = "c", .roles = {Role::kLetterboxCoordinator}, .local_authorities = {"E09000006"}},
                     &mine)
                  .ok());
  ASSERT_EQ(mine.arrangements_size(), 1);
  EXPECT_EQ(mine.arrangements(0).arrangements(), 1);
  ASSERT_EQ(mine.months_size(), 12);
  EXPECT_EQ(mine.months(1).month(), "2025-05");
  EXPECT_EQ(mine.months(1).due(), 2);  // the family and, two-way, Kelly
  EXPECT_EQ(mine.months(1).answered(), 1);
  EXPECT_EQ(mine.months(1).unanswered(), 1);
  EXPECT_EQ(mine.total().received(), 1);
  EXPECT_EQ(mine.approved(), 1);
  EXPECT_EQ(mine.median_days_in_review().value(), 12);
  EXPECT_EQ(mine.answered().count(), 1);
  EXPECT_EQ(mine.answered().of(), 2);
  EXPECT_EQ(mine.reviews_overdue(), 1);  // its first review, 1 April 2026, not held
  ASSERT_TRUE(report({.subject = "o", .roles = {Role::kLetterboxCoordinator}, .local_authorities = {"E08000018"}},
                     &theirs)
                  .ok());
  EXPECT_EQ(theirs.arrangements_size(), 0);
  EXPECT_EQ(theirs.total().due(), 0);
  EXPECT_EQ(theirs.total().received(), 0);
}

// Bytes that are not UTF-8 in a letter never reach the handler: the message does not
// parse as the contract's (proto3 strings are UTF-8), so gRPC itself refuses it
// (INTERNAL, its parse failure; through the gateway's REST it is a 400) and nothing is
// written.
TEST_P(ExchangeApiTest, ALetterThatIsNotUtf8IsRefusedAndWritesNothing) {
  pb::CreateExchangeRequest r = Letter("not-utf8", "Dear Kelly, QQQQ");
  std::string bytes;
  ASSERT_TRUE(r.SerializeToString(&bytes));
  const size_t at = bytes.find("QQQQ");
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, 4, std::string("\xff\xfe\xc3\x28", 4));
  auto channel =
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", host_->port()), grpc::InsecureChannelCredentials());
  grpc::ClientContext ctx;
  Authorize(ctx, {Role::kLetterboxCoordinator});
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1), response;
  const grpc::Status status = grpc::internal::BlockingUnaryCall<grpc::ByteBuffer, grpc::ByteBuffer>(
      channel.get(),
      grpc::internal::RpcMethod("/adoption.letterbox.v1.LetterboxService/CreateExchange",
                                grpc::internal::RpcMethod::NORMAL_RPC),
      &ctx, request, &response);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(Rows("exchanges"), 0);
  EXPECT_EQ(Rows("audit_log"), 1);  // the arrangement's create only
}

// The scope axis for every RPC: each granted role in and out of the fixture's
// authority, or for a family's token, its party.
TEST_P(ExchangeApiTest, EveryGrantReachesOnlyWhatItsClaimCovers) {
  // The fixture: an item the family sent (for the family's own reads and rewrites),
  // and one the birth mother sent, forwarded to the family (for marking read).
  pb::CreateExchangeRequest r = Letter("fixture");
  pb::Attachment* photo = r.mutable_exchange()->add_attachments();
  photo->set_media_type("image/jpeg");
  photo->set_data("jpeg-bytes");
  pb::Exchange sent, received;
  ASSERT_TRUE(Send(r, &sent).ok());
  pb::CreateExchangeRequest back = Letter("reply", "Dear Lily, happy birthday. Love, Kelly");
  back.mutable_exchange()->set_sender(mother_);
  back.mutable_exchange()->set_recipient(family_);
  ASSERT_TRUE(Send(back, &received).ok());
  ASSERT_TRUE(Approve(received, &received).ok());
  ASSERT_TRUE(Forward(received, &received).ok());

  int creates = 0;
  using Kind = platform::testing::ScopeCase::Kind;
  auto verb = [&](auto make) {
    return platform::testing::ScopeCase{Kind::kRead, [make, name = sent.name(), etag = sent.etag()] {
                                          auto req = make();
                                          req->set_name(name);
                                          req->set_etag(etag);
                                          return req;
                                        }};
  };
  std::map<std::string, platform::testing::ScopeCase> cases = {
      {"CreateContactArrangement",
       {Kind::kCreate, [&] {
          return std::make_unique<pb::CreateContactArrangementRequest>(
              ValidCreate("scope-" + std::to_string(++creates)));
        }}},
      {"GetContactArrangement",
       {Kind::kRead, [&] {
          auto req = std::make_unique<pb::GetContactArrangementRequest>();
          req->set_name(arrangement_.name());
          return req;
        }}},
      {"ListContactArrangements",
       {Kind::kList, [] { return std::make_unique<pb::ListContactArrangementsRequest>(); }}},
      {"UpdateContactArrangement",
       {Kind::kRead, [&] {
          auto req = std::make_unique<pb::UpdateContactArrangementRequest>();
          *req->mutable_contact_arrangement() = arrangement_;
          req->mutable_contact_arrangement()->set_two_way(true);
          req->mutable_update_mask()->add_paths("two_way");
          return req;
        }}},
      {"CreateExchange",
       {Kind::kCreate, [&] {
          return std::make_unique<pb::CreateExchangeRequest>(Letter("scope-x-" + std::to_string(++creates)));
        }}},
      {"GetExchange",
       {Kind::kRead, [&] {
          auto req = std::make_unique<pb::GetExchangeRequest>();
          req->set_name(sent.name());
          return req;
        }}},
      {"ListExchanges",
       {Kind::kList, [] {
          auto req = std::make_unique<pb::ListExchangesRequest>();
          req->set_parent("contactArrangements/-");
          return req;
        }}},
      {"StartExchangeReview", verb([] { return std::make_unique<pb::StartExchangeReviewRequest>(); })},
      {"ApproveExchange", verb([] { return std::make_unique<pb::ApproveExchangeRequest>(); })},
      {"ReturnExchange", verb([] {
         auto req = std::make_unique<pb::ReturnExchangeRequest>();
         req->set_note("Please rewrite");
         return req;
       })},
      {"WithholdExchange", verb([] {
         auto req = std::make_unique<pb::WithholdExchangeRequest>();
         req->set_reason(pb::WITHHELD_REASON_DISTRESSING_CONTENT);
         return req;
       })},
      {"ForwardExchange", verb([] { return std::make_unique<pb::ForwardExchangeRequest>(); })},
      {"ResubmitExchange", verb([] {
         auto req = std::make_unique<pb::ResubmitExchangeRequest>();
         req->set_content("A rewrite");
         return req;
       })},
      {"MarkExchangeRead",
       {Kind::kRead, [&] {
          auto req = std::make_unique<pb::MarkExchangeReadRequest>();
          req->set_name(received.name());
          req->set_etag(received.etag());
          return req;
        }}},
      {"ListDueExchanges",
       {Kind::kList, [] {
          auto req = std::make_unique<pb::ListDueExchangesRequest>();
          req->set_parent("contactArrangements/-");
          return req;
        }}},
      {"ReportLetterbox",
       {Kind::kFigures, [] {
          auto req = std::make_unique<pb::ReportLetterboxRequest>();
          SetDate(req->mutable_period()->mutable_first_day(), 2025, 4, 1);
          SetDate(req->mutable_period()->mutable_last_day(), 2026, 3, 31);
          return req;
        }}},
      {"GetExchangeAttachment",
       {Kind::kRead, [&] {
          auto req = std::make_unique<pb::GetExchangeAttachmentRequest>();
          req->set_name(sent.name() + "/versions/1/attachments/0");
          return req;
        }}},
  };
  EXPECT_EQ(platform::testing::ScopeMismatches(host_->port(), "adoption.letterbox.v1.LetterboxService", Policies(),
                                               {.local_authorities = {"E09000006"}, .parties = {kFamilyAccount}},
                                               cases),
            std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(Backends, ExchangeApiTest, ::testing::ValuesIn(platform::testing::Backends()),
                         [](const auto& info) { return info.param; });

// Each domain value is the contract value of its name.
TEST(ExchangeMapping, EachDomainValueIsTheContractValueOfItsName) {
  using platform::testing::EnumMismatches;
  const std::vector<std::string> none;
  using K = ItemKind;
  EXPECT_EQ(EnumMismatches(pb::ItemKind_descriptor(), {K::kLetter, K::kCard, K::kPhoto, K::kDrawing, K::kOther},
                           ItemKindName),
            none);
  using S = ExchangeStatus;
  EXPECT_EQ(EnumMismatches(pb::ExchangeStatus_descriptor(),
                           {S::kReceived, S::kInReview, S::kApproved, S::kForwarded, S::kRead,
                            S::kReturnedForChanges, S::kWithheld},
                           ExchangeStatusName),
            none);
  using W = WithheldReason;
  EXPECT_EQ(EnumMismatches(pb::WithheldReason_descriptor(),
                           {W::kSafeguarding, W::kDistressingContent, W::kIdentifyingContent, W::kOther},
                           WithheldReasonName),
            none);
  using D = DetailKind;
  EXPECT_EQ(EnumMismatches(pb::IdentifyingDetailKind_descriptor(),
                           {D::kSurname, D::kAddress, D::kPostcode, D::kSchool, D::kTown, D::kPhone, D::kEmail,
                            D::kSocialMedia, D::kPhoto, D::kPersonName, D::kWorkplace, D::kClub, D::kUrl,
                            D::kVehiclePlate, D::kDateOfBirth},
                           DetailKindName),
            none);
  using O = ExchangeVersion::Origin;
  EXPECT_EQ(EnumMismatches(pb::VersionOrigin_descriptor(), {O::kReceived, O::kRewritten, O::kRedacted}, OriginName),
            none);
}

}  // namespace
}  // namespace letterbox
