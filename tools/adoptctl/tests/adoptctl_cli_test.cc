// adoptctl's command line without a server: every command's help, usage errors,
// flag parsing (repeatable lists, the environment), and `call`'s method lookup.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "platform/rpc/auth.h"
#include "tools/adoptctl/call.h"
#include "tools/adoptctl/cli.h"
#include "tools/adoptctl/disclosure.h"

namespace adoptctl {
namespace {

struct Result {
  int code;
  std::string out, err;
};

// adoptctl in-process, with only `env` as its environment.
Result Adoptctl(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
  std::ostringstream out, err;
  int code = Run(args, {out, err, [&env](const char* name) -> const char* {
                          auto it = env.find(name);
                          return it == env.end() ? nullptr : it->second.c_str();
                        }});
  return {code, out.str(), err.str()};
}

std::vector<std::string> With(const std::string& path, std::vector<std::string> args) {
  std::vector<std::string> all = absl::StrSplit(path, ' ');
  all.insert(all.end(), args.begin(), args.end());
  return all;
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(AdoptctlHelp, EveryCommandsHelpExitsZeroAndNamesEachFlagItDeclares) {
  ASSERT_GE(Commands().size(), 6u);
  for (const Command& command : Commands()) {
    SCOPED_TRACE(command.path);
    // The declarations the command makes, captured by running it with --help.
    std::ostringstream out, err;
    Cli cli(command, {"--help"}, {out, err, [](const char*) -> const char* { return nullptr; }});
    ASSERT_EQ(command.run(cli), 0);
    ASSERT_FALSE(cli.flag_names().empty());

    Result r = Adoptctl(With(command.path, {"--help"}));
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, out.str());
    EXPECT_TRUE(Contains(r.out, "usage: adoptctl " + command.path + " [flags]")) << r.out;
    EXPECT_TRUE(Contains(r.out, command.summary)) << r.out;
    EXPECT_TRUE(Contains(r.out, "examples:\n")) << r.out;
    for (const auto& flag : cli.flag_names()) EXPECT_TRUE(Contains(r.out, "  --" + flag + " (")) << flag;
    EXPECT_EQ(Adoptctl(With(command.path, {"-h"})).code, 0);
  }
}

TEST(AdoptctlHelp, TheFlagsOperatorsRelyOnAreDeclared) {
  const std::map<std::string, std::vector<std::string>> expected = {
      {"token", {"role", "subject", "local-authority", "household", "ttl-seconds", "jwt-secret", "jwt-secret-file"}},
      {"health", {"target", "tls-ca-file", "tls-cert-file", "tls-key-file"}},
      {"migrate", {"service", "db-url", "db-url-file"}},
      {"mysql provision",
       {"admin-url", "admin-user", "admin-password", "admin-password-file", "host-pattern", "secrets-dir",
        "passwords-from"}},
      {"events tail", {"target", "after", "follow", "as", "token", "jwt-secret", "tls-ca-file", "tls-cert-file"}},
      {"call", {"target", "token", "deadline", "list"}},
      // Every command that dials a service can speak its mutual TLS.
      {"events consumers", {"target", "token", "tls-ca-file", "tls-cert-file", "tls-key-file"}},
      {"events rebaseline", {"target", "token", "tls-ca-file", "tls-cert-file", "tls-key-file"}},
      {"events dead-letter list", {"target", "token", "tls-ca-file", "tls-cert-file", "tls-key-file"}},
      {"events dead-letter replay", {"tls-ca-file", "tls-cert-file", "tls-key-file"}},
      {"events dead-letter skip", {"tls-ca-file", "tls-cert-file", "tls-key-file"}},
      {"audit", {"target", "token", "service", "record", "actor", "from", "to", "tls-ca-file"}},
      {"retention report", {"target", "token", "service", "type", "through", "format", "tls-ca-file"}},
      {"backup", {"service", "db-url", "db-url-file", "out", "db-tls-ca-file"}},
      {"restore", {"service", "db-url", "db-url-file", "in", "grant-to", "db-tls-ca-file"}},
  };
  for (const auto& [path, flags] : expected) {
    Result r = Adoptctl(With(path, {"--help"}));
    ASSERT_EQ(r.code, 0) << path;
    for (const auto& flag : flags) EXPECT_TRUE(Contains(r.out, "  --" + flag + " (")) << path << " --" << flag;
  }
  // Each flag's variable is named in the help: --token is read from $ADOPTION_TOKEN.
  EXPECT_TRUE(Contains(Adoptctl({"call", "--help"}).out, "--token (ADOPTION_TOKEN)"));
}

TEST(AdoptctlHelp, EachLevelsHelpListsTheCommandsUnderIt) {
  Result top = Adoptctl({"--help"});
  EXPECT_EQ(top.code, 0);
  for (const Command& command : Commands()) EXPECT_TRUE(Contains(top.out, "  " + command.path + " ")) << command.path;
  EXPECT_FALSE(Contains(top.out, ".cc"));  // not "see the source"

  Result events = Adoptctl({"events", "--help"});
  EXPECT_EQ(events.code, 0);
  EXPECT_TRUE(Contains(events.out, "usage: adoptctl events COMMAND")) << events.out;
  EXPECT_TRUE(Contains(events.out, "events tail"));
  EXPECT_FALSE(Contains(events.out, "mysql provision"));
  EXPECT_EQ(Adoptctl({"mysql", "-h"}).code, 0);
  EXPECT_EQ(Adoptctl({"help", "events", "tail"}).out, Adoptctl({"events", "tail", "--help"}).out);

  // No command: the level's help, as an error.
  Result none = Adoptctl({});
  EXPECT_EQ(none.code, 2);
  EXPECT_EQ(none.out, "");
  EXPECT_TRUE(Contains(none.err, "which command?")) << none.err;
  EXPECT_TRUE(Contains(none.err, "mysql provision"));
  EXPECT_EQ(Adoptctl({"events"}).code, 2);
}

TEST(AdoptctlUsage, AnUnknownFlagExitsTwoWithTheHelpOfItsCommand) {
  for (const Command& command : Commands()) {
    SCOPED_TRACE(command.path);
    Result r = Adoptctl(With(command.path, {"--no-such-flag"}));
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(Contains(r.err, "unknown flag --no-such-flag")) << r.err;
    EXPECT_TRUE(Contains(r.err, "usage: adoptctl " + command.path + " [flags]")) << r.err;
    EXPECT_EQ(r.out, "");
  }
  Result top = Adoptctl({"--verbose"});
  EXPECT_EQ(top.code, 2);
  EXPECT_TRUE(Contains(top.err, "unknown flag --verbose"));
  EXPECT_TRUE(Contains(top.err, "usage: adoptctl COMMAND"));
}

TEST(AdoptctlUsage, AnUnknownCommandExitsTwoWithTheHelpOfTheClosestLevel) {
  Result top = Adoptctl({"evnts", "tail"});
  EXPECT_EQ(top.code, 2);
  EXPECT_TRUE(Contains(top.err, "unknown command 'evnts' (did you mean events?)")) << top.err;
  EXPECT_TRUE(Contains(top.err, "usage: adoptctl COMMAND"));

  Result events = Adoptctl({"events", "tial", "--target", "x"});
  EXPECT_EQ(events.code, 2);
  EXPECT_TRUE(Contains(events.err, "adoptctl events: unknown command 'tial' (did you mean tail?)")) << events.err;
  EXPECT_TRUE(Contains(events.err, "usage: adoptctl events COMMAND"));

  EXPECT_FALSE(Contains(Adoptctl({"zzzzzz"}).err, "did you mean"));
}

TEST(AdoptctlUsage, AMistypedFlagSuggestsTheDeclaredOne) {
  Result r = Adoptctl({"token", "--rol", "manager"});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "did you mean --role?")) << r.err;
}

