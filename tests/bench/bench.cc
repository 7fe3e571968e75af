// Load generator for the suite (scripts/bench, release build; not in CI). Every
// figure is printed beside a baseline measured in the same run on the same machine:
//   bare gRPC echo (grpc.health.v1 Check on a bare server)  -> GetHousehold
//   raw single-row insert on MariaDB (SOCI, one tx)         -> durable write RPC (CreateHousehold:
//                                                              row + audit + outbox in one tx)
//   raw primary-key SELECT, raw SELECT of 50 rows            -> GetHousehold, ListHouseholds (audited)
//   each path's own SQL on a bare gRPC server (plain_paths.h) -> the audited Get, List and create
//   gRPC direct, and wrk GET /livez (HTTP alone)            -> REST GET through the gateway
//   the hot path again on SQLite                             (its own table, no targets)
//   raw indexed COUNT over the journey table, MariaDB       -> ListHouseholds by status and LA, and
//                                                              ReportAdopterFunnel, over 50,000 households
//   bare gRPC echo and GetChild (an audited read), one client -> SearchHouseholds over gRPC, top 20 of
//                                                              50,000 household profiles (target p99 <= 10 ms)
// and each service's idle resident memory.
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <httplib.h>
#include <soci/soci.h>

#include <fcntl.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "platform/core/status_macros.h"
#include "platform/db/record.h"
#include "adoption/familyfinding/v1/familyfinding_service.grpc.pb.h"
#include "adoption/recruitment/v1/recruitment_service.grpc.pb.h"
#include "familyfinding-svc/store/child_store.h"
#include "familyfinding-svc/store/household_profile_store.h"
#include "health/v1/health.grpc.pb.h"
#include "platform/core/ids.h"
#include "platform/db/db.h"
#include "recruitment-svc/domain/history.h"
#include "recruitment-svc/domain/household.h"
#include "recruitment-svc/store/household_store.h"
#include "platform/testing/testing.h"
#include "tests/bench/household_profiles.h"
#include "tests/bench/plain_paths.h"
#include "tests/support/process.h"

