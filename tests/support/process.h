#pragma once
// Real processes for end-to-end and fault tests: started from the built binaries,
// their JSON logs captured to a file, their ports read from their "started" line
// (they bind port 0, so tests never guess free ports), stopped with SIGTERM or
// killed with SIGKILL. A --jwt-secret= or a --db-url= with a password among the
// arguments is handed to the process in its environment instead; without --tls-*
// arguments it is given --plaintext-development.
#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace e2e {

class Process {
 public:
  Process(std::string name, std::string binary, std::vector<std::string> args);
  ~Process();
  Process(const Process&) = delete;

  // Starts and waits (up to `timeout`) for the "started" log line; false on failure.
  bool Start(std::chrono::seconds timeout = std::chrono::seconds(60));
  void Kill();       // SIGKILL, no chance to clean up
  void Terminate();  // SIGTERM, then wait
  bool running() const { return pid_ > 0; }
  // A field of the "started" log line, e.g. "grpc_port".
  int Port(const std::string& field) const;
  std::string log_path() const { return log_; }
  int pid() const { return pid_; }
  const std::string& name() const { return name_; }
  std::string LogTail(int lines = 30) const;
  // Replaces an argument ("--grpc-address=...") for the next Start().
  void SetArg(const std::string& prefix, const std::string& value);

 private:
  std::string name_, binary_, log_;
  std::vector<std::string> args_;
  pid_t pid_ = -1;
  std::map<std::string, int> ports_;
  size_t log_offset_ = 0;
};

// A port free now, below the kernel's ephemeral range and never given twice by this
// process: for services that must know each other's addresses before either starts.
int FreePort();
// Directory of the built binaries (set by CMake).
std::string BuildDir();
// The test signing secret shared by the processes and the tests.
std::string Secret();
// "ADOPTION_JWT_SECRET=<Secret()> ": a Shell() command prefixed with it gives adoptctl the
// secret in its environment (adoptctl refuses it as an argument).
std::string WithSecret(const std::string& secret = Secret());
// What a test token's scope claims say: by default a worker acting for the two
// authorities the suite's records are in.
struct Scopes {
  std::vector<std::string> local_authorities = {"E09000006", "E08000018"};
  std::string household;
  std::string party;
};
std::string Token(const std::vector<std::string>& roles, const std::string& subject = "e2e-worker",
                  const Scopes& scopes = {});
// Such a token in a file of its own (mode 0600, removed when the test process exits),
// for adoptctl's --token-file: a token is never a process argument.
std::string TokenFile(const std::vector<std::string>& roles, const std::string& subject = "e2e-worker",
                      const Scopes& scopes = {});
// Runs a shell command; returns its exit code and appends its output to *out.
int Shell(const std::string& command, std::string* out);

}  // namespace e2e
