#include "platform/db/database_url.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace platform {

std::string DatabaseUrlValue(absl::string_view url, absl::string_view key) {
  if (!absl::ConsumePrefix(&url, "mysql://")) absl::ConsumePrefix(&url, "sqlite3://");
  for (absl::string_view part : absl::StrSplit(url, ' ', absl::SkipEmpty())) {
    if (absl::ConsumePrefix(&part, absl::StrCat(key, "="))) return std::string(part);
  }
  return "";
}

bool IsThisMachine(absl::string_view host) {
  return host.empty() || host == "localhost" || host == "127.0.0.1" || host == "::1";
}

absl::StatusOr<std::string> WithDatabaseTls(std::string url, const DatabaseTlsFiles& tls,
                                            bool plaintext_development) {
  const bool mysql = absl::StartsWith(url, "mysql://");
  const bool tls_given = !tls.ca_file.empty() || !tls.cert_file.empty() || !tls.key_file.empty();
  if (!mysql) {
    if (tls_given) return absl::InvalidArgumentError("--db-tls-*: only a mysql:// database URL takes TLS files");
    return url;
  }
  if (tls.cert_file.empty() != tls.key_file.empty()) {
    return absl::InvalidArgumentError("--db-tls-cert-file and --db-tls-key-file are given together");
  }
  if (tls_given && tls.ca_file.empty()) {
    return absl::InvalidArgumentError("--db-tls-cert-file needs --db-tls-ca-file, to check the server");
  }
  if (tls.ca_file.empty()) {
    std::string host = DatabaseUrlValue(url, "host");
    const bool this_machine = IsThisMachine(host) || !DatabaseUrlValue(url, "unix_socket").empty();
    if (this_machine || plaintext_development || !DatabaseUrlValue(url, "sslca").empty()) return url;
    return absl::InvalidArgumentError(absl::StrCat(
        "--db-url: the MySQL server at ", host,
        " is reached over the network: give --db-tls-ca-file (TLS), or --plaintext-development (development only)"));
  }
  for (const auto& [key, path] : {std::pair<std::string, std::string>{"sslca", tls.ca_file},
                                  {"sslcert", tls.cert_file},
                                  {"sslkey", tls.key_file}}) {
    if (path.empty()) continue;
    if (absl::StrContains(path, " ") || absl::StrContains(path, "'")) {
      return absl::InvalidArgumentError(absl::StrCat("--db-tls-*: the path ", path, " may not hold spaces or quotes"));
    }
    if (!DatabaseUrlValue(url, key).empty()) {
      return absl::InvalidArgumentError(absl::StrCat("--db-tls-*: the database URL names ", key, " already"));
    }
    absl::StrAppend(&url, " ", key, "=", path);
  }
  return url;
}

}  // namespace platform
