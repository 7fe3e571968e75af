#include "platform/db/database_url.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace platform {

namespace {

// The names SOCI's MySQL backend takes for the same parameter.
bool SameKey(absl::string_view asked, absl::string_view given) {
  if (asked == given) return true;
  if (asked == "password") return given == "pass";
  if (asked == "db") return given == "dbname" || given == "service";
  return false;
}

}  // namespace

// Read as SOCI reads it: NAME = VALUE pairs apart by white space; a value in single
// quotes may hold spaces; a backslash takes the next character as it is; the first of
// a repeated name counts.
std::string DatabaseUrlValue(absl::string_view url, absl::string_view key) {
  if (!absl::ConsumePrefix(&url, "mysql://")) absl::ConsumePrefix(&url, "sqlite3://");
  std::size_t i = 0;
  const auto space = [&] {
    while (i < url.size() && absl::ascii_isspace(static_cast<unsigned char>(url[i]))) ++i;
  };
  while (true) {
    space();
    if (i >= url.size()) return "";
    const std::size_t name_start = i;
    while (i < url.size() && (absl::ascii_isalpha(static_cast<unsigned char>(url[i])) || url[i] == '_')) ++i;
    const absl::string_view name = url.substr(name_start, i - name_start);
    space();
    if (i >= url.size() || url[i] != '=') return "";  // malformed: SOCI refuses it
    ++i;
    space();
    const bool quoted = i < url.size() && url[i] == '\'';
    if (quoted) ++i;
    std::string value;
    for (; i < url.size(); ++i) {
      if (url[i] == '\'') {
        if (!quoted) return "";
        ++i;
        break;
      }
      if (!quoted && absl::ascii_isspace(static_cast<unsigned char>(url[i]))) break;
      if (url[i] == '\\' && ++i >= url.size()) return "";
      value += url[i];
    }
    if (SameKey(key, name)) return value;
  }
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
