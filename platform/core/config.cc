#include "platform/core/config.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace platform {

std::string ConfigSpec::EnvName(const std::string& name) {
  return absl::StrCat("ADOPTION_", absl::AsciiStrToUpper(absl::StrReplaceAll(name, {{"-", "_"}})));
}

ConfigSpec::Setting* ConfigSpec::Find(const std::string& name) {
  for (auto& s : settings_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

ConfigSpec& ConfigSpec::String(std::string name, std::string* target, std::string help, Check check) {
  settings_.push_back({name, std::move(help), "string",
                       [target, check](const std::string& v) {
                         std::string err = check ? check(v) : "";
                         if (err.empty()) *target = v;
                         return err;
                       },
                       *target});
  return *this;
}

ConfigSpec& ConfigSpec::Int(std::string name, int* target, std::string help, int min, int max) {
  settings_.push_back({name, std::move(help), "int",
                       [target, min, max](const std::string& v) -> std::string {
                         int n;
                         if (!absl::SimpleAtoi(v, &n)) return absl::StrCat("'", v, "' is not an integer");
                         if (n < min || n > max) return absl::StrCat(n, " is outside ", min, "..", max);
                         *target = n;
                         return "";
                       },
                       absl::StrCat(*target)});
  return *this;
}

ConfigSpec& ConfigSpec::Bool(std::string name, bool* target, std::string help) {
  settings_.push_back({name, std::move(help), "bool",
                       [target](const std::string& v) -> std::string {
                         if (v == "true" || v == "1" || v.empty()) {
                           *target = true;
                         } else if (v == "false" || v == "0") {
                           *target = false;
                         } else {
                           return absl::StrCat("'", v, "' is not true or false");
                         }
                         return "";
                       },
                       *target ? "true" : "false"});
  return *this;
}

ConfigSpec& ConfigSpec::Required(std::string name) {
  if (Setting* s = Find(name)) s->required = true;
  return *this;
}

ConfigSpec& ConfigSpec::Secret(std::string name, std::string instead,
                               std::function<bool(const std::string&)> holds_secret) {
  if (Setting* s = Find(name)) {
    s->secret = true;
    s->secret_instead = std::move(instead);
    s->holds_secret = std::move(holds_secret);
  }
  return *this;
}

absl::Status ConfigSpec::Load(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return Load(args, [](const char* n) { return std::getenv(n); });
}

absl::Status ConfigSpec::Load(const std::vector<std::string>& args,
                              const std::function<const char*(const char*)>& getenv) {
  std::vector<std::string> problems;
  std::map<std::string, std::string> given;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      help_requested_ = true;
      continue;
    }
    if (a.rfind("--", 0) != 0) {
      problems.push_back(absl::StrCat("unexpected argument '", a, "'"));
      continue;
    }
    std::string name = a.substr(2), value;
    bool has_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    Setting* s = Find(name);
    if (!s) {
      problems.push_back(absl::StrCat("unknown flag --", name));
      continue;
    }
    if (!has_value && s->kind != "bool") {
      if (i + 1 >= args.size()) {
        problems.push_back(absl::StrCat("--", name, " needs a value"));
        continue;
      }
      value = args[++i];
    }
    given[name] = value;
  }
  for (auto& s : settings_) {
    std::string value;
    std::string source;
    if (auto it = given.find(s.name); it != given.end()) {
      value = it->second;
      source = absl::StrCat("--", s.name);
      if (s.secret && (!s.holds_secret || s.holds_secret(value))) {
        problems.push_back(absl::StrCat(source, " holds a secret and is given as a process argument, which every "
                                        "user of this machine can read: give it in ", EnvName(s.name),
                                        s.secret_instead.empty() ? "" : " or with ", s.secret_instead));
        continue;
      }
    } else if (const char* env = getenv(EnvName(s.name).c_str())) {
      value = env;
      source = EnvName(s.name);
    } else {
      if (s.required) problems.push_back(absl::StrCat("--", s.name, " (or ", EnvName(s.name), ") is required"));
      continue;
    }
    if (std::string err = s.set(value); !err.empty()) {
      problems.push_back(absl::StrCat(source, ": ", err));
    }
  }
  if (problems.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(program_, ": ", problems.size(), " configuration problem(s):\n  ",
                   absl::StrJoin(problems, "\n  ")));
}

std::string ConfigSpec::Help() const {
  std::string out = absl::StrCat("usage: ", program_, " [flags]\n");
  for (const auto& s : settings_) {
    absl::StrAppend(&out, "  --", s.name, " (", EnvName(s.name), ")  ", s.help,
                    s.required ? " [required]" : absl::StrCat(" [default: ", s.default_text, "]"), "\n");
  }
  return out;
}

ConfigSpec::Check NonEmpty() {
  return [](const std::string& v) { return v.empty() ? std::string("must not be empty") : std::string(); };
}

ConfigSpec::Check OneOf(std::vector<std::string> values) {
  return [values](const std::string& v) {
    for (const auto& ok : values) {
      if (v == ok) return std::string();
    }
    return absl::StrCat("'", v, "' is not one of ", absl::StrJoin(values, ", "));
  };
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

absl::StatusOr<std::string> ReadSecretFile(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  std::string secret(absl::StripTrailingAsciiWhitespace(*text));
  if (secret.empty()) return absl::InvalidArgumentError(absl::StrCat(path, " is empty: it should hold a secret"));
  return secret;
}

}  // namespace platform
