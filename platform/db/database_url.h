#pragma once
// TLS to MySQL (docs/operations.md, "Transport security"): the certificate files a
// database URL is opened with, shared by the services (--db-tls-*) and adoptctl.
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace platform {

struct DatabaseTlsFiles {
  std::string ca_file;    // the CA that signed the server's certificate: TLS, checked
  std::string cert_file;  // a client certificate, when the server asks for one
  std::string key_file;
};

// The URL with SOCI's sslca, sslcert and sslkey for the files given. A mysql:// server
// reached over the network without TLS is refused, unless `plaintext_development`; a
// server on this machine (localhost, a socket) may go without. Names the flags at fault.
absl::StatusOr<std::string> WithDatabaseTls(std::string url, const DatabaseTlsFiles& tls,
                                            bool plaintext_development);

// Whether "host" names this machine (empty, localhost, a loopback address).
bool IsThisMachine(absl::string_view host);

// A database URL's value for `key` ("mysql://host=db port=3306 ...", "sqlite3://db=path"),
// read as SOCI reads it ('quoted values', backslash escapes, pass/dbname aliases);
// empty when it names none.
std::string DatabaseUrlValue(absl::string_view url, absl::string_view key);

}  // namespace platform
