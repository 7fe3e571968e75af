#pragma once
// Who may see which record (docs/architecture.md, "Access control"). A method's
// policy row grants roles, each with the claim of the caller's token that must cover
// a record's scope keys for that role to reach it:
//
//   {"GetHousehold", {{Role::kRecruitmentWorker, Reach::kLocalAuthorities},
//                     {Role::kAdopter, Reach::kHousehold},
//                     {Role::kManager, Reach::kAgency}}}
//
// Each resource declares its scope keys (a household: its home local authority and
// its own id). A record outside what the caller reaches is, to that caller, not there:
// Get, Update and verbs answer NOT_FOUND, List leaves it out (in the query, so paging
// stays right), and a Create of it is PERMISSION_DENIED. OWASP API Security Top 10,
// API1 (broken object-level authorisation).
#include <initializer_list>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "platform/rpc/auth.h"

namespace platform {

// The claim that must cover a record for a granted role to reach it.
enum class Reach {
  kAgency,            // everything this agency holds (managers, services; records of the agency itself)
  kLocalAuthorities,  // records of one of the token's `local_authorities`
  kHousehold,         // the token's own `household` (an adopter)
  kParty,             // records the token's letterbox `party` is a party to
  kPartnerAgency,     // a partner agency's own records (the token's `agency`)
  kSubject,           // records that name the token's own subject (the meetings a panel member sits on)
};
std::string ReachName(Reach reach);

// A record's scope keys. Empty keys match no claim.
struct RecordScope {
  std::vector<std::string> local_authorities;
  std::string household;
  std::vector<std::string> parties;
  std::string partner_agency;
  // The token subjects the record names as taking part in it (a meeting's members).
  std::vector<std::string> subjects;
  // No local authority recorded yet (a helpline call from someone whose authority is
  // not known): reached by every grant by local authority until one is recorded —
  // it is no authority's record, so none is exposed to another.
  bool unallocated = false;
};

// What one caller reaches through one method: the union over the caller's roles that
// the method grants. Nothing by default (fail closed).
struct Coverage {
  bool agency = false;
  std::vector<std::string> local_authorities;
  std::string household;
  std::string party;
  std::string partner_agency;
  std::string subject;

  static Coverage Everything();
  bool Covers(const RecordScope& record) const;
  // True when it reaches no record at all.
  bool Empty() const;
};

struct Grant {
  Role role;
  Reach reach;
};

// Grants of `roles`, each reaching everything the agency holds: for records that are
// the agency's own rather than a borough's or a family's (its panels, its meetings).
std::vector<Grant> AgencyWide(std::initializer_list<Role> roles);

// Who may call a method, and what each of them reaches. A method missing from the
// table is refused to everyone.
struct MethodPolicy {
  std::string method;  // "CreateHousehold"
  std::vector<Grant> grants;
};

class PolicyTable {
 public:
  explicit PolicyTable(std::vector<MethodPolicy> policies);
  // True when one of the caller's roles is granted `method`.
  bool Allows(absl::string_view method, const Principal& p) const;
  // What the caller reaches through `method` (empty when not allowed).
  Coverage CoverageFor(absl::string_view method, const Principal& p) const;
  const std::vector<MethodPolicy>& policies() const { return policies_; }

 private:
  std::vector<MethodPolicy> policies_;
  absl::flat_hash_map<std::string, const MethodPolicy*> by_method_;
};

}  // namespace platform