TEST(AdoptctlUsage, EveryProblemIsListedAndHelpNeedsNoRequiredFlag) {
  Result r = Adoptctl({"migrate", "--bogus"});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "unknown flag --bogus")) << r.err;
  EXPECT_TRUE(Contains(r.err, "--service (or ADOPTION_SERVICE) is required")) << r.err;
  // The database is --db-url or --db-url-file (a mounted Secret), one of them.
  for (const auto& args : {std::vector<std::string>{"migrate", "--service", "panel"},
                           std::vector<std::string>{"migrate", "--service", "panel", "--db-url", "sqlite:///x",
                                                    "--db-url-file", "/etc/url"}}) {
    Result both = Adoptctl(args);
    EXPECT_EQ(both.code, 2);
    EXPECT_TRUE(Contains(both.err, "give one of --db-url and --db-url-file")) << both.err;
  }
  Result missing = Adoptctl({"migrate", "--service", "panel", "--db-url-file", "/nonexistent/url"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_TRUE(Contains(missing.err, "/nonexistent/url")) << missing.err;
  EXPECT_EQ(Adoptctl({"migrate", "--help"}).code, 0);
  EXPECT_EQ(Adoptctl({"migrate", "--service", "nursery", "--db-url", "sqlite:///x"}).code, 2);
  EXPECT_EQ(Adoptctl({"token", "--role", "superuser"}).code, 2);
  // The signing secret itself on the command line (ps shows it) is refused.
  Result on_line = Adoptctl({"token", "--role", "manager", "--jwt-secret", "a-development-secret-of-32-bytes-or-more"});
  EXPECT_EQ(on_line.code, 2);
  EXPECT_TRUE(Contains(on_line.err, "--jwt-secret holds a secret and is given as a process argument")) << on_line.err;
  EXPECT_TRUE(Contains(Adoptctl({"token", "--role", "superuser"}).err, "unknown role 'superuser'"));
  EXPECT_EQ(Adoptctl({"token", "--role"}).code, 2);  // no value
  EXPECT_EQ(Adoptctl({"token", "--role", "manager", "--ttl-seconds", "soon"}).code, 2);
  // A token lives as long as its roles allow at most: a person's an hour, a service's ten minutes.
  const std::map<std::string, std::string> secret = {{"ADOPTION_JWT_SECRET", "a-development-secret-of-32-bytes-or-more"}};
  EXPECT_EQ(Adoptctl({"token", "--role", "manager"}, secret).code, 0);
  Result long_lived = Adoptctl({"token", "--role", "manager", "--ttl-seconds", "3601"}, secret);
  EXPECT_EQ(long_lived.code, 1);
  EXPECT_TRUE(Contains(long_lived.err, "may live at most 3600 s")) << long_lived.err;
  EXPECT_EQ(Adoptctl({"token", "--role", "service"}, secret).code, 0);
  EXPECT_EQ(Adoptctl({"token", "--role", "service", "--ttl-seconds", "601"}, secret).code, 1);
}

TEST(AdoptctlUsage, ArgumentsACommandDoesNotTakeAreRefused) {
  Result r = Adoptctl({"token", "--role", "manager", "extra"});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "unexpected argument 'extra'")) << r.err;
  EXPECT_EQ(Adoptctl({"call", "Service.Method", "{}", "more"}).code, 2);
}

