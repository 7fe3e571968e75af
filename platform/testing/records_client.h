#pragma once
// A service's RecordsService as a manager asks it, for the tests of the kinds of
// record each service keeps (docs/records.md).
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <soci/soci.h>

#include "absl/strings/str_cat.h"

#include "adoption/records/v1/records.grpc.pb.h"
#include "platform/testing/testing.h"

namespace platform::testing {

// Every text in a disclosed item's content, by its path ("parties[1].displayName", as
// FlagThirdParty names fields): to find a person's name wherever it was put.
inline void CollectTexts(const google::protobuf::Value& value, const std::string& path,
                         std::map<std::string, std::string>& out) {
  if (value.has_string_value()) out[path] = value.string_value();
  if (value.has_struct_value()) {
    for (const auto& [key, field] : value.struct_value().fields()) {
      CollectTexts(field, path.empty() ? key : absl::StrCat(path, ".", key), out);
    }
  }
  if (value.has_list_value()) {
    for (int i = 0; i < value.list_value().values_size(); ++i) {
      CollectTexts(value.list_value().values(i), absl::StrCat(path, "[", i, "]"), out);
    }
  }
}
inline std::map<std::string, std::string> TextsOf(const adoption::records::v1::DisclosureItem& item) {
  google::protobuf::Value root;
  *root.mutable_struct_value() = item.content();
  std::map<std::string, std::string> texts;
  CollectTexts(root, "", texts);
  return texts;
}

// An item's third parties' details as (field, text, whose), in order.
using Flag = std::tuple<std::string, std::string, std::string>;
inline std::vector<Flag> FlagsOf(const adoption::records::v1::DisclosureItem& item) {
  std::vector<Flag> flags;
  for (const auto& d : item.third_party_details()) flags.emplace_back(d.field(), d.text(), d.third_party());
  return flags;
}

// How many exports of a person's disclosure the service's audit log holds under the
// person (`type` "child" or "household", and its id), answered OK.
inline long long ExportsAudited(Database& db, const std::string& type, const std::string& id) {
  long long n = 0;
  EXPECT_TRUE(db.Read([&](soci::session& sql) {
                  sql << "SELECT COUNT(*) FROM audit_log WHERE resource_type = :t AND resource_id = :id AND action = "
                         "'ExportDisclosure' AND outcome = 'OK'",
                      soci::use(type), soci::use(id), soci::into(n);
                  return absl::OkStatus();
                })
                  .ok());
  return n;
}

class RecordsClient {
 public:
  explicit RecordsClient(const ServiceHost& host)
      : stub_(adoption::records::v1::RecordsService::NewStub(ChannelTo(host))) {}

  // What falls due by `through` (the service's today when not given); every kind.
  std::vector<adoption::records::v1::DueRecord> Due(std::optional<Date> through = std::nullopt) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    adoption::records::v1::ListDueRecordsRequest r;
    if (through) *r.mutable_due_date() = DateToProto(*through);
    adoption::records::v1::ListDueRecordsResponse out;
    grpc::Status s = stub_->ListDueRecords(&ctx, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {out.due_records().begin(), out.due_records().end()};
  }

  grpc::Status Dispose(const std::string& type, const std::string& id, const std::string& decision,
                       adoption::records::v1::Disposal* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    adoption::records::v1::DisposeOfRecordRequest r;
    r.mutable_disposal()->set_record_type(type);
    r.mutable_disposal()->set_record_id(id);
    r.mutable_disposal()->set_decision(decision);
    return stub_->DisposeOfRecord(&ctx, r, out);
  }

  // ExportDisclosure of `subject` ("children/{id}", "households/{id}").
  grpc::Status Export(const std::string& subject, adoption::records::v1::Disclosure* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    adoption::records::v1::ExportDisclosureRequest r;
    r.set_subject(subject);
    return stub_->ExportDisclosure(&ctx, r, out);
  }

  grpc::Status Hold(const std::string& type, const std::string& id, const std::string& reason,
                    adoption::records::v1::LegalHold* out) {
    grpc::ClientContext ctx;
    Authorize(ctx, {Role::kManager});
    adoption::records::v1::PlaceLegalHoldRequest r;
    r.mutable_legal_hold()->set_record_type(type);
    r.mutable_legal_hold()->set_record_id(id);
    r.mutable_legal_hold()->set_reason(reason);
    return stub_->PlaceLegalHold(&ctx, r, out);
  }

 private:
  std::unique_ptr<adoption::records::v1::RecordsService::Stub> stub_;
};

}  // namespace platform::testing
