// support's Adoption Support Fund limit check (scripts/bench asf; release build; not in
// CI), on MariaDB: what a submission reads and judges for a child with 1,000 earlier
// applications that financial year — the child's year taken in turn, its applications
// read, the spend summed and the limits applied — beside a raw primary-key SELECT of
// one application in the same database.
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "absl/strings/str_cat.h"
#include "platform/core/ids.h"
#include "platform/core/statutory.h"
#include "platform/testing/testing.h"
#include "support-svc/domain/asf_application.h"
#include "support-svc/store/asf_application_store.h"

namespace support {
const std::vector<platform::EmbeddedFile>& Migrations();
}

namespace {

using Clock = std::chrono::steady_clock;

struct Timing {
  double p50 = 0, p99 = 0;
};
template <typename F>
Timing Time(int runs, F&& f) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    f();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]};
}

}  // namespace

int main() {
  if (!getenv("ADOPTION_TEST_MYSQL_URL")) {
    std::fprintf(stderr, "run through scripts/bench asf (it starts MariaDB)\n");
    return 2;
  }
  platform::testing::ScratchDatabase scratch("mysql");
  std::unique_ptr<platform::Database> db = platform::testing::MigratedDatabase(scratch, "support", support::Migrations());
  support::AsfApplicationStore store;
  constexpr int kEarlier = 1000;
  // 1,000 small completed applications for one child in 2024-25 (before April 2025: no
  // total limit, so each fits), and one draft to judge.
  std::string first_id;
  (void)db->Transaction([&](soci::session& tx) {
    for (int i = 0; i < kEarlier; ++i) {
      support::AsfApplication a;
      a.id = platform::NewId();
      if (i == 0) first_id = a.id;
      a.details = {.child_reference = "C-1042", .family_reference = "F-311",
                   .child_category = support::ChildCategory::kAdopted, .child_age_years = 9,
                   .local_authority = "E09000006", .service_type = support::AsfServiceType::kTheraplay,
                   .provider = "Family Futures", .cost_pence = 400, .financial_year = "2024-25"};
      a.status = support::AsfStatus::kCompleted;
      a.fund_pence = 400;
      store.Insert(tx, a);
    }
    return absl::OkStatus();
  });
  const support::FairAccessRules rules =
      support::FairAccessRules::On(platform::StatutoryTable::Defaults(), platform::Date(2024, 9, 1)).value();
  support::AsfDetails asked{.child_reference = "C-1042", .child_category = support::ChildCategory::kAdopted,
                            .child_age_years = 9, .local_authority = "E09000006",
                            .service_type = support::AsfServiceType::kTheraplay, .provider = "Family Futures",
                            .cost_pence = 150000, .financial_year = "2024-25"};
  long long sink = 0;
  const Timing raw = Time(500, [&] {
    (void)db->Transaction([&](soci::session& tx) {
      std::string status;
      tx << "SELECT status FROM asf_applications WHERE id = :id", soci::use(first_id), soci::into(status);
      sink += static_cast<long long>(status.size());
      return absl::OkStatus();
    });
  });
  const Timing check = Time(500, [&] {
    (void)db->Transaction([&](soci::session& tx) {
      const support::ChildYearSpend spent = store.ChildYearSpendFor(tx, "C-1042", "2024-25", "");
      absl::StatusOr<support::AsfFunding> funding = support::FundApplication(rules, asked, spent);
      sink += funding.ok() ? funding->match : 1;
      return absl::OkStatus();
    });
  });
  std::printf("ASF limit check, a child with %d earlier applications in the year (MariaDB)\n", kEarlier);
  std::printf("  raw primary-key SELECT tx (baseline)   p50 %7.3f ms  p99 %7.3f ms\n", raw.p50, raw.p99);
  std::printf("  child's year + spend + limits tx        p50 %7.3f ms  p99 %7.3f ms  ratio p99 %.1fx baseline\n",
              check.p50, check.p99, check.p99 / raw.p99);
  std::printf("(checksum %lld)\n", sink);
  return 0;
}
