#pragma once
// Certificates for tests of TLS, made with the openssl command (scripts/bootstrap
// installs it): a certificate authority, and certificates it signs for 127.0.0.1 and
// localhost, in a directory removed with the object.
#include <string>

namespace platform::testing {

class TestCertificates {
 public:
  TestCertificates();
  ~TestCertificates();
  TestCertificates(const TestCertificates&) = delete;

  struct Issued {
    std::string cert, key;  // file paths
  };
  // A new certificate authority named `name`: its certificate is <dir>/<name>.pem.
  std::string NewAuthority(const std::string& name);
  // A certificate for `common_name` (valid for 127.0.0.1 and localhost, as server and
  // client) signed by authority `ca`, written as <dir>/<file>.pem and <file>.key.
  Issued Issue(const std::string& ca, const std::string& common_name, const std::string& file);
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

}  // namespace platform::testing
