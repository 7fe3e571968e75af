#pragma once
// A person's disclosure (docs/records.md, "Disclosure"): everything a service holds
// about one person — an adopted adult asking for their records (AAR 2005 reg 42), an
// adopter's subject access — each record as the service's API answers it, with the
// identifying details of third parties in it flagged for a worker to redact before
// release. Each service names its DisclosureSources; RecordsService.ExportDisclosure
// asks them.
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/statusor.h"
#include "adoption/records/v1/records.pb.h"
#include "google/protobuf/message.h"

namespace soci {
class session;
}

namespace platform {

// The person a disclosure is about: "children/{id}" or "households/{id}".
struct DisclosureSubject {
  std::string name;
  bool child = false;  // a child's (an adopted person's) records; else a household's
  std::string id;
};

// The subject named by `name`; INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<DisclosureSubject> ParseDisclosureSubject(const std::string& name, absl::string_view field);

// What one service holds about a person, in one kind of record or several.
class DisclosureSource {
 public:
  virtual ~DisclosureSource() = default;
  // The records about `subject`, each an item with its third parties' details flagged
  // (DisclosureItemOf, FlagThirdParty); none when the service holds nothing on them.
  virtual std::vector<adoption::records::v1::DisclosureItem> About(soci::session& sql,
                                                                   const DisclosureSubject& subject) = 0;
};

// `record` (a resource with `name` and `record_info`, as the service's API answers it)
// as a disclosure item of kind `record_type`: its content the record's JSON.
adoption::records::v1::DisclosureItem DisclosureItemOf(const google::protobuf::Message& record,
                                                       absl::string_view record_type);

// Flags the text at `field` of the item's content — a path of JSON names and indexes,
// "parties[1].displayName" — as a third party's (`third_party`: "birth relative").
// A field absent or empty is not flagged: there is nothing there to redact.
void FlagThirdParty(adoption::records::v1::DisclosureItem& item, const std::string& field,
                    absl::string_view third_party);

// The ids (one text column) `query` selects with `:id` bound to `id`, in its order: the
// records a source finds about a person ("SELECT id FROM child_links WHERE child_id = :id").
std::vector<std::string> RecordIds(soci::session& sql, const std::string& query, const std::string& id);

// The text at `field` of `content` (FlagThirdParty's path); empty when absent.
std::string TextAt(const google::protobuf::Struct& content, const std::string& field);

}  // namespace platform
