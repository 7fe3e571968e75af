#pragma once
// Process configuration from flags and the environment. Each part of a process
// declares the settings it reads; Load() checks them all and reports every
// problem at once (unknown flags included), so a typo fails at start-up.
//   --db-url=...   or   ADOPTION_DB_URL=...   (a flag wins over the environment)
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace platform {

class ConfigSpec {
 public:
  // A check on a value: returns an empty string when fine, else what is wrong.
  using Check = std::function<std::string(const std::string&)>;

  explicit ConfigSpec(std::string program) : program_(std::move(program)) {}

  ConfigSpec& String(std::string name, std::string* target, std::string help, Check check = {});
  ConfigSpec& Int(std::string name, int* target, std::string help, int min, int max);
  ConfigSpec& Bool(std::string name, bool* target, std::string help);
  // A setting that must be given (no default).
  ConfigSpec& Required(std::string name);
  // A setting that may hold a secret. Given as a process argument (which every user of
  // the machine can read, in ps and /proc) it is refused, naming its environment
  // variable and `instead` (e.g. "--jwt-secret-file"); `holds_secret` says which values
  // are secret (a database URL with a password=), all of them when empty.
  ConfigSpec& Secret(std::string name, std::string instead,
                     std::function<bool(const std::string&)> holds_secret = {});

  // Reads argv (--name=value, --name value, --flag) and the environment
  // (ADOPTION_NAME_IN_UPPER_SNAKE). On failure the status lists every problem.
  absl::Status Load(int argc, char** argv);
  // Same, from explicit flags and an environment lookup (tests).
  absl::Status Load(const std::vector<std::string>& args,
                    const std::function<const char*(const char*)>& getenv);
  std::string Help() const;
  // True when --help was given.
  bool help_requested() const { return help_requested_; }

  // Env variable name for a setting: "db-url" -> "ADOPTION_DB_URL".
  static std::string EnvName(const std::string& name);

 private:
  struct Setting {
    std::string name, help, kind;
    std::function<std::string(const std::string&)> set;  // returns error text
    std::string default_text;
    bool required = false;
    bool secret = false;
    std::string secret_instead;
    std::function<bool(const std::string&)> holds_secret;
  };
  Setting* Find(const std::string& name);
  std::string program_;
  std::vector<Setting> settings_;
  bool help_requested_ = false;
};

// Checks for ConfigSpec::String.
ConfigSpec::Check NonEmpty();
// The whole of a configuration file (a secret, a key, a table); NOT_FOUND naming it
// when it cannot be read.
absl::StatusOr<std::string> ReadFile(const std::string& path);
// A secret from a file (a mounted Kubernetes Secret, scripts/up's var/): its content with
// trailing whitespace (the editor's newline) dropped; INVALID_ARGUMENT when empty.
absl::StatusOr<std::string> ReadSecretFile(const std::string& path);
ConfigSpec::Check OneOf(std::vector<std::string> values);

}  // namespace platform
