// A Create request's validation in one context: a CreateHouseholdRequest's JSON body
// (protobuf's JSON mapping, as the gateway reads it) through what
// RecruitmentApi::CreateHousehold checks before it opens a transaction: the mapping's
// DetailsFromProto (the text rule, dates, enums; recruitment-svc/api/
// household_mapping.h) and the domain's ValidateDetails. The request id's check is left
// out: platform/rpc/resource.cc brings the database with it.
// Checked beyond not crashing: details that pass make a household whose record reads
// back (ToProto, then DetailsFromProto) as the same details, again valid.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "adoption/recruitment/v1/recruitment_service.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "platform/core/calendar.h"
#include "platform/core/errors.h"
#include "recruitment-svc/api/household_mapping.h"
#include "recruitment-svc/domain/household.h"

namespace {

namespace pb = adoption::recruitment::v1;

const platform::Date kToday(2025, 6, 2);  // fixed, so an input means the same on any day

void Fail(const char* what, const std::string& input) {
  fprintf(stderr, "violated: %s\ninput: %s\n", what, input.c_str());
  abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  pb::CreateHouseholdRequest request;
  if (!google::protobuf::util::JsonStringToMessage(input, &request).ok()) return 0;

  platform::Validation v;
  v.Check(request.has_household(), "household", "is required");
  recruitment::HouseholdDetails details = recruitment::DetailsFromProto(request.household(), "household.", v);
  recruitment::ValidateDetails(details, kToday, "household.", v);
  if (!v.ok()) {
    if (v.Status().ok()) Fail("violations and an OK status", input);
    return 0;
  }
  const recruitment::Household created =
      recruitment::RegisterHousehold("01jdx3k9zx2m4n6p8r0s2t4v6w", details, "worker-17", 1748822400000000);
  const pb::Household stored = recruitment::ToProto(created);
  platform::Validation again;
  recruitment::HouseholdDetails read = recruitment::DetailsFromProto(stored, "household.", again);
  recruitment::ValidateDetails(read, kToday, "household.", again);
  if (!again.ok()) Fail("a valid household's record is invalid when read back", input);
  const pb::Household restored =
      recruitment::ToProto(recruitment::RegisterHousehold(created.id, read, created.created_by, created.created_at));
  if (!google::protobuf::util::MessageDifferencer::Equals(stored, restored)) {
    Fail("a household's record does not read back as itself", input);
  }
  return 0;
}
