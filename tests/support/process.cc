#include "tests/support/process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <random>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "platform/rpc/auth.h"

namespace e2e {

namespace {
// The first port the kernel hands out for a bind to port 0 (ip_local_port_range).
int EphemeralLow() {
  std::ifstream range("/proc/sys/net/ipv4/ip_local_port_range");
  int low = 0;
  return range >> low && low > 0 ? low : 32768;
}

bool Bindable(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  close(fd);
  return ok;
}
}  // namespace

int FreePort() {
  // Below the ephemeral range: a port the kernel picked for us could be picked again for
  // another test's bind to port 0 (ctest runs them side by side) before our service binds
  // it; one below the range is only ever taken on purpose. Never the same twice here.
  static std::mutex mu;
  static std::set<int> given;
  static std::mt19937 random(std::random_device{}());
  std::lock_guard<std::mutex> lock(mu);
  const int high = EphemeralLow(), low = std::max(1024, high - 12000);
  std::uniform_int_distribution<int> pick(low, high - 1);
  for (int tries = 0; tries < 200; ++tries) {
    const int port = pick(random);
    if (!given.count(port) && Bindable(port)) {
      given.insert(port);
      return port;
    }
  }
  return 0;
}

std::string BuildDir() { return ADOPTION_BUILD_DIR; }
std::string Secret() { return "e2e-secret-0123456789abcdef0123456789abcdef"; }

std::string WithSecret(const std::string& secret) { return "ADOPTION_JWT_SECRET=" + secret + " "; }

std::string Token(const std::vector<std::string>& roles, const std::string& subject, const Scopes& scopes) {
  platform::AuthConfig auth;
  auth.hs256_secret = Secret();
  platform::TokenRequest r;
  r.subject = subject;
  r.local_authorities = scopes.local_authorities;
  r.household = scopes.household;
  r.party = scopes.party;
  for (const auto& name : roles) r.roles.push_back(*platform::ParseRole(name));
  return platform::MintToken(r, auth).value();
}

std::string TokenFile(const std::vector<std::string>& roles, const std::string& subject, const Scopes& scopes) {
  // Removed at exit: the test process writes a handful, each minted for one command.
  static std::vector<std::string>* written = [] {
    auto* files = new std::vector<std::string>;
    std::atexit([] {
      for (const auto& f : *written) unlink(f.c_str());
    });
    return files;
  }();
  char path[] = "/tmp/permanence-token-XXXXXX";
  const int fd = mkstemp(path);  // mode 0600
  if (fd < 0) return "";
  const std::string token = Token(roles, subject, scopes);
  const bool whole = write(fd, token.data(), token.size()) == static_cast<ssize_t>(token.size());
  close(fd);
  static std::mutex mu;  // the chaos test mints from more than one thread
  std::lock_guard<std::mutex> lock(mu);
  written->push_back(path);
  return whole ? std::string(path) : "";
}

int Shell(const std::string& command, std::string* out) {
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out->append(buf, n);
  int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Process::Process(std::string name, std::string binary, std::vector<std::string> args)
    : name_(std::move(name)), binary_(std::move(binary)), args_(std::move(args)) {
  char tmpl[] = "/tmp/e2e-log-XXXXXX";
  int fd = mkstemp(tmpl);
  close(fd);
  log_ = tmpl;
}

Process::~Process() {
  Terminate();
  unlink(log_.c_str());
}

void Process::SetArg(const std::string& prefix, const std::string& value) {
  for (auto& a : args_) {
    if (a.rfind(prefix, 0) == 0) {
      a = prefix + value;
      return;
    }
  }
  args_.push_back(prefix + value);
}

bool Process::Start(std::chrono::seconds timeout) {
  {
    std::ifstream in(log_, std::ios::ate);
    log_offset_ = in ? static_cast<size_t>(in.tellg()) : 0;
  }
  // Everything the child needs is made before fork(): the tests that start processes
  // run threads (a chaos thread, a writer), and a forked child of a threaded process may
  // only call async-signal-safe functions — an allocation or a stdio call can wait
  // forever on a lock another thread held at the fork (seen: a child stuck before exec).
  std::vector<std::string> args{binary_};
  std::vector<std::string> given;  // "NAME=value" the arguments put in the environment
  // Without TLS files the process is told plaintext is meant (development).
  const bool tls = std::any_of(args_.begin(), args_.end(), [](const std::string& a) {
    return a.rfind("--tls-", 0) == 0 || a == "--plaintext-development";
  });
  if (!tls) args.push_back("--plaintext-development");
  for (const auto& a : args_) {
    // Secrets go in the environment, as an operator gives them: the services refuse
    // them as arguments (ps shows arguments to every user).
    if (a.rfind("--jwt-secret=", 0) == 0) {
      given.push_back("ADOPTION_JWT_SECRET=" + a.substr(strlen("--jwt-secret=")));
    } else if (a.rfind("--db-url=", 0) == 0 && a.find("password=") != std::string::npos) {
      given.push_back("ADOPTION_DB_URL=" + a.substr(strlen("--db-url=")));
    } else {
      args.push_back(a);
    }
  }
  // This process's environment, with what the arguments give in place of its own.
  std::vector<std::string> environment;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    const std::string name = entry.substr(0, entry.find('=') + 1);
    if (std::none_of(given.begin(), given.end(), [&](const std::string& g) { return g.rfind(name, 0) == 0; })) {
      environment.push_back(entry);
    }
  }
  environment.insert(environment.end(), given.begin(), given.end());
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : environment) envp.push_back(e.data());
  envp.push_back(nullptr);
  const int log = open(log_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (log < 0) return false;
  pid_ = fork();
  if (pid_ == 0) {
    // dup2 clears O_CLOEXEC on the copies: the child writes its log to stdout and stderr.
    dup2(log, STDERR_FILENO);
    dup2(log, STDOUT_FILENO);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  close(log);
  if (pid_ < 0) return false;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    std::ifstream in(log_);
    in.seekg(static_cast<std::streamoff>(log_offset_));
    std::string line;
    while (std::getline(in, line)) {
      auto entry = nlohmann::json::parse(line, nullptr, false);
      if (!entry.is_object() || entry.value("event", "") != "started") continue;
      for (auto& [key, value] : entry.items()) {
        if (key.size() > 5 && key.compare(key.size() - 5, 5, "_port") == 0 && value.is_string()) {
          ports_[key] = std::stoi(value.get<std::string>());
        }
      }
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // Not started in time: stopped, so a later Start() does not leave it running.
  Kill();
  return false;
}

void Process::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void Process::Terminate() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  for (int i = 0; i < 200; ++i) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Kill();
}

int Process::Port(const std::string& field) const {
  auto it = ports_.find(field);
  return it == ports_.end() ? 0 : it->second;
}

std::string Process::LogTail(int lines) const {
  std::ifstream in(log_);
  std::vector<std::string> all;
  std::string line;
  while (std::getline(in, line)) all.push_back(line);
  std::ostringstream out;
  for (size_t i = all.size() > static_cast<size_t>(lines) ? all.size() - lines : 0; i < all.size(); ++i) {
    out << name_ << ": " << all[i] << "\n";
  }
  return out.str();
}

}  // namespace e2e
