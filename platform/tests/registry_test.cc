// The registry of the suite's services: config/services.tsv as compiled in, and what
// a malformed table is told.
#include "platform/server/registry.h"

#include <gtest/gtest.h>

#include "platform/core/table.h"

#include <set>

#include "absl/strings/str_cat.h"

namespace platform {
namespace {

TEST(Registry, TheCompiledInTableNamesFiveContextsAndTheGateway) {
  const Registry& r = Registry::Default();
  std::vector<std::string> contexts;
  for (const SuiteService* s : r.Contexts()) contexts.push_back(s->name);
  EXPECT_EQ(contexts, (std::vector<std::string>{"recruitment", "familyfinding", "panel", "support", "letterbox"}));
  const SuiteService& recruitment = r.Get("recruitment");
  EXPECT_EQ(recruitment.binary, "recruitment-svc");
  EXPECT_EQ(recruitment.LocalAddress(), absl::StrCat("127.0.0.1:", recruitment.grpc_port));
  EXPECT_EQ(recruitment.grpc_service, "adoption.recruitment.v1.RecruitmentService");
  EXPECT_EQ(r.Get("familyfinding").reads, (std::vector<std::string>{"recruitment", "panel"}));
  ASSERT_NE(r.Find("gateway"), nullptr);
  EXPECT_GT(r.Find("gateway")->http_port, 0);
  EXPECT_TRUE(r.Find("gateway")->grpc_service.empty());
  EXPECT_EQ(r.Find("billing"), nullptr);
  // No two services listen on one port.
  std::set<int> ports;
  for (const auto& s : r.services()) {
    for (int port : {s.grpc_port, s.metrics_port, s.http_port}) {
      if (port != 0) {
        EXPECT_TRUE(ports.insert(port).second) << s.name << " " << port;
      }
    }
  }
}

TEST(Registry, EveryProblemOfAMalformedTableIsReported) {
  const std::string header = "name\tbinary\tgrpc_port\tmetrics_port\thttp_port\tgrpc_service\treads\n";
  auto r = Registry::Parse(absl::StrCat(header,
                                        "a\ta-svc\t5001\t9001\t-\tx.A\t-\n",
                                        "a\ta2-svc\t5002\t9002\t-\tx.A2\t-\n",       // line 3: name again
                                        "b\tb-svc\t5001\t9003\t-\tx.B\tnobody\n",    // line 4: port again
                                        "c\tc-svc\tport\t9004\t-\tx.C\t-\n",         // line 5: not a port
                                        "d\td-svc\t5005\n"));                          // line 6: columns
  ASSERT_FALSE(r.ok());
  const std::string message(r.status().message());
  for (const char* want : {"line 3: repeats the name a", "line 4: repeats the port 5001", "line 5: grpc_port",
                           "line 6: expected 7 columns", "'nobody', which is not another service"}) {
    EXPECT_NE(message.find(want), std::string::npos) << want << " in " << message;
  }
  EXPECT_FALSE(Registry::Parse("").ok());  // no header row
}

// The reading every config table shares: comments, blanks, header, width, problems.
TEST(TableReading, SkipsCommentsAndTheHeaderAndListsEveryProblemWithItsLine) {
  TableReading reading("example");
  auto rows = reading.Rows("# a comment\n\nkey\tvalue\na\t1\nb\n\t2\n", 2, "expected key, value");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 4);
  EXPECT_EQ(rows[0].cells, (std::vector<absl::string_view>{"a", "1"}));
  EXPECT_EQ(rows[1].line, 6);
  reading.Problem(6, "no key");
  reading.Problem("a is required");
  EXPECT_EQ(reading.Status().message(), "example: line 5: expected key, value; line 6: no key; a is required");
  TableReading headless("example");
  EXPECT_TRUE(headless.Rows("# only a comment\n", 2, "").empty());
  EXPECT_EQ(headless.Status().message(), "example: no header row");
  TableReading rows_only("agency");
  EXPECT_EQ(rows_only.Rows("id\tx\n", 0, "", /*header=*/false).size(), 1u);
  EXPECT_TRUE(rows_only.ok());
}

}  // namespace
}  // namespace platform
