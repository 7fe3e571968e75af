#include "tests/support/mariadb.h"

#include <pwd.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/support/process.h"

namespace e2e {

namespace {
// Debian puts the server in /usr/sbin, which a user's PATH may lack.
const char kPath[] = "PATH=/usr/sbin:/usr/bin:$PATH ";

std::string RandomHex(int bytes) {
  std::random_device random;
  std::string out;
  for (int i = 0; i < bytes; ++i) absl::StrAppend(&out, absl::Hex(random() & 0xff, absl::kZeroPad2));
  return out;
}
}  // namespace

MariaDbServer::MariaDbServer(std::vector<std::string> server_args)
    : server_args_(std::move(server_args)), password_(RandomHex(16)), port_(FreePort()) {
  char tmpl[] = "/tmp/e2e-mariadb-XXXXXX";
  if (mkdtemp(tmpl)) dir_ = tmpl;
}

MariaDbServer::~MariaDbServer() {
  Thaw();
  Stop();
  if (!dir_.empty()) {
    std::string out;
    Shell("rm -rf '" + dir_ + "'", &out);
  }
}

bool MariaDbServer::Admin(const std::string& arguments, std::string* out) const {
  return Shell(absl::StrCat(kPath, "mariadb-admin --no-defaults --socket=", dir_, "/mariadb.sock -uroot ", arguments),
               out) == 0;
}

bool MariaDbServer::Start(std::string* error) {
  if (dir_.empty() || port_ == 0) {
    *error = "no temporary directory or free port";
    return false;
  }
  const passwd* user = getpwuid(getuid());
  const std::string user_name = user ? user->pw_name : "root";
  if (!installed_) {
    std::string out;
    if (Shell(absl::StrCat(kPath, "mariadb-install-db --no-defaults --datadir=", dir_, "/data --user=", user_name,
                           " --auth-root-authentication-method=normal --skip-name-resolve"),
              &out) != 0) {
      *error = "mariadb-install-db failed: " + out;
      return false;
    }
  }
  pid_ = fork();
  if (pid_ == 0) {
    const std::string log = dir_ + "/mariadb.log";
    FILE* f = fopen(log.c_str(), "a");
    if (f) {
      dup2(fileno(f), STDOUT_FILENO);
      dup2(fileno(f), STDERR_FILENO);
    }
    setenv("PATH", "/usr/sbin:/usr/bin:/bin", 1);
    const std::string datadir = "--datadir=" + dir_ + "/data", socket = "--socket=" + dir_ + "/mariadb.sock",
                      port = absl::StrCat("--port=", port_), pid_file = "--pid-file=" + dir_ + "/mariadb.pid",
                      user_arg = "--user=" + user_name, log_error = "--log-error=" + log;
    std::vector<std::string> args = {"mariadbd", "--no-defaults", datadir, user_arg, socket, port,
                                     "--bind-address=127.0.0.1", "--skip-name-resolve", pid_file, log_error,
                                     "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
                                     "--innodb-buffer-pool-size=64M"};
    args.insert(args.end(), server_args_.begin(), server_args_.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execvp("mariadbd", argv.data());
    _exit(127);
  }
  std::string out;
  for (int i = 0; i < 150; ++i) {
    out.clear();
    if (Admin("ping", &out)) break;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      Shell("tail -20 '" + dir_ + "/mariadb.log'", &out);
      *error = "mariadbd exited: " + out;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  if (!Admin("ping", &out)) {
    *error = "mariadbd did not answer: " + out;
    return false;
  }
  if (!installed_) {
    out.clear();
    if (Shell(absl::StrCat(kPath, "mariadb --no-defaults --socket=", dir_, "/mariadb.sock -uroot -e \"",
                           "CREATE USER 'permanence'@'127.0.0.1' IDENTIFIED BY '", password_, "'; ",
                           "GRANT ALL ON *.* TO 'permanence'@'127.0.0.1' WITH GRANT OPTION\""),
              &out) != 0) {
      *error = "cannot create the user: " + out;
      return false;
    }
    installed_ = true;
  }
  return true;
}

bool MariaDbServer::Stop() {
  if (pid_ <= 0) return true;
  std::string out;
  const bool asked = Admin("shutdown", &out);
  if (!asked) kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return asked;
}

void MariaDbServer::Freeze() {
  if (pid_ > 0) kill(pid_, SIGSTOP);
}

void MariaDbServer::Thaw() {
  if (pid_ > 0) kill(pid_, SIGCONT);
}

bool MariaDbServer::CreateDatabase(const std::string& name, std::string* error) {
  std::string out;
  if (Shell(absl::StrCat(kPath, "mariadb --no-defaults --socket=", dir_, "/mariadb.sock -uroot -e ",
                         "'CREATE DATABASE `", name, "` CHARACTER SET utf8mb4'"),
            &out) != 0) {
    *error = out;
    return false;
  }
  return true;
}

std::string MariaDbServer::Url(const std::string& database) const {
  return absl::StrCat("mysql://host=127.0.0.1 port=", port_, " db=", database, " user=permanence password=", password_);
}

}  // namespace e2e
