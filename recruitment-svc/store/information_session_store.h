#pragma once
// Information sessions and their bookings over SOCI: the same SQL on SQLite and MariaDB.
#include <optional>
#include <string>
#include <vector>

#include "platform/rpc/paging.h"
#include "recruitment-svc/domain/information_session.h"

namespace soci {
class session;
}

namespace recruitment {

class InformationSessionStore {
 public:
  void Insert(soci::session& tx, const InformationSession& s);
  std::optional<InformationSession> Get(soci::session& sql, const std::string& id);
  // By id (time-ordered: the order they were scheduled); at most page.size after page.after_id.
  std::vector<InformationSession> List(soci::session& sql, const platform::Page& page);
  // Writes `s` as version expected_version + 1, keeping the previous version in
  // history; false when the stored version is not expected_version — two bookings
  // racing for the last place: one of them is refused, never both taken.
  bool Update(soci::session& tx, InformationSession& s, long long expected_version);

  std::optional<SessionBooking> FindBooking(soci::session& sql, const std::string& session_id,
                                            const std::string& household_id);
  void InsertBooking(soci::session& tx, const SessionBooking& b);
  void UpdateBooking(soci::session& tx, const SessionBooking& b);
};

}  // namespace recruitment
