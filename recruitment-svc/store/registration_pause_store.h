#pragma once
// Pauses on new registrations over SOCI: the same SQL on SQLite and MariaDB.
#include <optional>
#include <string>
#include <vector>

#include "platform/rpc/paging.h"
#include "recruitment-svc/domain/registration_pause.h"

namespace soci {
class session;
}

namespace recruitment {

class RegistrationPauseStore {
 public:
  void Insert(soci::session& tx, const RegistrationPause& p);
  std::optional<RegistrationPause> Get(soci::session& sql, const std::string& id);
  // In the order they were made; at most page.size after page.after_id.
  std::vector<RegistrationPause> List(soci::session& sql, const platform::Page& page);
  // The pauses that hold on `day`.
  std::vector<RegistrationPause> InForceOn(soci::session& sql, platform::Date day);
  // Writes `p` as version expected_version + 1, keeping the previous version in
  // history; false when the stored version is not expected_version.
  bool Update(soci::session& tx, RegistrationPause& p, long long expected_version);
};

}  // namespace recruitment
