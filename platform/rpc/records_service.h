#pragma once
// A service's records for their whole lifetime (docs/records.md;
// proto/adoption/records/v1/records.proto): which may now be disposed of, legal holds,
// and disposal — a manager's recorded decision that erases a record and leaves a
// tombstone. Every ServiceHost serves it; each service names the kinds of record it
// keeps (RecordKind), and says how their retention is reckoned and where their content
// lies.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "adoption/records/v1/records.grpc.pb.h"
#include "platform/core/retention.h"
#include "platform/rpc/disclosure.h"
#include "platform/events/events.h"

namespace soci {
class session;
}

namespace platform {

class Clock;
class Database;
class RpcRunner;

// A record of one kind and its retention.
struct RetainedRecord {
  std::string id;
  Retention retention;
};

// A table holding part of a record's content, and which of its rows: a condition on
// the record's id, `:id` — "household_id = :id", or through another table,
// "link_id IN (SELECT id FROM child_links WHERE child_id = :id)". Fixed text.
struct ContentTable {
  std::string table, rows;
};

// One kind of record a service keeps, as its retention sees it.
class RecordKind {
 public:
  virtual ~RecordKind() = default;
  // Its name, as the service's audit log names it: "household", "child".
  virtual std::string type() const = 0;
  // The records of this kind whose retention ends on or before `through`.
  virtual std::vector<RetainedRecord> Due(soci::session& sql, Date through) = 0;
  // Record `id`'s retention: nullopt while it has none (its anchor has not happened:
  // it is kept); NOT_FOUND when there is no such record.
  virtual absl::StatusOr<std::optional<Retention>> Find(soci::session& sql, const std::string& id) = 0;
  // Every table that holds the record's content, children before their parent (a
  // foreign key's order); disposal deletes the record's rows from each, in order.
  virtual std::vector<ContentTable> Content() const = 0;
};

// Deletes record `id`'s rows from each table of `content`, in order.
void EraseContent(soci::session& tx, const std::vector<ContentTable>& content, const std::string& id);

// What this service holds about another service's records of one kind — a read model
// of them, cases that are part of them — and how it is erased.
struct FollowedKind {
  std::string record_type;  // as the other service names it: "household", "child"
  std::function<void(soci::session& tx, const std::string& record_id)> erase;
};

// A consumer's handlers for `upstream`'s RecordDisposed events: when it disposes of a
// record of a followed kind, this service writes its own tombstone (the upstream's
// disposal as its decision, the upstream as who; ListDisposals shows it) and then
// erases what it holds about it, in the consumer's transaction; a replay changes nothing.
// Other kinds are passed over.
std::map<std::string, Consumer::Handler> FollowDisposals(std::string upstream, std::vector<FollowedKind> kinds,
                                                         const Clock* clock);

class RecordsServiceImpl final : public adoption::records::v1::RecordsService::Service {
 public:
  // `service`: this service's name, the source of its disclosures.
  RecordsServiceImpl(RpcRunner* rpc, Database* db, const Clock* clock, std::vector<RecordKind*> kinds,
                     std::vector<DisclosureSource*> sources = {}, std::string service = "")
      : rpc_(rpc),
        db_(db),
        clock_(clock),
        kinds_(std::move(kinds)),
        sources_(std::move(sources)),
        service_(std::move(service)) {}

  grpc::Status ListDueRecords(grpc::ServerContext* ctx, const adoption::records::v1::ListDueRecordsRequest* request,
                              adoption::records::v1::ListDueRecordsResponse* response) override;
  grpc::Status PlaceLegalHold(grpc::ServerContext* ctx, const adoption::records::v1::PlaceLegalHoldRequest* request,
                              adoption::records::v1::LegalHold* response) override;
  grpc::Status ReleaseLegalHold(grpc::ServerContext* ctx,
                                const adoption::records::v1::ReleaseLegalHoldRequest* request,
                                adoption::records::v1::LegalHold* response) override;
  grpc::Status ListLegalHolds(grpc::ServerContext* ctx, const adoption::records::v1::ListLegalHoldsRequest* request,
                              adoption::records::v1::ListLegalHoldsResponse* response) override;
  grpc::Status DisposeOfRecord(grpc::ServerContext* ctx, const adoption::records::v1::DisposeOfRecordRequest* request,
                               adoption::records::v1::Disposal* response) override;
  grpc::Status ListDisposals(grpc::ServerContext* ctx, const adoption::records::v1::ListDisposalsRequest* request,
                             adoption::records::v1::ListDisposalsResponse* response) override;
  grpc::Status ExportDisclosure(grpc::ServerContext* ctx, const adoption::records::v1::ExportDisclosureRequest* request,
                                adoption::records::v1::Disclosure* response) override;

 private:
  // The kind named `type`, or null.
  RecordKind* KindOf(const std::string& type) const;
  std::string KindNames() const;

  RpcRunner* rpc_;
  Database* db_;
  const Clock* clock_;
  std::vector<RecordKind*> kinds_;
  std::vector<DisclosureSource*> sources_;
  std::string service_;
};

}  // namespace platform