// A bearer token is a credential: never a process argument, which every user of the
// machine reads in ps; ADOPTION_TOKEN or --token-file instead, for every command that
// sends one. A file that cannot be read fails the call, naming it.
TEST(AdoptctlToken, ABearerTokenOnTheCommandLineIsRefused) {
  for (const auto& args : {std::vector<std::string>{"call", "--token", "eyJ.x.y", "RecruitmentService.ListHouseholds"},
                           std::vector<std::string>{"import", "--token", "eyJ.x.y", "extract.json"},
                           std::vector<std::string>{"events", "tail", "--target", "127.0.0.1:1", "--token", "eyJ.x.y"},
                           std::vector<std::string>{"events", "consumers", "--target", "127.0.0.1:1", "--token=eyJ"}}) {
    Result r = Adoptctl(args);
    EXPECT_EQ(r.code, 2) << args[0];
    EXPECT_TRUE(Contains(r.err, "--token holds a secret and is given as a process argument")) << r.err;
    EXPECT_TRUE(Contains(r.err, "ADOPTION_TOKEN or with --token-file")) << r.err;
  }
  Result none = Adoptctl({"events", "consumers", "--target", "127.0.0.1:1"});
  EXPECT_EQ(none.code, 2);
  EXPECT_TRUE(Contains(none.err, "a manager's token is required: ADOPTION_TOKEN or --token-file")) << none.err;
  Result unreadable =
      Adoptctl({"call", "--target", "127.0.0.1:1", "--token-file", "/nonexistent/token", "RecruitmentService.ListHouseholds"});
  EXPECT_EQ(unreadable.code, 1);
  EXPECT_TRUE(Contains(unreadable.out + unreadable.err, "/nonexistent/token")) << unreadable.err;
}

TEST(AdoptctlImport, ThePanelThatHeardTheCasesIsNamedAsAPanel) {
  Result r = Adoptctl({"import", "--target", "127.0.0.1:1", "--panel", "meetings/m1", "extract.json"});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "--panel is a panel's name: panels/{id}")) << r.err;
}

