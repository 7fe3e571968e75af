#include "platform/rpc/disclosure.h"

#include <google/protobuf/struct.pb.h>
#include <soci/soci.h>
#include <google/protobuf/util/json_util.h>

#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "platform/core/errors.h"
#include "platform/core/ids.h"
#include "platform/rpc/proto_convert.h"
#include "adoption/type/v1/audit.pb.h"

namespace platform {

namespace rpb = adoption::records::v1;

absl::StatusOr<DisclosureSubject> ParseDisclosureSubject(const std::string& name, absl::string_view field) {
  DisclosureSubject s{.name = name};
  const size_t slash = name.find('/');
  const std::string collection = slash == std::string::npos ? name : name.substr(0, slash);
  s.child = collection == "children";
  Validation v;
  if (collection != "children" && collection != "households") {
    v.Add(field, "must name a person's record: children/{id} (an adopted person) or households/{id} (adopters)");
    return v.Status();
  }
  s.id = IdFromName(name, collection, field, v);
  if (!v.ok()) return v.Status();
  return s;
}

std::vector<std::string> RecordIds(soci::session& sql, const std::string& query, const std::string& id) {
  std::vector<std::string> ids;
  std::string found;
  soci::statement st = (sql.prepare << query, soci::use(id, "id"), soci::into(found));
  st.execute();
  while (st.fetch()) ids.push_back(found);
  return ids;
}

rpb::DisclosureItem DisclosureItemOf(const google::protobuf::Message& record, absl::string_view record_type) {
  rpb::DisclosureItem item;
  const google::protobuf::Descriptor* d = record.GetDescriptor();
  const google::protobuf::Reflection* r = record.GetReflection();
  if (const auto* name = d->FindFieldByName("name")) item.set_record(r->GetString(record, name));
  item.set_record_type(std::string(record_type));
  if (const auto* info_field = d->FindFieldByName("record_info")) {
    adoption::type::v1::RecordInfo info;
    info.CopyFrom(r->GetMessage(record, info_field));
    *item.mutable_create_time() = info.create_time();
    item.set_created_by(info.created_by());
    *item.mutable_update_time() = info.update_time();
    item.set_updated_by(info.updated_by());
  }
  std::string json;
  // A record the service itself built always prints, and its JSON always parses.
  (void)google::protobuf::util::MessageToJsonString(record, &json);
  (void)google::protobuf::util::JsonStringToMessage(json, item.mutable_content());
  return item;
}

namespace {

// The value at one step of a path ("parties[1]", "displayName") under `value`.
const google::protobuf::Value* Step(const google::protobuf::Value* value, absl::string_view step) {
  absl::string_view key = step;
  std::optional<int> index;
  if (const size_t open = step.find('['); open != absl::string_view::npos && step.back() == ']') {
    key = step.substr(0, open);
    int i = 0;
    if (!absl::SimpleAtoi(step.substr(open + 1, step.size() - open - 2), &i)) return nullptr;
    index = i;
  }
  if (value == nullptr || !value->has_struct_value()) return nullptr;
  auto found = value->struct_value().fields().find(std::string(key));
  if (found == value->struct_value().fields().end()) return nullptr;
  const google::protobuf::Value* at = &found->second;
  if (index) {
    if (!at->has_list_value() || *index < 0 || *index >= at->list_value().values_size()) return nullptr;
    at = &at->list_value().values(*index);
  }
  return at;
}

}  // namespace

std::string TextAt(const google::protobuf::Struct& content, const std::string& field) {
  google::protobuf::Value root;
  *root.mutable_struct_value() = content;
  const google::protobuf::Value* at = &root;
  for (absl::string_view step : absl::StrSplit(field, '.')) {
    at = Step(at, step);
    if (at == nullptr) return "";
  }
  return at->has_string_value() ? at->string_value() : "";
}

void FlagThirdParty(rpb::DisclosureItem& item, const std::string& field, absl::string_view third_party) {
  std::string text = TextAt(item.content(), field);
  if (text.empty()) return;
  rpb::ThirdPartyDetail* detail = item.add_third_party_details();
  detail->set_field(field);
  detail->set_text(std::move(text));
  detail->set_third_party(std::string(third_party));
}

}  // namespace platform
