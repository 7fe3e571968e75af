// The whole journey under SIGKILL (docs/operations.md, "Reliability"): the five services
// and the gateway as deployed (TLS, MariaDB), an agency's history imported through the
// gateway — households, the panel's approvals, children's decisions, matches,
// placements and orders, each step reaching the other services through their event
// logs — while a chaos thread SIGKILLs a service at random and starts it again, and a
// writer registers households through the gateway's REST API, retrying each with its
// request id until it is acknowledged.
// Afterwards, with every service up: the import, repeated until it finishes (it is
// idempotent), finds everything already there; the figures are those a calm import
// gives (tests/e2e/suite_test.cc); every consumer applied each event of its upstream's
// log once, in sequence order, and stands at its head with nothing set aside; and every
// acknowledged household is there, once.
#include <gtest/gtest.h>
#include <httplib.h>
#include <soci/soci.h>

#include <algorithm>
#include <atomic>
#include <iterator>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "adoption/familyfinding/v1/reports.pb.h"
#include "google/protobuf/util/json_util.h"
#include "platform/db/db.h"
#include "platform/server/registry.h"
#include "platform/testing/testing.h"
#include "tests/support/process.h"
#include "tests/support/suite.h"

namespace e2e {
namespace {

namespace fpb = adoption::familyfinding::v1;
using nlohmann::json;

std::string Adoptctl() { return BuildDir() + "/tools/adoptctl/adoptctl"; }

// A query's rows as strings (every column converted by the server).
std::vector<std::vector<std::string>> Rows(const std::string& url, const std::string& query, int columns) {
  std::vector<std::vector<std::string>> out;
  auto db = platform::Database::Open(url, 1).value();
  EXPECT_TRUE(db->Read([&](soci::session& sql) {
                  soci::rowset<soci::row> rows = (sql.prepare << query);
                  for (const soci::row& row : rows) {
                    std::vector<std::string> values;
                    for (int i = 0; i < columns; ++i) values.push_back(row.get<std::string>(i));
                    out.push_back(std::move(values));
                  }
                  return absl::OkStatus();
                }).ok());
  return out;
}

// Within ctest's limit (tests/CMakeLists.txt): no import run begun after kImportWindow,
// none longer than kImportRunLimit, so a suite that never converges is explained.
constexpr std::chrono::minutes kImportWindow{6};
constexpr std::chrono::seconds kImportRunLimit{300};

// The last `n` lines of `text`.
std::string LastLines(const std::string& text, int n) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n', absl::SkipEmpty());
  std::string out;
  for (size_t i = lines.size() > static_cast<size_t>(n) ? lines.size() - n : 0; i < lines.size(); ++i) {
    absl::StrAppend(&out, "  ", lines[i], "\n");
  }
  return out;
}

class JourneyUnderKills : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!getenv("ADOPTION_TEST_MYSQL_URL")) {
      if (platform::testing::MysqlRequired()) FAIL() << "ADOPTION_TEST_MYSQL_URL is not set";
      GTEST_SKIP() << "runs on MariaDB: run it with scripts/test";
    }
    suite_ = std::make_unique<RunningSuite>(absl::StrSplit(ADOPTION_SERVICES_LIST, ';'));
    std::string error;
    ASSERT_TRUE(suite_->Start(&error)) << error;
  }

  httplib::Client Http() {
    httplib::Client c(absl::StrCat("https://127.0.0.1:", suite_->gateway().Port("http_port")));
    c.set_ca_cert_path(suite_->ca().c_str());
    c.enable_server_certificate_verification(true);
    c.set_read_timeout(20, 0);
    return c;
  }
  std::string AdoptctlFlags() {
    return absl::StrCat(" --target 127.0.0.1:", suite_->gateway().Port("grpc_port"), " --tls-ca-file ", suite_->ca(),
                        " --token-file ", TokenFile({"manager"}), " ");
  }

  // Every consumer reaches its upstream's head (the logs are quiet now: within two
  // minutes in all) with nothing set aside, having applied each event of the types it
  // reads once, in sequence order. Returns how many events were applied in all.
  int ExpectEveryConsumerAtItsHead() {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    std::map<std::string, std::string> url;
    for (const auto& s : suite_->services()) url[s->context] = s->db->url();
    int checked = 0;
    for (const auto& s : suite_->services()) {
      for (const std::string& upstream : platform::Registry::Default().Get(s->context).reads) {
        if (!url.count(upstream)) continue;
        // A service that only asks its upstream (panel asks familyfinding about children)
        // keeps no cursor: a consumer keeps one from its first poll of a log with events.
        if (Rows(s->db->url(), "SELECT upstream FROM consumer_cursors WHERE upstream = '" + upstream + "'", 1)
                .empty()) {
          continue;
        }
        const auto head = Rows(url[upstream], "SELECT CAST(COALESCE(MAX(sequence), 0) AS CHAR) FROM outbox", 1);
        std::string cursor;
        while (true) {
          auto rows = Rows(s->db->url(), "SELECT CAST(sequence AS CHAR) FROM consumer_cursors WHERE upstream = '" +
                                             upstream + "'", 1);
          cursor = rows.empty() ? "0" : rows[0][0];
          if (cursor == head[0][0] || std::chrono::steady_clock::now() >= give_up) break;
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        EXPECT_EQ(cursor, head[0][0]) << s->context << " never reached " << upstream << "'s head";
        // Each event set aside, by what it was and why, so a failure explains itself.
        for (const auto& row : Rows(s->db->url(),
                                    "SELECT upstream, CAST(sequence AS CHAR), type, error, CAST(attempts AS CHAR) "
                                    "FROM consumer_dead_letters WHERE upstream = '" + upstream + "'",
                                    5)) {
          ADD_FAILURE() << s->context << " set aside " << row[0] << "'s event " << row[1] << " (" << row[2]
                        << ") after " << row[4] << " attempts: " << row[3];
        }
        auto applied = Rows(s->db->url(),
                            "SELECT CAST(sequence AS CHAR), event_id, type FROM consumer_inbox WHERE upstream = '" +
                                upstream + "' ORDER BY inbox_pk",
                            3);
        std::set<std::string> types;
        long long last = 0;
        std::set<std::string> applied_ids;
        for (const auto& row : applied) {
          EXPECT_GT(std::stoll(row[0]), last) << s->context << " applied " << upstream << "'s " << row[0]
                                              << " after " << last;
          last = std::stoll(row[0]);
          types.insert(row[2]);
          applied_ids.insert(row[0] + "/" + row[1]);
        }
        // Every event of those types in the upstream's log, with its id at its sequence.
        std::string in;
        for (const auto& t : types) absl::StrAppend(&in, in.empty() ? "'" : ",'", t, "'");
        if (in.empty()) continue;
        auto logged = Rows(url[upstream],
                           "SELECT CAST(sequence AS CHAR), id FROM outbox WHERE sequence IS NOT NULL AND type IN (" +
                               in + ") ORDER BY sequence",
                           2);
        std::set<std::string> logged_ids;
        for (const auto& row : logged) logged_ids.insert(row[0] + "/" + row[1]);
        // Only the differences: the whole sets are thousands long.
        std::vector<std::string> missing, extra;
        std::set_difference(logged_ids.begin(), logged_ids.end(), applied_ids.begin(), applied_ids.end(),
                            std::back_inserter(missing));
        std::set_difference(applied_ids.begin(), applied_ids.end(), logged_ids.begin(), logged_ids.end(),
                            std::back_inserter(extra));
        EXPECT_TRUE(missing.empty() && extra.empty())
            << s->context << " did not apply " << upstream << "'s events exactly once: not applied "
            << absl::StrJoin(missing, ", ") << "; applied but not in the log " << absl::StrJoin(extra, ", ");
        std::cout << s->context << " applied " << applied.size() << " of " << upstream << "'s events ("
                  << types.size() << " types), once each, in order" << std::endl;
        checked += applied.size();
      }
    }
    return checked;
  }

  std::unique_ptr<RunningSuite> suite_;
};