namespace {

namespace rpb = adoption::recruitment::v1;
using Clock = std::chrono::steady_clock;

struct Result {
  double qps = 0, p50_ms = 0, p99_ms = 0;
  long errors = 0;
};

// The first failure of a run, printed beside its row (what the errors were).
std::mutex first_error_mu;
std::string first_error;
void NoteError(const std::string& what) {
  std::lock_guard<std::mutex> lock(first_error_mu);
  if (first_error.empty()) first_error = what;
}
bool Succeeded(const grpc::Status& s) {
  if (!s.ok()) NoteError(absl::StrCat(s.error_code(), " ", s.error_message()));
  return s.ok();
}

// `threads` clients each calling `op(thread, i)` for `seconds`; op returns success.
Result Load(int threads, double seconds, const std::function<bool(int, long)>& op) {
  std::vector<std::vector<double>> latencies(threads);
  std::atomic<long> errors{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> workers;
  const auto start = Clock::now();
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (long i = 0; !stop; ++i) {
        auto s = Clock::now();
        bool ok = op(t, i);
        latencies[t].push_back(std::chrono::duration<double, std::milli>(Clock::now() - s).count());
        if (!ok) errors++;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& w : workers) w.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  Result r;
  r.qps = all.size() / elapsed;
  r.p50_ms = all.empty() ? 0 : all[all.size() / 2];
  r.p99_ms = all.empty() ? 0 : all[std::min(all.size() - 1, all.size() * 99 / 100)];
  r.errors = errors;
  return r;
}

// Targets missed and runs with errors: the bench's exit status (scripts/bench).
int missed = 0;

// One row: the figures, and with a baseline the ratio of throughputs — against its
// target when it has one (target 0: printed for information).
void Print(const std::string& name, const Result& r, const Result* baseline, double target) {
  std::printf("%-46s %9.0f/s  p50 %6.2f ms  p99 %6.2f ms  errors %ld", name.c_str(), r.qps, r.p50_ms, r.p99_ms,
              r.errors);
  if (baseline) {
    const double ratio = baseline->qps > 0 ? r.qps / baseline->qps : 0;
    std::printf("  ratio %.2f", ratio);
    if (target > 0) {
      std::printf(" (target >= %.2f%s)", target, ratio >= target ? "" : ", MISSED");
      if (ratio < target) missed++;
    }
  }
  if (r.errors > 0) {
    std::printf("  ERRORS UNDER LOAD (first: %s)", first_error.c_str());
    missed++;
  }
  first_error.clear();
  std::printf("\n");
  std::fflush(stdout);
}

long RssKb(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

rpb::CreateHouseholdRequest Registration(const std::string& request_id) {
  rpb::CreateHouseholdRequest r;
  r.set_request_id(request_id);
  auto* h = r.mutable_household();
  auto* a = h->add_applicants();
  a->mutable_person()->set_given_name("Bench");
  a->mutable_person()->set_family_name("Applicant");
  h->set_family_structure(rpb::FAMILY_STRUCTURE_SINGLE);
  h->set_home_local_authority("E09000006");
  h->mutable_enquiry_date()->set_year(2025);
  h->mutable_enquiry_date()->set_month(2);
  h->mutable_enquiry_date()->set_day(3);
  return r;
}

// `n` households written straight into recruitment's database by its own store, each
// with a history cut at a stage that varies with its number: enquiries from 2015 to
// 2024 in ten boroughs, most leaving before an ROI as in the agencies' funnels.
absl::Status SeedHouseholds(const std::string& db_url, int n, int from = 0) {
  using E = recruitment::JourneyEvent;
  auto db = platform::Database::Open(db_url, 1);
  if (!db.ok()) return db.status();
  const char* kBoroughNames[] = {"E09000001", "E09000002", "E09000003", "E09000004", "E09000005",
                                 "E09000006", "E09000007", "E09000008", "E09000009", "E09000010"};
  const recruitment::JourneyRules rules{.stage_one = {.personal_references_min = 3}};
  const platform::Revision by{.actor = "bench", .at = platform::NowMicros(), .today = platform::Today()};
  recruitment::HouseholdStore store;
  constexpr int kBatch = 2000;
  for (int start = from; start < from + n; start += kBatch) {
    std::vector<recruitment::Household> batch;
    for (int i = start; i < std::min(from + n, start + kBatch); ++i) {
      recruitment::HouseholdDetails d;
      d.applicants = {{"Bench", absl::StrCat("Household", i), std::nullopt, i % 7 ? "WBRI" : "ABAN"}};
      d.family_structure = recruitment::FamilyStructure::kSingle;
      d.home_local_authority = kBoroughNames[i % 10];
      const platform::Date enquiry = platform::Date(2015, 1, 1) + (i * 7919L) % 3650;
      d.enquiry_date = enquiry;
      recruitment::Household h = recruitment::RegisterHousehold(platform::NewId(), d, "bench", by.at);
      const std::vector<recruitment::Move> path = {
          {E::kInfoSessionBooked, enquiry + 10}, {E::kInfoSessionAttended, enquiry + 20},
          {E::kRoiReceived, enquiry + 40},       {E::kRoiAccepted, enquiry + 42},
          {E::kStageOneStarted, enquiry + 45},   {E::kStageOneCompleted, enquiry + 110},
          {E::kStageTwoStarted, enquiry + 115},  {E::kReferredToPanel, enquiry + 230}};
      const size_t cut = static_cast<size_t>((i * 31) % 9);  // 0..8 steps taken
      std::vector<recruitment::Move> history(path.begin(), path.begin() + std::min(cut, path.size()));
      auto added = recruitment::ApplyHistory(h, history, rules, by);
      if (!added.ok()) return added.status();
      batch.push_back(std::move(h));
    }
    std::vector<const recruitment::Household*> written;
    for (const auto& h : batch) written.push_back(&h);
    RETURN_IF_ERROR((*db)->Transaction([&](soci::session& tx) -> absl::Status {
      store.Insert(tx, written);
      return absl::OkStatus();
    }));
  }
  return absl::OkStatus();
}

// `n` household profiles written into familyfinding's database by its own store, and
// one child waiting for a family; returns the child's name.
absl::StatusOr<std::string> SeedMatching(const std::string& db_url, int n) {
  auto db = platform::Database::Open(db_url, 1);
  if (!db.ok()) return db.status();
  std::mt19937 rng(20261202);
  const std::vector<familyfinding::HouseholdProfile> pool = bench::HouseholdProfiles(n, rng, platform::Today());
  familyfinding::HouseholdProfileStore profiles;
  constexpr int kBatch = 1000;
  for (int start = 0; start < n; start += kBatch) {
    absl::Status s = (*db)->Transaction([&](soci::session& tx) {
      for (int i = start; i < std::min(n, start + kBatch); ++i) profiles.Save(tx, pool[i]);
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
  }
  familyfinding::ChildDetails d;
  d.given_name = "Bench";
  d.family_name = "Child";
  d.local_authority = "E08000018";
  d.date_of_birth = platform::Today() - 3 * 365;
  d.sex = familyfinding::Sex::kFemale;
  d.ethnicity = "WHITE_BRITISH";
  d.legal_status = familyfinding::LegalStatus::kPlacementOrder;
  d.entered_care_date = platform::Today() - 400;
  const familyfinding::Child child =
      familyfinding::RegisterChild(platform::NewId(), d, "bench", platform::NowMicros());
  absl::Status s = (*db)->Transaction([&](soci::session& tx) {
    familyfinding::ChildStore().Insert(tx, child);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return "children/" + child.id;
}

// The matching search over gRPC, as a family finder waits for it: 50,000 profiles in
// the database of familyfinding-svc listening on `port`, beside a bare echo and an
// audited read of the same child, one client and two. Non-zero when it could not run.
int MatchingSearch(const std::string& db_url, int port, grpc::health::v1::Health::Stub* echo_stub, double seconds) {
  constexpr int kProfiles = 50000;
  // The matching search over gRPC, as a family finder waits for it: one client.
  absl::StatusOr<std::string> child = SeedMatching(db_url, kProfiles);
  if (!child.ok()) {
    std::fprintf(stderr, "seeding profiles failed: %s\n", std::string(child.status().message()).c_str());
    return 1;
  }
  auto ff = adoption::familyfinding::v1::FamilyFindingService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  const std::string manager = "Bearer " + e2e::Token({"manager"}, "bench");
  auto search = [&](int, long) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", manager);
    adoption::familyfinding::v1::SearchHouseholdsRequest request;
    request.set_child(*child);
    adoption::familyfinding::v1::SearchHouseholdsResponse r;
    return ff->SearchHouseholds(&ctx, request, &r).ok() && r.candidates_size() == 20;
  };
  const auto loading = Clock::now();
  (void)search(0, 0);  // the first search reads the pool into memory
  std::printf("\nmatching search: %d profiles, the pool read in %.0f ms on the first search\n", kProfiles,
              std::chrono::duration<double, std::milli>(Clock::now() - loading).count());
  Result echo_one = Load(1, seconds, [&](int, long) {
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckResponse r;
    return echo_stub->Check(&ctx, {}, &r).ok();
  });
  Print("bare gRPC echo, one client (baseline)", echo_one, nullptr, 0);
  Result get_child = Load(1, seconds, [&](int, long) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", manager);
    adoption::familyfinding::v1::GetChildRequest request;
    request.set_name(*child);
    adoption::familyfinding::v1::Child c;
    return ff->GetChild(&ctx, request, &c).ok();
  });
  Print("GetChild, one client (audited read, baseline)", get_child, &echo_one, 0);
  Result searched = Load(1, seconds, search);
  Print("SearchHouseholds top 20 of 50k, one client", searched, &get_child, 0);
  std::printf("  search target: p99 <= 10 ms over gRPC (%s)\n", searched.p99_ms <= 10 ? "met" : "MISSED");
  if (searched.p99_ms > 10) missed++;
  Result searched_two = Load(2, seconds, search);
  Print("SearchHouseholds top 20 of 50k, two clients", searched_two, &get_child, 0);
  return 0;
}


// The hot path (what a social worker's screen waits for), each against a baseline
// measured here, on the same MariaDB, with the same number of clients.
struct HotPathTargets {
  std::string backend = "mysql";  // or "sqlite": its own table, without targets
  e2e::Process* recruitment = nullptr;
  e2e::Process* gateway = nullptr;
  std::string db_url;  // recruitment's database
  grpc::health::v1::Health::Stub* echo = nullptr;
  rpb::RecruitmentService::Stub* stub = nullptr;
  std::string token;      // "Bearer ..."
  std::string household;  // "households/..." : the one the REST GET and its gRPC twin read
  std::string household_request_id;  // the request id it was created under
  int http_port = 0;
  double seconds = 5;
};

constexpr int kStoredSmall = 1000;
constexpr int kStoredLarge = 1000000;
constexpr int kBoroughs = 10;  // SeedHouseholds' home local authorities

// Milliseconds from wrk's "1.23ms" / "456.00us" / "1.02s".
double WrkMillis(const std::string& text) {
  double value = std::atof(text.c_str());
  if (absl::EndsWith(text, "us")) return value / 1000;
  if (absl::EndsWith(text, "ms")) return value;
  if (absl::EndsWith(text, "s")) return value * 1000;
  return value;
}

// `clients` connections of wrk (Debian's) GETting `url` for `seconds`: a client that is
// not ours, with HTTP keep-alive, as a browser or a partner's system would be.
Result Wrk(int clients, double seconds, const std::string& url, const std::string& authorization) {
  // wrk sizes its event loop to its connections (10 + 3 per connection a thread) and
  // counts a socket numbered past that as a "connect" error: this process's own sockets
  // (database sessions, channels) must not be inherited, or they push wrk's numbers up.
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
    int fd = -1;
    if (absl::SimpleAtoi(entry.path().filename().string(), &fd) && fd > 2) {
      fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC);
    }
  }
  const std::string command =
      absl::StrFormat("wrk -t%d -c%d -d%ds --latency -H 'Authorization: %s' '%s' 2>&1", std::min(clients, 2), clients,
                      std::max(1, static_cast<int>(seconds)), authorization, url);
  Result r;
  FILE* out = popen(command.c_str(), "r");
  if (!out) {
    r.errors = 1;
    return r;
  }
  char buffer[512];
  bool read_any = false;
  while (std::fgets(buffer, sizeof buffer, out)) {
    std::vector<std::string> words = absl::StrSplit(buffer, absl::ByAnyChar(" \t\n"), absl::SkipEmpty());
    if (words.empty()) continue;
    if (words[0] == "Requests/sec:" && words.size() > 1) {
      r.qps = std::atof(words[1].c_str());
      read_any = true;
    } else if (words[0] == "50%" && words.size() > 1) {
      r.p50_ms = WrkMillis(words[1]);
    } else if (words[0] == "99%" && words.size() > 1) {
      r.p99_ms = WrkMillis(words[1]);
    } else if (words[0] == "Non-2xx" && words.size() > 4) {
      r.errors += std::atol(words[4].c_str());
      NoteError(std::string(absl::StripTrailingAsciiWhitespace(buffer)));
    } else if (words[0] == "Socket" && words.size() > 9) {  // Socket errors: connect N, read N, write N, timeout N
      for (size_t i = 3; i < words.size(); i += 2) r.errors += std::atol(words[i].c_str());
      NoteError(std::string(absl::StripTrailingAsciiWhitespace(buffer)));  // which of them
    }
  }
  if (pclose(out) != 0 || !read_any) r.errors += 1;
  return r;
}

// The ids of the households stored in `db_url`.
std::vector<std::string> HouseholdIds(const std::string& db_url) {
  std::vector<std::string> ids;
  auto db = platform::Database::Open(db_url, 1);
  if (!db.ok()) return ids;
  (void)(*db)->Read([&](soci::session& sql) {
    soci::rowset<std::string> rows = (sql.prepare << "SELECT id FROM households ORDER BY id");
    for (const auto& id : rows) ids.push_back(id);
    return absl::OkStatus();
  });
  return ids;
}

// Each service's largest resident memory while it runs.
class MemoryWatch {
 public:
  explicit MemoryWatch(std::vector<e2e::Process*> watched) : watched_(std::move(watched)), peak_(watched_.size()) {
    thread_ = std::thread([this] {
      while (!stop_) {
        for (size_t i = 0; i < watched_.size(); ++i) peak_[i] = std::max(peak_[i], RssKb(watched_[i]->pid()));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    });
  }
  // Prints each peak against `limit_mb`, a missed target when `is_target`.
  void Report(double limit_mb, bool is_target) {
    stop_ = true;
    thread_.join();
    for (size_t i = 0; i < watched_.size(); ++i) {
      const bool over = peak_[i] > limit_mb * 1024;
      std::printf("  %-16s %6.1f MB%s\n", watched_[i]->name().c_str(), peak_[i] / 1024.0,
                  over ? (is_target ? "  (over target)" : "  (over)") : "");
      if (over && is_target) missed++;
    }
  }

 private:
  std::vector<e2e::Process*> watched_;
  std::vector<long> peak_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Audited Get and List beside a raw primary-key SELECT and a raw page of 50 from a table of
// the households' shape holding as many rows, and with `plain` the same paths' database
// work on a bare gRPC server; returns each path's result at `clients`.
struct ReadResults {
  Result get, list;
  Result raw_get, raw_page;  // their baselines
};
ReadResults Reads(const HotPathTargets& t, platform::Database& raw, const std::vector<std::string>& ids, int clients,
                  bool with_targets, bench::PlainPaths* plain = nullptr) {
  const auto id_for = [&](int thread, long i) -> const std::string& {
    return ids[static_cast<size_t>(thread * 7919L + i * 104729L) % ids.size()];
  };
  Result raw_get = Load(clients, t.seconds, [&](int thread, long i) {
    return raw.Read([&](soci::session& sql) {
                const std::string& id = id_for(thread, i);
                std::string la, status, body;
                sql << "SELECT home_local_authority, status, body FROM raw_household WHERE id = :id", soci::use(id),
                    soci::into(la), soci::into(status), soci::into(body);
                return sql.got_data() ? absl::OkStatus() : absl::NotFoundError(id);
              })
        .ok();
  });
  Print("raw primary-key SELECT (baseline)", raw_get, nullptr, 0);
  Result plain_get;
  if (plain) {
    plain_get = Load(clients, t.seconds, [&](int thread, long i) {
      std::string error;
      if (plain->Get(id_for(thread, i), &error)) return true;
      NoteError(error);
      return false;
    });
    Print("plain gRPC read + audit row (the work alone)", plain_get, &raw_get, 0);
  }
  Result get = Load(clients, t.seconds, [&](int thread, long i) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", t.token);
    rpb::GetHouseholdRequest request;
    request.set_name("households/" + id_for(thread, i));
    rpb::Household h;
    return Succeeded(t.stub->GetHousehold(&ctx, request, &h));
  });
  Print("audited GetHousehold", get, &raw_get, with_targets ? 0.6 : 0);
  if (plain) Print("audited GetHousehold against the plain read", get, &plain_get, 0);
  Result raw_page = Load(clients, t.seconds, [&](int, long i) {
    return raw.Read([&](soci::session& sql) {
                std::string la = absl::StrFormat("E09%06d", static_cast<int>(i % kBoroughs) + 1);
                soci::rowset<soci::row> rows =
                    (sql.prepare << "SELECT id, home_local_authority, status, body FROM raw_household WHERE "
                                    "home_local_authority = :la ORDER BY id LIMIT 50",
                     soci::use(la));
                int n = 0;
                for (auto it = rows.begin(); it != rows.end(); ++it) n++;
                return n == 50 ? absl::OkStatus() : absl::InternalError("short page");
              })
        .ok();
  });
  Print("raw SELECT of 50 rows (baseline)", raw_page, nullptr, 0);
  Result plain_page;
  if (plain) {
    plain_page = Load(clients, t.seconds, [&](int, long i) {
      std::string error;
      if (plain->List(absl::StrFormat("E09%06d", static_cast<int>(i % kBoroughs) + 1), &error)) return true;
      NoteError(error);
      return false;
    });
    Print("plain gRPC page of 50 + 50 audit rows", plain_page, &raw_page, 0);
  }
  Result list = Load(clients, t.seconds, [&](int, long i) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", t.token);
    rpb::ListHouseholdsRequest request;
    request.set_page_size(50);
    request.set_filter(absl::StrFormat("home_local_authority = \"E09%06d\"", static_cast<int>(i % kBoroughs) + 1));
    rpb::ListHouseholdsResponse r;
    return Succeeded(t.stub->ListHouseholds(&ctx, request, &r)) && r.households_size() == 50;
  });
  Print("audited ListHouseholds, page of 50", list, &raw_page, with_targets ? 0.5 : 0);
  if (plain) Print("audited ListHouseholds against the plain page", list, &plain_page, 0);
  return {.get = get, .list = list, .raw_get = raw_get, .raw_page = raw_page};
}

// A table of the households' shape (id, local authority, status, a row's worth of
// text), holding the same ids, for the raw baselines.
absl::Status RawHouseholds(platform::Database& raw, const std::vector<std::string>& ids) {
  RETURN_IF_ERROR(raw.Transaction([](soci::session& tx) {
    tx << "CREATE TABLE IF NOT EXISTS raw_household (id VARCHAR(40) PRIMARY KEY, home_local_authority VARCHAR(16) "
          "NOT NULL, status VARCHAR(32) NOT NULL, body VARCHAR(255) NOT NULL)";
    tx << "CREATE INDEX IF NOT EXISTS raw_la ON raw_household (home_local_authority, id)";
    tx << "CREATE TABLE IF NOT EXISTS raw_insert (id VARCHAR(40) PRIMARY KEY, body VARCHAR(255) NOT NULL, "
          "at BIGINT NOT NULL)";
    tx << "DELETE FROM raw_household";
    return absl::OkStatus();
  }));
  constexpr size_t kBatch = 1000;
  for (size_t first = 0; first < ids.size(); first += kBatch) {
    RETURN_IF_ERROR(raw.Transaction([&](soci::session& tx) {
      std::vector<platform::Row> rows;
      for (size_t i = first; i < std::min(ids.size(), first + kBatch); ++i) {
        platform::Row row;
        row.Text("id", ids[i])
            .Text("home_local_authority", absl::StrFormat("E09%06d", static_cast<int>(i % kBoroughs) + 1))
            .Text("status", "STAGE_ONE")
            .Text("body", "a household's row: family structure, enquiry date, route, dates of its stages");
        rows.push_back(std::move(row));
      }
      platform::InsertRows(tx, "raw_household", rows);
      return absl::OkStatus();
    }));
  }
  return absl::OkStatus();
}

// Durable creates of households by `clients` clients, each under a request id of its own.
Result Creates(const HotPathTargets& t, int clients) {
  return Load(clients, t.seconds, [&](int thread, long i) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", t.token);
    rpb::Household h;
    return Succeeded(
        t.stub->CreateHousehold(&ctx, Registration(absl::StrCat("bench-", clients, "-", thread, "-", i)), &h));
  });
}

// The hot path at each number of clients with `stored` households; the reads at 16
// clients go to `at_sixteen`. False when it could not run.
bool HotPath(const HotPathTargets& t, const std::vector<int>& clients, int stored, ReadResults* at_sixteen) {
  if (absl::Status s = SeedHouseholds(t.db_url, stored); !s.ok()) {
    std::fprintf(stderr, "seeding failed: %s\n", std::string(s.message()).c_str());
    return false;
  }
  std::vector<std::string> ids = HouseholdIds(t.db_url);
  platform::testing::ScratchDatabase raw_db(t.backend);
  auto raw = platform::Database::Open(raw_db.url(), 64).value();
  if (absl::Status s = RawHouseholds(*raw, ids); !s.ok()) {
    std::fprintf(stderr, "raw table failed: %s\n", std::string(s.message()).c_str());
    return false;
  }
  const bool on_mariadb = t.backend == "mysql";
  // The paths' own work on a bare server (MariaDB's: it copies the tables' definitions).
  platform::testing::ScratchDatabase plain_db(t.backend);
  std::unique_ptr<bench::PlainPaths> plain;
  if (on_mariadb) {
    absl::StatusOr<std::unique_ptr<bench::PlainPaths>> started = bench::PlainPaths::Start(
        t.db_url, plain_db.url(), std::string(absl::StripPrefix(t.household, "households/")),
        t.household_request_id, 64);
    if (!started.ok()) {
      std::fprintf(stderr, "plain server failed: %s\n", std::string(started.status().message()).c_str());
      return false;
    }
    plain = *std::move(started);
  }
  if (const char* only = getenv("BENCH_PROFILE")) {
    // The reads (`reads`) or the creates (`creates`) alone at 16 clients for `seconds`,
    // for perf (docs/operations.md, "The hot path").
    std::printf("profiling %s\n", only);
    std::fflush(stdout);
    if (std::string(only) == "creates") {
      Print("durable CreateHousehold (row+audit+outbox)", Creates(t, 16), nullptr, 0);
      return true;
    }
    const ReadResults reads = Reads(t, *raw, ids, 16, false, getenv("BENCH_PLAIN") ? plain.get() : nullptr);
    (void)reads;
    return true;
  }
  std::printf("\nthe hot path on %s: %zu households stored (%s)\n", on_mariadb ? "MariaDB" : "SQLite", ids.size(),
              on_mariadb ? "targets at 16 clients and more" : "no targets");
  MemoryWatch memory({t.recruitment, t.gateway});
  // Reads first, for every client count, while exactly `stored` households are stored.
  for (int c : clients) {
    std::printf("\n%d client%s, reads:\n", c, c == 1 ? "" : "s");
    const bool targets = on_mariadb && c >= 16;
    Result echo = Load(c, t.seconds, [&](int, long) {
      grpc::ClientContext ctx;
      grpc::health::v1::HealthCheckResponse r;
      return t.echo->Check(&ctx, {}, &r).ok();
    });
    Print("bare gRPC echo (baseline)", echo, nullptr, 0);
    ReadResults reads = Reads(t, *raw, ids, c, targets, plain.get());
    Print("audited GetHousehold against the echo", reads.get, &echo, targets ? 0.4 : 0);
    if (c == 16 || (at_sixteen->get.qps == 0 && c == clients.back())) *at_sixteen = reads;
  }
  const std::string url = absl::StrCat("http://127.0.0.1:", t.http_port, "/v1/", t.household);
  absl::StatusOr<std::unique_ptr<bench::PlainProxy>> proxy =
      bench::PlainProxy::Start(absl::StrCat("127.0.0.1:", t.recruitment->Port("grpc_port")));
  if (!proxy.ok()) {
    std::fprintf(stderr, "plain proxy failed: %s\n", std::string(proxy.status().message()).c_str());
    return false;
  }
  for (int c : clients) {
    std::printf("\n%d client%s, writes and the gateway:\n", c, c == 1 ? "" : "s");
    const bool targets = on_mariadb && c >= 16;
    Result insert = Load(c, t.seconds, [&](int thread, long i) {
      return raw->Transaction([&](soci::session& tx) {
                   std::string id = absl::StrCat(c, "-", thread, "-", i), body = "household-sized row";
                   long long at = platform::NowMicros();
                   tx << "INSERT INTO raw_insert (id, body, at) VALUES (:i, :b, :a)", soci::use(id), soci::use(body),
                       soci::use(at);
                   return absl::OkStatus();
                 })
          .ok();
    });
    Print("raw single-row insert tx (baseline)", insert, nullptr, 0);
    Result plain_create;
    if (plain) {
      plain_create = Load(c, t.seconds, [&](int thread, long i) {
        std::string error;
        if (plain->Create(absl::StrCat("plain-", c, "-", thread, "-", i), &error)) return true;
        NoteError(error);
        return false;
      });
      Print("plain gRPC tx of the rows a create writes", plain_create, &insert, 0);
    }
    Result create = Creates(t, c);
    Print("durable CreateHousehold (row+audit+outbox)", create, &insert, targets ? 0.7 : 0);
    if (plain) Print("durable CreateHousehold against the plain tx", create, &plain_create, 0);
    Result direct = Load(c, t.seconds, [&](int, long) {
      grpc::ClientContext ctx;
      ctx.AddMetadata("authorization", t.token);
      rpb::GetHouseholdRequest request;
      request.set_name(t.household);
      rpb::Household h;
      return Succeeded(t.stub->GetHousehold(&ctx, request, &h));
    });
    Print("GetHousehold over gRPC direct (baseline)", direct, nullptr, 0);
    Result rest = Wrk(c, t.seconds, url, t.token);
    Print("REST GET through the gateway (wrk)", rest, &direct, targets ? 0.8 : 0);
    Result plain_rest =
        Wrk(c, t.seconds, absl::StrCat("http://127.0.0.1:", (*proxy)->port(), "/v1/", t.household), t.token);
    Print("plain REST proxy: httplib + gRPC + JSON (wrk)", plain_rest, &direct, 0);
    Print("REST GET through the gateway against the plain", rest, &plain_rest, 0);
    // What the HTTP server alone costs a request: the gateway's liveness answer, which
    // forwards nothing, checks no token and writes no log line.
    Result live = Wrk(c, t.seconds, absl::StrCat("http://127.0.0.1:", t.http_port, "/livez"), t.token);
    Print("wrk GET /livez (the gateway's HTTP alone)", live, nullptr, 0);
  }
  std::printf("\nresident memory at its peak under these loads, up to %d clients (%s 100 MB):\n", clients.back(),
              on_mariadb ? "target <=" : "against");
  memory.Report(100, on_mariadb);
  return true;
}


// Waits (up to five minutes) for InnoDB to have written the pages a seeding left
// dirty, flushing them at its fastest meanwhile: its page cleaner writing a gigabyte in
// the background would otherwise be measured with the reads. Returns the seconds waited.
double WaitForCleanPages(platform::Database& db) {
  const auto start = Clock::now();
  const auto dirty_pages = [&] {
    std::string pages = "0";
    (void)db.Read([&](soci::session& sql) {
      sql << "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = "
             "'INNODB_BUFFER_POOL_PAGES_DIRTY'",
          soci::into(pages);
      return absl::OkStatus();
    });
    return std::atol(pages.c_str());
  };
  std::string pct = "90";
  (void)db.Read([&](soci::session& sql) {
    sql << "SELECT @@GLOBAL.innodb_max_dirty_pages_pct", soci::into(pct);
    sql << "SET GLOBAL innodb_max_dirty_pages_pct = 0";
    return absl::OkStatus();
  });
  while (dirty_pages() > 100 && Clock::now() - start < std::chrono::minutes(5)) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  (void)db.Read([&](soci::session& sql) {
    sql << "SET GLOBAL innodb_max_dirty_pages_pct = " + pct;
    return absl::OkStatus();
  });
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Get and List again with a million households stored: p99 against the same at 16
// clients with few stored (`small`).
bool Million(const HotPathTargets& t, const ReadResults& small) {
  std::vector<std::string> ids = HouseholdIds(t.db_url);
  const int stored = static_cast<int>(ids.size());
  const auto seeding = Clock::now();
  if (absl::Status s = SeedHouseholds(t.db_url, kStoredLarge - stored, stored); !s.ok()) {
    std::fprintf(stderr, "seeding failed: %s\n", std::string(s.message()).c_str());
    return false;
  }
  ids = HouseholdIds(t.db_url);
  platform::testing::ScratchDatabase raw_db("mysql");
  auto raw = platform::Database::Open(raw_db.url(), 16).value();
  if (absl::Status s = RawHouseholds(*raw, ids); !s.ok()) {
    std::fprintf(stderr, "raw table failed: %s\n", std::string(s.message()).c_str());
    return false;
  }
  std::printf("\n%zu households stored (seeded with their journeys in %.0f s), 16 clients:\n", ids.size(),
              std::chrono::duration<double>(Clock::now() - seeding).count());
  if (auto db = platform::Database::Open(t.db_url, 1); db.ok()) {
    double mb = 0;
    (void)(*db)->Read([&](soci::session& sql) {
      sql << "SELECT (DATA_LENGTH + INDEX_LENGTH) / 1048576.0 FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
             "DATABASE() AND TABLE_NAME = 'households'",
          soci::into(mb);
      return absl::OkStatus();
    });
    std::printf("  (the households table and its indexes: %.0f MB; InnoDB wrote the seeding's pages in %.0f s)\n",
                mb, WaitForCleanPages(**db));
  }
  const ReadResults large = Reads(t, *raw, ids, 16, false);
  const auto growth = [](const Result& few, const Result& many) {
    return few.p99_ms > 0 ? many.p99_ms / few.p99_ms : 0;
  };
  for (const auto& [name, at_small, at_large, raw_small, raw_large] :
       {std::tuple{"GetHousehold", small.get, large.get, small.raw_get, large.raw_get},
        std::tuple{"ListHouseholds", small.list, large.list, small.raw_page, large.raw_page}}) {
    const double ratio = growth(at_small, at_large);
    // The database's own: its raw baseline's p99 over the same two tables.
    std::printf("  %s p99 %.2f ms with a million against %.2f ms with few: %.2fx (target <= 1.5x%s); "
                "its raw baseline's p99 %.2fx\n",
                name, at_large.p99_ms, at_small.p99_ms, ratio, ratio <= 1.5 ? "" : ", MISSED",
                growth(raw_small, raw_large));
    if (ratio > 1.5) missed++;
  }
  return true;
}

// The hot path again with recruitment-svc on SQLite, a single machine's default
// (scripts/up), and a gateway before it: its own table, without targets. False when
// it could not run.
bool SqliteHotPath(grpc::health::v1::Health::Stub* echo, const std::string& token, const std::vector<int>& clients,
                   double seconds) {
  platform::testing::ScratchDatabase db("sqlite");
  e2e::Process recruitment("recruitment", absl::StrCat(e2e::BuildDir(), "/recruitment-svc/recruitment-svc"),
                           {"--grpc-address=127.0.0.1:0", "--metrics-address=127.0.0.1", "--metrics-port=0",
                            "--db-url=" + db.url(), "--jwt-secret=" + e2e::Secret()});
  if (!recruitment.Start()) {
    std::fprintf(stderr, "recruitment on SQLite did not start:\n%s", recruitment.LogTail().c_str());
    return false;
  }
  e2e::Process gateway("gateway", e2e::BuildDir() + "/gateway/gateway",
                       {"--http-address=127.0.0.1", "--http-port=0", "--grpc-address=127.0.0.1:0",
                        "--metrics-address=127.0.0.1", "--metrics-port=0", "--jwt-secret=" + e2e::Secret(),
                        absl::StrCat("--recruitment-address=127.0.0.1:", recruitment.Port("grpc_port"))});
  if (!gateway.Start()) {
    std::fprintf(stderr, "gateway did not start:\n%s", gateway.LogTail().c_str());
    return false;
  }
  auto stub = rpb::RecruitmentService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", recruitment.Port("grpc_port")), grpc::InsecureChannelCredentials()));
  rpb::Household household;
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", token);
  if (!Succeeded(stub->CreateHousehold(&ctx, Registration("bench-seed"), &household))) {
    std::fprintf(stderr, "a household could not be created on SQLite: %s\n", first_error.c_str());
    return false;
  }
  HotPathTargets hot{.backend = "sqlite", .recruitment = &recruitment, .gateway = &gateway, .db_url = db.url(),
                     .echo = echo, .stub = stub.get(), .token = token, .household = household.name(),
                     .household_request_id = "bench-seed", .http_port = gateway.Port("http_port"),
                     .seconds = seconds};
  ReadResults reads;
  return HotPath(hot, clients, kStoredSmall, &reads);
}

}  // namespace

int main(int argc, char** argv) {
  const int threads = getenv("BENCH_THREADS") ? std::atoi(getenv("BENCH_THREADS")) : 16;
  // `bench search [seconds]`: the matching search over gRPC alone.
  const bool search_only = argc > 1 && std::string(argv[1]) == "search";
  // `bench hot [seconds]`: the hot path alone (no 50,000 or million households, no search).
  const bool hot_only = argc > 1 && std::string(argv[1]) == "hot";
  // `bench sqlite [seconds]`: the hot path on SQLite alone.
  const bool sqlite_only = argc > 1 && std::string(argv[1]) == "sqlite";
  // `bench million [seconds]`: the hot path, then Get and List with a million stored.
  const bool million_only = argc > 1 && std::string(argv[1]) == "million";
  const int seconds_arg = search_only || hot_only || sqlite_only || million_only ? 2 : 1;
  const double seconds = argc > seconds_arg ? std::atof(argv[seconds_arg]) : 5;
  if (!getenv("ADOPTION_TEST_MYSQL_URL")) {
    std::fprintf(stderr, "run through scripts/bench (it starts MariaDB)\n");
    return 2;
  }
  std::printf("bench: %d client threads, %.0f s per measurement, %u cores\n\n", threads, seconds,
              std::thread::hardware_concurrency());

  // Baseline 1: a bare gRPC server answering grpc.health.v1 Check (no auth, no DB).
  grpc::EnableDefaultHealthCheckService(true);
  grpc::ServerBuilder builder;
  int echo_port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &echo_port);
  auto echo_server = builder.BuildAndStart();
  auto echo_channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", echo_port), grpc::InsecureChannelCredentials());
  auto echo_stub = grpc::health::v1::Health::NewStub(echo_channel);
  Result echo = Load(threads, seconds, [&](int, long) {
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckResponse r;
    return echo_stub->Check(&ctx, {}, &r).ok();
  });
  Print("bare gRPC echo (baseline)", echo, nullptr, 0);
  if (search_only) {
    platform::testing::ScratchDatabase db("mysql");
    e2e::Process ff("familyfinding", absl::StrCat(e2e::BuildDir(), "/familyfinding-svc/familyfinding-svc"),
                    {"--grpc-address=127.0.0.1:0", "--metrics-address=127.0.0.1", "--metrics-port=0",
                     "--db-url=" + db.url(), "--db-pool=16", "--jwt-secret=" + e2e::Secret()});
    if (!ff.Start()) {
      std::fprintf(stderr, "familyfinding did not start:\n%s", ff.LogTail().c_str());
      return 1;
    }
    const int failed = MatchingSearch(db.url(), ff.Port("grpc_port"), echo_stub.get(), seconds);
    echo_server->Shutdown();
    return failed ? failed : (missed ? 3 : 0);
  }
  const std::string token = "Bearer " + e2e::Token({"recruitment_worker", "manager"}, "bench");
  if (sqlite_only) {
    const bool ran = SqliteHotPath(echo_stub.get(), token, {1, threads, 64}, seconds);
    echo_server->Shutdown();
    return ran ? (missed ? 3 : 0) : 1;
  }

  // The services, as processes on MariaDB.
  std::vector<std::unique_ptr<platform::testing::ScratchDatabase>> dbs;
  std::vector<std::unique_ptr<e2e::Process>> services;
  int recruitment_port = 0;
  for (std::string ctx : {"recruitment", "familyfinding", "panel", "support", "letterbox"}) {
    dbs.push_back(std::make_unique<platform::testing::ScratchDatabase>("mysql"));
    std::vector<std::string> args = {"--grpc-address=127.0.0.1:0", "--metrics-address=127.0.0.1", "--metrics-port=0",
                                     "--db-url=" + dbs.back()->url(), "--db-pool=16", "--jwt-secret=" + e2e::Secret()};
    if (ctx == "familyfinding") args.push_back(absl::StrCat("--recruitment-address=127.0.0.1:", recruitment_port));
    auto p = std::make_unique<e2e::Process>(ctx, absl::StrCat(e2e::BuildDir(), "/", ctx, "-svc/", ctx, "-svc"), args);
    if (!p->Start()) {
      std::fprintf(stderr, "%s did not start:\n%s", ctx.c_str(), p->LogTail().c_str());
      return 1;
    }
    if (ctx == "recruitment") recruitment_port = p->Port("grpc_port");
    services.push_back(std::move(p));
  }
  std::vector<std::string> gw_args = {"--http-address=127.0.0.1", "--http-port=0", "--grpc-address=127.0.0.1:0",
                                      "--metrics-address=127.0.0.1", "--metrics-port=0",
                                      "--jwt-secret=" + e2e::Secret(),
                                      absl::StrCat("--recruitment-address=127.0.0.1:", recruitment_port)};
  e2e::Process gateway("gateway", e2e::BuildDir() + "/gateway/gateway", gw_args);
  if (!gateway.Start()) {
    std::fprintf(stderr, "gateway did not start:\n%s", gateway.LogTail().c_str());
    return 1;
  }
  std::this_thread::sleep_for(std::chrono::seconds(2));
  std::printf("\nidle resident memory (target <= 30 MB per service):\n");
  for (const auto& p : services) {
    long kb = RssKb(p->pid());
    std::printf("  %-16s %6.1f MB%s\n", p->name().c_str(), kb / 1024.0, kb > 30 * 1024 ? "  (over target)" : "");
    if (kb > 30 * 1024) missed++;
  }
  std::printf("  %-16s %6.1f MB\n\n", "gateway", RssKb(gateway.pid()) / 1024.0);

  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", recruitment_port), grpc::InsecureChannelCredentials());
  auto stub = rpb::RecruitmentService::NewStub(channel);
  rpb::Household household;  // the one a REST GET and its gRPC twin read
  {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", token);
    if (!stub->CreateHousehold(&ctx, Registration("bench-seed"), &household).ok()) return 1;
  }
  HotPathTargets hot{.recruitment = services[0].get(), .gateway = &gateway, .db_url = dbs[0]->url(),
                     .echo = echo_stub.get(), .stub = stub.get(), .token = token,
                     .household = household.name(), .household_request_id = "bench-seed",
                     .http_port = gateway.Port("http_port"), .seconds = seconds};
  ReadResults few;
  if (!HotPath(hot, {1, threads, 64}, kStoredSmall, &few)) return 1;
  if (hot_only) {
    echo_server->Shutdown();
    if (missed) std::printf("\n%d target(s) missed\n", missed);
    return missed ? 3 : 0;
  }
  if (million_only) {
    const bool ran = Million(hot, few);
    echo_server->Shutdown();
    if (missed) std::printf("\n%d target(s) missed\n", missed);
    return ran ? (missed ? 3 : 0) : 1;
  }
  if (!SqliteHotPath(echo_stub.get(), token, {1, threads, 64}, seconds)) return 1;

  // 50,000 households: a filtered list and the funnel, against a raw indexed count.
  constexpr int kHouseholds = 50000;
  const auto seeding = Clock::now();
  if (absl::Status s = SeedHouseholds(dbs[0]->url(), kHouseholds); !s.ok()) {
    std::fprintf(stderr, "seeding failed: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  std::printf("\nseeded %d households with their journeys in %.0f s\n", kHouseholds,
              std::chrono::duration<double>(Clock::now() - seeding).count());
  auto recruitment_db = platform::Database::Open(dbs[0]->url(), 2).value();
  // Latency, not throughput: two clients on the two cores.
  const int report_threads = 2;
  Result count = Load(report_threads, seconds, [&](int, long) {
    return recruitment_db
        ->Transaction([](soci::session& tx) {
          long long n = 0;
          tx << "SELECT COUNT(*) FROM household_journey WHERE event = 'ROI_RECEIVED' AND effective_date BETWEEN "
                "'2020-04-01' AND '2021-03-31'",
              soci::into(n);
          return absl::OkStatus();
        })
        .ok();
  });
  Print("raw indexed COUNT, journey table (baseline)", count, nullptr, 0);
  {
    // What every period report but the funnel reads first: the histories a year touches.
    recruitment::HouseholdStore store;
    auto timed = [&](const char* what, const std::function<void(soci::session&)>& f) {
      const auto t0 = Clock::now();
      (void)recruitment_db->Transaction([&](soci::session& tx) {
        f(tx);
        return absl::OkStatus();
      });
      std::printf("  %-60s %8.1f ms\n", what, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    };
    size_t n = 0;
    timed("store: histories a year touches", [&](soci::session& tx) {
      n = store.Histories(tx, {.touching = platform::Period{platform::Date(2020, 4, 1), platform::Date(2021, 3, 31)},
                               .coverage = platform::Coverage::Everything()})
              .size();
    });
    std::printf("  (%zu households: what the period's other reports read)\n", n);
  }
  Result list = Load(report_threads, seconds, [&](int, long i) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", token);
    rpb::ListHouseholdsRequest request;
    request.set_page_size(50);
    request.set_filter(absl::StrFormat(
        "status = \"HOUSEHOLD_STATUS_STAGE_ONE\" AND home_local_authority = \"E09%06d\"", static_cast<int>(i % 10) + 1));
    rpb::ListHouseholdsResponse r;
    return stub->ListHouseholds(&ctx, request, &r).ok() && r.households_size() > 0;
  });
  Print("ListHouseholds by status and LA, 50k", list, &count, 0);
  Result funnel = Load(report_threads, seconds, [&](int, long i) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", token);
    rpb::ReportAdopterFunnelRequest request;
    const int year = 2015 + static_cast<int>(i % 9);
    auto* period = request.mutable_period();
    period->mutable_first_day()->set_year(year);
    period->mutable_first_day()->set_month(4);
    period->mutable_first_day()->set_day(1);
    period->mutable_last_day()->set_year(year + 1);
    period->mutable_last_day()->set_month(3);
    period->mutable_last_day()->set_day(31);
    rpb::AdopterFunnel r;
    return stub->ReportAdopterFunnel(&ctx, request, &r).ok() && r.enquiries() > 0;
  });
  Print("ReportAdopterFunnel, a year of 50k", funnel, &count, 0);
  std::printf("  funnel target: p50 under 100 ms (%s)\n", funnel.p50_ms < 100 ? "met" : "MISSED");
  if (funnel.p50_ms >= 100) missed++;

  if (int failed = MatchingSearch(dbs[1]->url(), services[1]->Port("grpc_port"), echo_stub.get(), seconds)) {
    return failed;
  }
  if (!Million(hot, few)) return 1;
  echo_server->Shutdown();
  if (missed) std::printf("\n%d target(s) missed\n", missed);
  return missed ? 3 : 0;
}
