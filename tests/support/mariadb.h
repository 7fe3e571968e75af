#pragma once
// A MariaDB server of a test's own: in a temporary directory, on a port fixed for its
// lifetime, which the test can stop and start again (a restart) or freeze and thaw (a
// database that hangs) under running services (tests/faults). The shared server that
// scripts/test starts is never touched.
#include <sys/types.h>

#include <string>
#include <vector>

namespace e2e {

class MariaDbServer {
 public:
  // `server_args`: more mariadbd options (e.g. TLS: --ssl-ca=..., --require-secure-transport=ON).
  explicit MariaDbServer(std::vector<std::string> server_args = {});
  ~MariaDbServer();  // stops the server and removes its directory
  MariaDbServer(const MariaDbServer&) = delete;

  // Starts the server (creating its data directory and a user on the first start) and
  // waits until it answers; false with *error saying why.
  bool Start(std::string* error);
  // A clean shutdown (mariadb-admin shutdown), waiting for the process to end.
  bool Stop();
  // SIGSTOP / SIGCONT: connections stay open but nothing answers.
  void Freeze();
  void Thaw();
  // A database on this server and the URL a service opens it with.
  bool CreateDatabase(const std::string& name, std::string* error);
  std::string Url(const std::string& database) const;
  int port() const { return port_; }

 private:
  bool Admin(const std::string& arguments, std::string* out) const;
  std::vector<std::string> server_args_;
  std::string dir_, password_;
  int port_ = 0;
  pid_t pid_ = -1;
  bool installed_ = false;
};

}  // namespace e2e
