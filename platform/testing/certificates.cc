#include "platform/testing/certificates.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"

namespace platform::testing {
namespace {

void Run(const std::string& command) {
  const std::string quiet = absl::StrCat(command, " >/dev/null 2>&1");
  ASSERT_EQ(system(quiet.c_str()), 0) << command;
}

}  // namespace

TestCertificates::TestCertificates() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "certs-XXXXXX").string();
  dir_ = mkdtemp(tmpl.data());
}

TestCertificates::~TestCertificates() { std::filesystem::remove_all(dir_); }

std::string TestCertificates::NewAuthority(const std::string& name) {
  const std::string base = absl::StrCat(dir_, "/", name);
  Run(absl::StrCat("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj '/CN=", name,
                   "' -keyout ", base, ".key -out ", base, ".pem"));
  return base + ".pem";
}

TestCertificates::Issued TestCertificates::Issue(const std::string& ca, const std::string& common_name,
                                                 const std::string& file) {
  const std::string base = absl::StrCat(dir_, "/", file), ca_base = ca.substr(0, ca.size() - 4);
  std::ofstream(base + ".ext") << "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                               << "extendedKeyUsage=serverAuth,clientAuth\n";
  Run(absl::StrCat("openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj '/CN=", common_name,
                   "' -keyout ", base, ".key -out ", base, ".csr"));
  Run(absl::StrCat("openssl x509 -req -in ", base, ".csr -CA ", ca, " -CAkey ", ca_base, ".key -CAcreateserial -days 2 ",
                   "-extfile ", base, ".ext -out ", base, ".pem"));
  return {base + ".pem", base + ".key"};
}

}  // namespace platform::testing