TEST(AdoptctlAudit, PeriodsAreDatesOrTimesAndServicesAreTheSuites) {
  Result bad_day = Adoptctl({"audit", "--target", "127.0.0.1:1", "--from", "31/03/2026"});
  EXPECT_EQ(bad_day.code, 2);
  EXPECT_TRUE(Contains(bad_day.err, "--from '31/03/2026' is neither a date (YYYY-MM-DD) nor a time")) << bad_day.err;
  Result bad_time = Adoptctl({"audit", "--target", "127.0.0.1:1", "--to", "2026-03-31T25:00:00Z"});
  EXPECT_EQ(bad_time.code, 2);
  EXPECT_TRUE(Contains(bad_time.err, "--to '2026-03-31T25:00:00Z'")) << bad_time.err;
  Result nobody = Adoptctl({"audit", "--target", "127.0.0.1:1", "--service", "recruitment,nursery"});
  EXPECT_EQ(nobody.code, 2);
  EXPECT_TRUE(Contains(nobody.err, "'nursery' is not one of recruitment, familyfinding")) << nobody.err;
  // Well-formed, but nothing answers there: the service is named with the failure.
  Result unreachable = Adoptctl({"audit", "--target", "127.0.0.1:1", "--deadline", "1s", "--service", "panel",
                                 "--from", "2026-03-01", "--to", "2026-03-31T17:00:00Z"});
  EXPECT_EQ(unreachable.code, 1);
  EXPECT_TRUE(Contains(unreachable.err, "panel's audit log: UNAVAILABLE")) << unreachable.err;
}

TEST(AdoptctlRetention, TheDayIsADateAndEachServiceIsNamedWithItsFailure) {
  Result bad_day = Adoptctl({"retention", "report", "--target", "127.0.0.1:1", "--through", "31/03/2027"});
  EXPECT_EQ(bad_day.code, 2);
  EXPECT_TRUE(Contains(bad_day.err, "--through '31/03/2027' is not a date (YYYY-MM-DD)")) << bad_day.err;
  Result unreachable = Adoptctl({"retention", "report", "--target", "127.0.0.1:1", "--deadline", "1s", "--service",
                                 "support"});
  EXPECT_EQ(unreachable.code, 1);
  EXPECT_TRUE(Contains(unreachable.err, "support's records: UNAVAILABLE")) << unreachable.err;
}