TEST_F(JourneyUnderKills, EveryEventIsAppliedOnceInOrderAndNoAcknowledgedWriteIsLost) {
  const std::string flags = AdoptctlFlags();
  // Each run bounded (coreutils' timeout): a run that hangs is reported, not waited for.
  const std::string import = absl::StrCat("timeout -k 10 ", kImportRunLimit.count(), " ", Adoptctl(), " import",
                                          flags, ADOPTION_TEST_DATA, "/rotherham-extract.json");
  const auto began = std::chrono::steady_clock::now();
  // What happens as it happens, with the seconds since the start: when ctest stops a run
  // that took too long, its output says how far it got.
  auto progress = [&](const std::string& line) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - began);
    std::cout << "[" << seconds.count() << " s] " << line << std::endl;
  };

  // Chaos: every 1–2.5 s one service, at random, SIGKILLed and started again 0.2–1.5 s
  // later. The import runs through it, cut short and repeated as it must be.
  // A minute of chaos, and at least kEnoughKills kills however slowly the machine
  // restarts the processes (a loaded machine restarts them slower), for at most 4 min.
  constexpr int kEnoughKills = 8;
  const auto chaos_until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  const auto chaos_at_most = std::chrono::steady_clock::now() + std::chrono::minutes(4);
  std::atomic<bool> stop_chaos{false};
  std::map<std::string, int> kills;
  int killed = 0;
  std::thread chaos([&] {
    std::mt19937 random(20261203);
    std::uniform_int_distribution<int> pause(1000, 2500), down(200, 1500);
    const auto& services = suite_->services();
    std::uniform_int_distribution<size_t> which(0, services.size() - 1);
    auto over = [&] {
      const auto now = std::chrono::steady_clock::now();
      return now >= chaos_at_most || (killed >= kEnoughKills && (stop_chaos || now >= chaos_until));
    };
    while (!over()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(pause(random)));
      if (over()) break;
      // One that did not start again is tried again before anything else is killed.
      for (const auto& s : services) {
        if (!s->process->running() && !s->process->Start()) progress(s->context + " is still down");
      }
      auto& victim = *services[which(random)];
      progress("killing " + victim.context);
      victim.process->Kill();
      ++kills[victim.context];
      ++killed;
      std::this_thread::sleep_for(std::chrono::milliseconds(down(random)));
      bool started = false;
      for (int attempt = 0; attempt < 3 && !(started = victim.process->Start()); ++attempt) {
      }
      if (!started) progress(victim.context + " did not start again:\n" + victim.process->LogTail());
    }
  });

  // The writer: households through REST, each retried with its request id until acknowledged.
  std::atomic<bool> stop_writer{false};
  std::vector<std::string> acknowledged;
  int attempts = 0, unanswered = 0;
  std::thread writer([&] {
    auto http = Http();
    http.set_connection_timeout(2, 0);
    const httplib::Headers headers = {{"Authorization", "Bearer " + Token({"recruitment_worker"})}};
    for (int i = 0; !stop_writer; ++i) {
      const std::string body = absl::StrCat(
          R"({"applicants":[{"person":{"givenName":"Chaos","familyName":"Writer)", i, R"("}}],)",
          R"("familyStructure":"FAMILY_STRUCTURE_SINGLE","homeLocalAuthority":"E09000006",)",
          R"("enquiryDate":{"year":2025,"month":3,"day":1}})");
      const std::string path = absl::StrCat("/v1/households?requestId=chaos-writer-", i);
      bool acked = false;
      // Retried through the chaos and for at most two minutes after it: a household still
      // unanswered then is one the suite did not recover for.
      std::optional<std::chrono::steady_clock::time_point> give_up;
      for (int tries = 0; !acked; ++tries) {
        if (stop_writer && !give_up) give_up = std::chrono::steady_clock::now() + std::chrono::minutes(2);
        if (give_up && std::chrono::steady_clock::now() >= *give_up) break;
        ++attempts;
        auto r = http.Post(path.c_str(), headers, body, "application/json");
        if (r && r->status == 200) {
          acknowledged.push_back(json::parse(r->body)["name"]);
          acked = true;
        } else if (r && r->status != 503 && r->status != 502 && r->status != 504) {
          ADD_FAILURE() << "household " << i << ": HTTP " << r->status << " " << r->body;
          return;
        } else {
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
      }
      if (!acked) {
        ++unanswered;
        progress(absl::StrCat("the writer's household ", i, " was never acknowledged"));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });

  // The import, repeated until it finishes — none begun after kImportWindow, whose end
  // leaves time within ctest's limit to say why it never did.
  const auto started = std::chrono::steady_clock::now();
  int runs = 0, failed_runs = 0;
  std::string out;
  bool imported = false;
  while (!imported && std::chrono::steady_clock::now() < started + kImportWindow) {
    out.clear();
    ++runs;
    const auto run_began = std::chrono::steady_clock::now();
    const int exit_code = Shell(import, &out);
    imported = exit_code == 0;
    if (!imported) ++failed_runs;
    progress(absl::StrCat("import run ", runs, ": exit ", exit_code, " after ",
                          std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - run_began)
                              .count(),
                          " s", imported ? "" : absl::StrCat("; it ended:\n", LastLines(out, 6))));
  }
  stop_chaos = true;
  chaos.join();
  stop_writer = true;
  writer.join();
  progress("chaos and writer stopped");
  for (const auto& s : suite_->services()) {
    if (!s->process->running()) {
      ASSERT_TRUE(s->process->Start()) << s->process->LogTail();
    }
  }
  if (!imported) {
    // Why: a consumer short of its upstream's head, or an event set aside.
    ADD_FAILURE() << "the import never finished in " << runs << " runs; the last ended:\n" << out;
    ExpectEveryConsumerAtItsHead();
    return;
  }
  int total_kills = 0;
  for (const auto& [who, n] : kills) total_kills += n;
  std::cout << "chaos: " << total_kills << " kills (";
  for (const auto& [who, n] : kills) std::cout << who << " " << n << " ";
  std::cout << "); the import ran " << runs << " times, " << failed_runs << " cut short, in "
            << std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count()
            << " s; the writer: "
            << acknowledged.size() << " households acknowledged in " << attempts << " attempts" << std::endl;
  EXPECT_GE(total_kills, kEnoughKills) << "too little chaos to prove anything";
  EXPECT_EQ(unanswered, 0);

  // Once more, calm: everything is there already.
  out.clear();
  ASSERT_EQ(Shell(import, &out), 0) << out;
  EXPECT_NE(out.find("households: 0 created, 0 extended, 510 unchanged, 0 refused; 58 external"), std::string::npos)
      << out;
  EXPECT_NE(out.find("approvals: 0 created, 51 unchanged"), std::string::npos) << out;
  EXPECT_NE(out.find("children: 0 created, 0 extended, 128 unchanged"), std::string::npos) << out;
  EXPECT_NE(out.find("decisions on children: 0 created, 217 unchanged"), std::string::npos) << out;

  // Every consumer reaches its upstream's head (the logs are quiet now) with nothing
  // set aside, having applied each event of the types it reads once, in sequence order.
  EXPECT_GT(ExpectEveryConsumerAtItsHead(), 500);
  std::map<std::string, std::string> url;
  for (const auto& s : suite_->services()) url[s->context] = s->db->url();

  // The figures of a calm import (tests/e2e/suite_test.cc, RotherhamsFiguresComeOutOfItsExtract).
  auto report = [&](const std::string& command, google::protobuf::Message* m) {
    out.clear();
    ASSERT_EQ(Shell(absl::StrCat(Adoptctl(), " report ", command, flags), &out), 0) << out;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(out, m).ok()) << out;
  };
  fpb::Scorecard card;
  report("scorecard --fy 2017-18 --la Rotherham", &card);
  EXPECT_EQ(card.adopted(), 27);
  EXPECT_DOUBLE_EQ(card.a1().mean().value(), 316);
  EXPECT_EQ(card.early_permanence(), 5);
  fpb::ChildMilestones milestones;
  report("child-milestones --fy 2017-18 --la Rotherham", &milestones);
  EXPECT_EQ(milestones.total().decisions(), 45);
  EXPECT_EQ(milestones.total().placement_orders(), 44);
  EXPECT_EQ(milestones.total().matches(), 31);
  EXPECT_EQ(milestones.total().placements(), 33);
  EXPECT_EQ(milestones.total().adoption_orders(), 27);
  EXPECT_EQ(milestones.total().plan_changes(), 7);
  fpb::ChildrenWaiting waiting;
  report("children-waiting --at 2018-03-31", &waiting);
  EXPECT_EQ(waiting.waiting(), 32);

  // Every acknowledged household is there, once.
  auto http = Http();
  const httplib::Headers headers = {{"Authorization", "Bearer " + Token({"recruitment_worker"})}};
  std::set<std::string> distinct(acknowledged.begin(), acknowledged.end());
  EXPECT_EQ(distinct.size(), acknowledged.size()) << "a retried request made a second household";
  for (const std::string& name : acknowledged) {
    auto r = http.Get(("/v1/" + name).c_str(), headers);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << name << " was acknowledged and is gone";
  }
  auto written = Rows(url["recruitment"],
                      "SELECT CAST(COUNT(*) AS CHAR) FROM create_requests WHERE request_id LIKE 'chaos-writer-%'", 1);
  EXPECT_EQ(written[0][0], std::to_string(acknowledged.size()));
}

}  // namespace
}  // namespace e2e
