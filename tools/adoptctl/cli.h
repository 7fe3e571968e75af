#pragma once
// adoptctl's commands as a table. Each command is one function that declares its
// flags on a Cli and then runs; the same declarations drive the parsing and the
// --help text. Flags are parsed by platform::ConfigSpec, the parser the services use,
// so every flag also reads its ADOPTION_* environment variable (--token from
// ADOPTION_TOKEN, --jwt-secret from ADOPTION_JWT_SECRET) and every problem is listed.
//
// Exit codes: 0 done (and --help), 1 the operation failed, 2 the command line is wrong.
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "platform/core/config.h"
#include "platform/core/embedded.h"

namespace adoptctl {

// Where a command writes and what environment it sees (tests pass their own).
struct Io {
  std::ostream& out;
  std::ostream& err;
  std::function<const char*(const char*)> getenv;
};

class Cli;

struct Command {
  std::string path;         // "events tail"
  std::string summary;      // one line, listed in the help of the level above
  std::string description;  // a paragraph for its own help
  std::string arguments;    // what follows the flags in the usage line: "METHOD [JSON]"
  int max_arguments = 0;    // positional arguments accepted
  std::vector<std::string> examples;
  std::function<int(Cli&)> run;  // declares flags, calls Parse(), does the work
};

class Cli {
 public:
  Cli(const Command& command, std::vector<std::string> args, Io io);

  // Flag declarations, bound to the caller's variables; their values when declared
  // are the defaults the help shows.
  Cli& String(const std::string& name, std::string* target, const std::string& help,
              platform::ConfigSpec::Check check = {});
  Cli& Int(const std::string& name, int* target, const std::string& help, int min, int max);
  Cli& Bool(const std::string& name, bool* target, const std::string& help);
  // Repeatable (--role a --role b) or comma-separated (--role a,b); `check` applies to each value.
  Cli& List(const std::string& name, std::vector<std::string>* target, const std::string& help,
            platform::ConfigSpec::Check check = {});
  // The flag declared last must be given (by flag or environment).
  Cli& Required();
  // `name` may hold a secret: on the command line (every user of the machine reads it in
  // ps, and the shell keeps it in its history) it is refused, naming its environment
  // variable and `instead` (a file flag); `holds_secret` says which values are secret
  // (a URL with a password=), all of them when empty.
  Cli& Secret(const std::string& name, const std::string& instead,
              std::function<bool(const std::string&)> holds_secret = {});

  // Reads the arguments. Returns nothing when the command should go on, or its exit
  // code: 0 after printing the help (--help), 2 after printing the problems and the
  // help (unknown or malformed flags, missing required ones, extra arguments).
  std::optional<int> Parse();

  // After Parse(): the positional arguments, and whether a flag was on the command line.
  const std::vector<std::string>& arguments() const { return arguments_; }
  bool Given(const std::string& name) const { return given_.count(name) > 0; }

  // A usage problem found by the command itself: printed with the help; returns 2.
  int Usage(const std::string& problem);
  // The operation failed: "adoptctl <command>: <message>"; returns 1.
  int Failed(const std::string& message);

  std::ostream& out() { return io_.out; }
  std::ostream& err() { return io_.err; }
  std::string Help() const;
  const Command& command() const { return command_; }
  // Every declared flag, in declaration order (the tests check the help names them).
  std::vector<std::string> flag_names() const;

 private:
  struct Declared {
    std::string name;
    bool is_bool = false;
    bool is_list = false;
  };
  const Declared* Find(const std::string& name) const;

  const Command& command_;
  std::vector<std::string> args_;
  Io io_;
  platform::ConfigSpec spec_;
  std::vector<Declared> declared_;
  std::vector<std::unique_ptr<std::string>> list_text_;  // ConfigSpec's view of each List flag
  std::vector<std::string> arguments_;
  std::set<std::string> given_;
};

// The command table (cli.cc runs it; commands.cc and call.cc fill it).
const std::vector<Command>& Commands();
// The five contexts' names, from the registry (platform/server/registry.h).
const std::vector<std::string>& Contexts();
// A context's own migrations (after the platform's), null when it is not built in.
const std::vector<platform::EmbeddedFile>* MigrationsOf(const std::string& service);

// adoptctl's main: `args` without the program name.
int Run(const std::vector<std::string>& args, Io io);

// The closest of `candidates` to `word` when it is near enough to be a typo, else "".
std::string Closest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace adoptctl