// The page a worker reviews: what a record holds is text, never markup; a third party's
// detail is marked where it stands and listed first; a service holding nothing says so.
TEST(AdoptctlDisclosure, ThePageEscapesWhatRecordsHoldAndMarksThirdParties) {
  adoption::records::v1::Disclosure letterbox, recruitment;
  letterbox.set_source("letterbox");
  recruitment.set_source("recruitment");
  adoption::records::v1::DisclosureItem* item = letterbox.add_items();
  item->set_record("contactArrangements/a1");
  item->set_record_type("contact_arrangement");
  item->set_created_by("coordinator-1");
  (*item->mutable_content()->mutable_fields())["note"].set_string_value("<script>alert(1)</script> & more");
  auto* parties = (*item->mutable_content()->mutable_fields())["parties"].mutable_list_value();
  (*parties->add_values()->mutable_struct_value()->mutable_fields())["displayName"].set_string_value("Mum");
  (*parties->add_values()->mutable_struct_value()->mutable_fields())["displayName"].set_string_value("Kelly <B>");
  adoption::records::v1::ThirdPartyDetail* d = item->add_third_party_details();
  d->set_field("parties[1].displayName");
  d->set_text("Kelly <B>");
  d->set_third_party("birth relative");
  const std::string page = DisclosureHtml("children/c1", {letterbox, recruitment});
  EXPECT_FALSE(Contains(page, "<script>")) << page;
  EXPECT_TRUE(Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more")) << page;
  EXPECT_TRUE(Contains(page, "<mark class=\"third-party\">Kelly &lt;B&gt;</mark>")) << page;
  EXPECT_FALSE(Contains(page, "<mark class=\"third-party\">Mum")) << page;
  EXPECT_TRUE(Contains(page, "<td>parties[1].displayName</td><td>birth relative</td>")) << page;
  EXPECT_TRUE(Contains(page, "1 identifying detail of third parties")) << page;
  EXPECT_TRUE(Contains(page, "<h2>recruitment</h2>\n<p>Holds no record on this person.</p>")) << page;
  EXPECT_TRUE(Contains(page, "by coordinator-1")) << page;
}

TEST(AdoptctlDisclosure, TheSubjectAndTheDirectoryAreRequired) {
  Result missing = Adoptctl({"disclosure", "export", "--target", "127.0.0.1:1"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_TRUE(Contains(missing.err, "--subject")) << missing.err;
  EXPECT_TRUE(Contains(missing.err, "--out")) << missing.err;
}

TEST(AdoptctlToken, RolesMayBeRepeatedOrCommaSeparatedAndTheSecretMayComeFromTheEnvironment) {
  Result r = Adoptctl({"token", "--role", "recruitment_worker", "--role=manager,panel_member", "--subject", "sam",
                       "--local-authority", "E09000006", "--local-authority", "E09000007"},
                      {{"ADOPTION_JWT_SECRET", "unit-secret-of-at-least-thirty-two-bytes"}});
  ASSERT_EQ(r.code, 0) << r.err;
  platform::AuthConfig auth;
  auth.hs256_secret = "unit-secret-of-at-least-thirty-two-bytes";
  auto principal = platform::TokenVerifier::Create(auth).value()->Verify(absl::StripTrailingAsciiWhitespace(r.out));
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_EQ(principal->subject, "sam");
  EXPECT_TRUE(principal->Has(platform::Role::kRecruitmentWorker));
  EXPECT_TRUE(principal->Has(platform::Role::kManager));
  EXPECT_TRUE(principal->Has(platform::Role::kPanelMember));
  EXPECT_EQ(principal->local_authorities, (std::vector<std::string>{"E09000006", "E09000007"}));
}

TEST(AdoptctlEventsTail, AsAndTokenAreExclusiveAndAsNamesAService) {
  Result both = Adoptctl({"events", "tail", "--target", "127.0.0.1:1", "--as", "panel", "--token-file", "t"});
  EXPECT_EQ(both.code, 2);
  EXPECT_TRUE(Contains(both.err, "give --as or --token-file, not both")) << both.err;
  Result nobody = Adoptctl({"events", "tail", "--target", "127.0.0.1:1", "--as", "nursery"});
  EXPECT_EQ(nobody.code, 2);
  EXPECT_TRUE(Contains(nobody.err, "'nursery' is not one of recruitment, familyfinding")) << nobody.err;
}

TEST(AdoptctlCall, ListNamesTheMethodsOfEveryContextAndTheEventLog) {
  Result r = Adoptctl({"call", "--list"});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const std::string ctx : {"recruitment", "familyfinding", "panel", "support", "letterbox"}) {
    EXPECT_TRUE(Contains(r.out, "adoption." + ctx + ".v1.")) << ctx;
  }
  EXPECT_TRUE(Contains(r.out, "adoption.recruitment.v1.RecruitmentService/CreateHousehold\t"
                              "adoption.recruitment.v1.CreateHouseholdRequest -> adoption.recruitment.v1.Household"))
      << r.out;
  EXPECT_TRUE(Contains(r.out, "adoption.events.v1.EventLogService/ReadEvents"));
  EXPECT_EQ(SuiteMethods().size(), static_cast<size_t>(std::count(r.out.begin(), r.out.end(), '\n')));

  Result filtered = Adoptctl({"call", "--list", "eventlog"});
  EXPECT_EQ(filtered.out.find("RecruitmentService"), std::string::npos);
  EXPECT_TRUE(Contains(filtered.out, "ReadEvents"));
}

TEST(AdoptctlCall, AnUnknownMethodOrRequestIsAUsageError) {
  Result missing = Adoptctl({"call"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_TRUE(Contains(missing.err, "which METHOD?"));

  Result typo = Adoptctl({"call", "RecruitmentService.ListHousehold"});
  EXPECT_EQ(typo.code, 2);
  EXPECT_TRUE(Contains(typo.err, "did you mean RecruitmentService.ListHouseholds?")) << typo.err;

  Result bad_json = Adoptctl({"call", "--target", "127.0.0.1:1", "RecruitmentService/ListHouseholds", "{\"pageSiz\":1}"});
  EXPECT_EQ(bad_json.code, 2);
  EXPECT_TRUE(Contains(bad_json.err, "not valid JSON for adoption.recruitment.v1.ListHouseholdsRequest")) << bad_json.err;

  EXPECT_EQ(Adoptctl({"call", "--deadline", "soon", "RecruitmentService.ListHouseholds"}).code, 2);
}

TEST(AdoptctlCall, AnUnreachableTargetPrintsTheStatusAndExitsOne) {
  Result r = Adoptctl({"call", "--target", "127.0.0.1:1", "--deadline", "2s", "adoption.recruitment.v1.RecruitmentService.ListHouseholds"});
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(Contains(r.err, "UNAVAILABLE") || Contains(r.err, "DEADLINE_EXCEEDED")) << r.err;
}

}  // namespace
}  // namespace adoptctl
