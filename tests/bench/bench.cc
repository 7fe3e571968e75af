// Load generator for the suite (scripts/bench, release build; not in CI). Every
// figure is printed beside a baseline measured in the same run on the same machine:
//   bare gRPC echo (grpc.health.v1 Check on a bare server)  -> read RPC (GetHousehold)
//   raw single-row insert on MariaDB (SOCI, one tx)         -> durable write RPC (CreateHousehold:
//                                                              row + audit + outbox in one tx)
//   bare gRPC echo                                          -> REST GET through the gateway
//   raw indexed COUNT over the journey table, MariaDB       -> ListHouseholds by status and LA, and
//                                                              ReportAdopterFunnel, over 50,000 households
//   bare gRPC echo and GetChild (an audited read), one client -> SearchHouseholds over gRPC, top 20 of
//                                                              50,000 household profiles (target p99 <= 10 ms)
// and each service's idle resident memory.
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <httplib.h>
#include <soci/soci.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <functional>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
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
#include "tests/support/process.h"

namespace {

namespace rpb = adoption::recruitment::v1;
using Clock = std::chrono::steady_clock;

struct Result {
  double qps = 0, p50_ms = 0, p99_ms = 0;
  long errors = 0;
};

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

void Print(const char* name, const Result& r, const Result* baseline, double target) {
  std::printf("%-46s %9.0f/s  p50 %6.2f ms  p99 %6.2f ms  errors %ld", name, r.qps, r.p50_ms, r.p99_ms, r.errors);
  if (baseline) {
    double ratio = r.qps / baseline->qps;
    std::printf("  ratio %.2f (target >= %.2f%s)", ratio, target, ratio >= target ? "" : ", MISSED");
  }
  std::printf("\n");
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
absl::Status SeedHouseholds(const std::string& db_url, int n) {
  using E = recruitment::JourneyEvent;
  auto db = platform::Database::Open(db_url, 1);
  if (!db.ok()) return db.status();
  const char* kBoroughs[] = {"E09000001", "E09000002", "E09000003", "E09000004", "E09000005",
                             "E09000006", "E09000007", "E09000008", "E09000009", "E09000010"};
  const recruitment::JourneyRules rules{.stage_one = {.personal_references_min = 3}};
  const platform::Revision by{.actor = "bench", .at = platform::NowMicros(), .today = platform::Today()};
  recruitment::HouseholdStore store;
  constexpr int kBatch = 500;
  for (int start = 0; start < n; start += kBatch) {
    absl::Status s = (*db)->Transaction([&](soci::session& tx) -> absl::Status {
      for (int i = start; i < std::min(n, start + kBatch); ++i) {
        recruitment::HouseholdDetails d;
        d.applicants = {{"Bench", absl::StrCat("Household", i), std::nullopt, i % 7 ? "WBRI" : "ABAN"}};
        d.family_structure = recruitment::FamilyStructure::kSingle;
        d.home_local_authority = kBoroughs[i % 10];
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
        store.Insert(tx, h);
      }
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
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
  Result searched_two = Load(2, seconds, search);
  Print("SearchHouseholds top 20 of 50k, two clients", searched_two, &get_child, 0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const int threads = getenv("BENCH_THREADS") ? std::atoi(getenv("BENCH_THREADS")) : 16;
  // `bench search [seconds]`: the matching search over gRPC alone.
  const bool search_only = argc > 1 && std::string(argv[1]) == "search";
  const int seconds_arg = search_only ? 2 : 1;
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
    return failed;
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
  }
  std::printf("  %-16s %6.1f MB\n\n", "gateway", RssKb(gateway.pid()) / 1024.0);

  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", recruitment_port), grpc::InsecureChannelCredentials());
  auto stub = rpb::RecruitmentService::NewStub(channel);
  const std::string token = "Bearer " + e2e::Token({"recruitment_worker", "manager"}, "bench");
  // One household to read.
  rpb::Household household;
  {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", token);
    if (!stub->CreateHousehold(&ctx, Registration("bench-seed"), &household).ok()) return 1;
  }
  Result read = Load(threads, seconds, [&](int, long) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", token);
    rpb::GetHouseholdRequest request;
    request.set_name(household.name());
    rpb::Household h;
    return stub->GetHousehold(&ctx, request, &h).ok();
  });
  Print("read RPC GetHousehold (audited read)", read, &echo, 0.5);

  // Baseline 2: raw durable single-row inserts on the same MariaDB.
  platform::testing::ScratchDatabase raw_db("mysql");
  auto raw = platform::Database::Open(raw_db.url(), threads).value();
  (void)raw->Transaction([](soci::session& tx) {
    tx << "CREATE TABLE raw_insert (id VARCHAR(40) PRIMARY KEY, body VARCHAR(255) NOT NULL, at BIGINT NOT NULL)";
    return absl::OkStatus();
  });
  Result insert = Load(threads, seconds, [&](int t, long i) {
    return raw->Transaction([&](soci::session& tx) {
                 std::string id = absl::StrCat(t, "-", i), body = "household-sized row";
                 long long at = platform::NowMicros();
                 tx << "INSERT INTO raw_insert (id, body, at) VALUES (:i, :b, :a)", soci::use(id), soci::use(body),
                     soci::use(at);
                 return absl::OkStatus();
               })
        .ok();
  });
  Print("raw single-row insert tx, MariaDB (baseline)", insert, nullptr, 0);
  Result write = Load(threads, seconds, [&](int t, long i) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", token);
    rpb::Household h;
    return stub->CreateHousehold(&ctx, Registration(absl::StrCat("bench-", t, "-", i)), &h).ok();
  });
  Print("durable write RPC CreateHousehold", write, &insert, 0.7);

  std::vector<std::unique_ptr<httplib::Client>> clients;
  for (int t = 0; t < threads; ++t) {
    clients.push_back(std::make_unique<httplib::Client>("127.0.0.1", gateway.Port("http_port")));
    clients.back()->set_keep_alive(true);
    clients.back()->set_tcp_nodelay(true);
  }
  const std::string path = "/v1/" + household.name();
  Result rest = Load(threads, seconds, [&](int t, long) {
    auto r = clients[t]->Get(path.c_str(), {{"Authorization", token}});
    return r && r->status == 200;
  });
  Print("REST GET through the gateway", rest, &echo, 0.4);

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

  if (int failed = MatchingSearch(dbs[1]->url(), services[1]->Port("grpc_port"), echo_stub.get(), seconds)) {
    return failed;
  }
  echo_server->Shutdown();
  return 0;
}
