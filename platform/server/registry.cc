#include "platform/server/registry.h"

#include <cstdio>
#include <cstdlib>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "platform/core/status_macros.h"
#include "platform/core/table.h"

namespace platform {

namespace {

constexpr int kColumns = 7;
constexpr absl::string_view kNone = "-";

bool ParsePort(absl::string_view text, int& port) {
  return absl::SimpleAtoi(text, &port) && port > 0 && port < 65536;
}

}  // namespace

std::string SuiteService::LocalAddress() const { return absl::StrCat("127.0.0.1:", grpc_port); }

absl::StatusOr<Registry> Registry::Parse(absl::string_view text) {
  Registry registry;
  TableReading reading("services");
  std::set<std::string> names;
  std::set<int> ports;
  for (const TableRow& row : reading.Rows(text, kColumns, absl::StrCat("expected ", kColumns, " columns: name, binary, "
                                                                      "grpc_port, metrics_port, http_port, "
                                                                      "grpc_service, reads"))) {
    const auto& cols = row.cells;
    auto problem = [&](absl::string_view what) { reading.Problem(row.line, what); };
    SuiteService s;
    s.name = std::string(cols[0]);
    s.binary = std::string(cols[1]);
    if (s.name.empty() || s.binary.empty()) problem("needs a name and a binary");
    if (!names.insert(s.name).second) problem(absl::StrCat("repeats the name ", s.name));
    if (!ParsePort(cols[2], s.grpc_port)) problem("grpc_port is not a port");
    if (!ParsePort(cols[3], s.metrics_port)) problem("metrics_port is not a port");
    if (cols[4] != kNone && !ParsePort(cols[4], s.http_port)) problem("http_port is not a port or -");
    for (int port : {s.grpc_port, s.metrics_port, s.http_port}) {
      if (port != 0 && !ports.insert(port).second) problem(absl::StrCat("repeats the port ", port));
    }
    if (cols[5] != kNone) s.grpc_service = std::string(cols[5]);
    if (cols[6] != kNone) s.reads = absl::StrSplit(cols[6], ',', absl::SkipEmpty());
    registry.services_.push_back(std::move(s));
  }
  for (const auto& s : registry.services_) {
    for (const auto& upstream : s.reads) {
      if (!names.count(upstream) || upstream == s.name) {
        reading.Problem(absl::StrCat(s.name, " reads the events of '", upstream, "', which is not another service"));
      }
    }
  }
  RETURN_IF_ERROR(reading.Status());
  return registry;
}

const Registry& Registry::Default() {
  static const Registry* registry = new Registry(Parse(EmbeddedTable("services.tsv")).value());
  return *registry;
}

std::vector<const SuiteService*> Registry::Contexts() const {
  std::vector<const SuiteService*> out;
  for (const auto& s : services_) {
    if (!s.grpc_service.empty()) out.push_back(&s);
  }
  return out;
}

const SuiteService* Registry::Find(absl::string_view name) const {
  for (const auto& s : services_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const SuiteService& Registry::Get(absl::string_view name) const {
  const SuiteService* s = Find(name);
  if (!s) {  // a name compiled into the caller that config/services.tsv lacks: a broken build
    fprintf(stderr, "the registry (config/services.tsv) has no service '%.*s'\n", static_cast<int>(name.size()),
            name.data());
    abort();
  }
  return *s;
}

}  // namespace platform
