#include "tools/adoptctl/cli.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace adoptctl {
namespace {

std::vector<std::string> Words(const std::string& path) { return absl::StrSplit(path, ' '); }

bool IsHelp(const std::string& arg) { return arg == "--help" || arg == "-h"; }

// The help of a level above the commands ("adoptctl", "adoptctl events"): the
// commands under it, each with its summary.
std::string LevelHelp(const std::vector<std::string>& level) {
  const std::string prefix = absl::StrJoin(level, " ");
  std::vector<const Command*> under;
  size_t width = 0;
  for (const auto& c : Commands()) {
    if (level.empty() || absl::StartsWith(c.path, prefix + " ")) {
      under.push_back(&c);
      width = std::max(width, c.path.size());
    }
  }
  std::string out = level.empty() ? "adoptctl: the operator's command line for Permanence.\n"
                                   : absl::StrCat("adoptctl ", prefix, ":\n");
  absl::StrAppend(&out, "\nusage: adoptctl ", level.empty() ? "" : prefix + " ", "COMMAND [flags]\n\ncommands:\n");
  for (const Command* c : under) {
    absl::StrAppend(&out, "  ", c->path, std::string(width + 2 - c->path.size(), ' '), c->summary, "\n");
  }
  absl::StrAppend(&out, "\n`adoptctl ", level.empty() ? "COMMAND" : prefix + " COMMAND",
                  " --help` shows a command's flags and examples.\n");
  return out;
}

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// " (did you mean --role?)", or "" when nothing is close.
std::string DidYouMean(const std::string& word, const std::vector<std::string>& candidates,
                       const std::string& prefix) {
  std::string closest = Closest(word, candidates);
  return closest.empty() ? "" : absl::StrCat(" (did you mean ", prefix, closest, "?)");
}

}  // namespace

std::string Closest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    size_t d = absl::StartsWith(c, word) && !word.empty() ? 1 : EditDistance(word, c);
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

Cli::Cli(const Command& command, std::vector<std::string> args, Io io)
    : command_(command), args_(std::move(args)), io_(std::move(io)), spec_("adoptctl " + command.path) {}

Cli& Cli::String(const std::string& name, std::string* target, const std::string& help,
                 platform::ConfigSpec::Check check) {
  spec_.String(name, target, help, std::move(check));
  declared_.push_back({name});
  return *this;
}

Cli& Cli::Int(const std::string& name, int* target, const std::string& help, int min, int max) {
  spec_.Int(name, target, help, min, max);
  declared_.push_back({name});
  return *this;
}

Cli& Cli::Bool(const std::string& name, bool* target, const std::string& help) {
  spec_.Bool(name, target, help);
  declared_.push_back({name, /*is_bool=*/true});
  return *this;
}

// ConfigSpec keeps one value per flag, so a List is declared to it as one
// comma-separated string; Parse() joins repeated occurrences into that string.
Cli& Cli::List(const std::string& name, std::vector<std::string>* target, const std::string& help,
               platform::ConfigSpec::Check check) {
  list_text_.push_back(std::make_unique<std::string>(absl::StrJoin(*target, ",")));
  spec_.String(name, list_text_.back().get(), help, [target, check](const std::string& text) -> std::string {
    std::vector<std::string> values;
    for (absl::string_view v : absl::StrSplit(text, ',')) {
      v = absl::StripAsciiWhitespace(v);
      if (v.empty()) continue;
      if (check) {
        if (std::string problem = check(std::string(v)); !problem.empty()) return problem;
      }
      values.emplace_back(v);
    }
    *target = std::move(values);
    return "";
  });
  declared_.push_back({name, /*is_bool=*/false, /*is_list=*/true});
  return *this;
}

Cli& Cli::Secret(const std::string& name, const std::string& instead,
                 std::function<bool(const std::string&)> holds_secret) {
  spec_.Secret(name, instead, std::move(holds_secret));
  return *this;
}

Cli& Cli::Required() {
  if (!declared_.empty()) spec_.Required(declared_.back().name);
  return *this;
}

const Cli::Declared* Cli::Find(const std::string& name) const {
  for (const auto& d : declared_) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

std::vector<std::string> Cli::flag_names() const {
  std::vector<std::string> names;
  for (const auto& d : declared_) names.push_back(d.name);
  return names;
}

std::optional<int> Cli::Parse() {
  // ConfigSpec takes flags only; positional arguments are set aside here, which needs
  // to know (as ConfigSpec does) which flags take a value: --flag VALUE, --bool.
  std::vector<std::string> flags, unknown;
  std::vector<std::pair<std::string, std::vector<std::string>>> lists;
  for (size_t i = 0; i < args_.size(); ++i) {
    const std::string& a = args_[i];
    if (a == "--") {  // everything after is an argument
      arguments_.insert(arguments_.end(), args_.begin() + i + 1, args_.end());
      break;
    }
    if (IsHelp(a) || !absl::StartsWith(a, "--")) {
      (IsHelp(a) ? flags : arguments_).push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    const bool has_value = name.find('=') != std::string::npos;
    if (has_value) {
      value = name.substr(name.find('=') + 1);
      name = name.substr(0, name.find('='));
    }
    const Declared* d = Find(name);
    if (!d) {
      unknown.push_back(name);
      flags.push_back(a);  // ConfigSpec reports it
      continue;
    }
    given_.insert(name);
    if (!d->is_list) {
      flags.push_back(a);
      if (!has_value && !d->is_bool && i + 1 < args_.size()) flags.push_back(args_[++i]);
      continue;
    }
    if (!has_value) {
      if (i + 1 >= args_.size()) {
        flags.push_back(a);  // ConfigSpec reports the missing value
        continue;
      }
      value = args_[++i];
    }
    auto it = std::find_if(lists.begin(), lists.end(), [&](const auto& l) { return l.first == name; });
    if (it == lists.end()) it = lists.emplace(lists.end(), name, std::vector<std::string>{});
    it->second.push_back(value);
  }
  for (const auto& [name, values] : lists) flags.push_back(absl::StrCat("--", name, "=", absl::StrJoin(values, ",")));

  absl::Status loaded = spec_.Load(flags, io_.getenv);
  if (spec_.help_requested()) {
    io_.out << Help();
    return 0;
  }
  if (!loaded.ok()) {
    io_.err << loaded.message() << "\n";
    for (const auto& name : unknown) {
      if (std::string hint = DidYouMean(name, flag_names(), "--"); !hint.empty()) {
        io_.err << "  --" << name << ":" << hint << "\n";
      }
    }
    io_.err << "\n" << Help();
    return 2;
  }
  if (static_cast<int>(arguments_.size()) > command_.max_arguments) {
    return Usage(absl::StrCat("unexpected argument '", arguments_[command_.max_arguments], "'"));
  }
  return std::nullopt;
}

int Cli::Usage(const std::string& problem) {
  io_.err << "adoptctl " << command_.path << ": " << problem << "\n\n" << Help();
  return 2;
}

int Cli::Failed(const std::string& message) {
  io_.err << "adoptctl " << command_.path << ": " << message << "\n";
  return 1;
}

std::string Cli::Help() const {
  std::string out = absl::StrCat("adoptctl ", command_.path, ": ", command_.summary, "\n");
  if (!command_.description.empty()) absl::StrAppend(&out, "\n", command_.description, "\n");
  absl::StrAppend(&out, "\nusage: adoptctl ", command_.path, " [flags]",
                  command_.arguments.empty() ? "" : " " + command_.arguments, "\n");
  // ConfigSpec's help starts with its own usage line; the flags follow it.
  std::string flags = spec_.Help();
  flags.erase(0, flags.find('\n') + 1);
  absl::StrAppend(&out, "\nflags (each may instead come from the ADOPTION_* variable shown):\n", flags,
                  "  --help  this help\n");
  if (!command_.examples.empty()) {
    absl::StrAppend(&out, "\nexamples:\n");
    for (const auto& e : command_.examples) absl::StrAppend(&out, "  ", e, "\n");
  }
  return out;
}

int Run(const std::vector<std::string>& args, Io io) {
  if (!args.empty() && args[0] == "help") {  // adoptctl help events tail
    std::vector<std::string> rest(args.begin() + 1, args.end());
    rest.push_back("--help");
    return Run(rest, io);
  }
  // The leading words name the command; the longest command path they start with wins.
  size_t words = 0;
  while (words < args.size() && !absl::StartsWith(args[words], "-")) ++words;
  const Command* command = nullptr;
  size_t command_words = 0;
  for (const auto& c : Commands()) {
    std::vector<std::string> path = Words(c.path);
    if (path.size() <= words && path.size() > command_words && std::equal(path.begin(), path.end(), args.begin())) {
      command = &c;
      command_words = path.size();
    }
  }
  if (command) {
    Cli cli(*command, std::vector<std::string>(args.begin() + command_words, args.end()), io);
    return command->run(cli);
  }

  // No command: the deepest level the words reach ("adoptctl", "adoptctl events").
  std::vector<std::string> level;
  std::vector<std::string> next;  // the words that may follow it
  while (true) {
    next.clear();
    for (const auto& c : Commands()) {
      std::vector<std::string> path = Words(c.path);
      if (path.size() > level.size() && std::equal(level.begin(), level.end(), path.begin())) {
        next.push_back(path[level.size()]);
      }
    }
    if (level.size() < words && std::find(next.begin(), next.end(), args[level.size()]) != next.end()) {
      level.push_back(args[level.size()]);
    } else {
      break;
    }
  }
  const std::string where = level.empty() ? "adoptctl" : "adoptctl " + absl::StrJoin(level, " ");
  std::vector<std::string> rest(args.begin() + level.size(), args.end());
  if (!rest.empty() && !absl::StartsWith(rest[0], "-")) {
    io.err << where << ": unknown command '" << rest[0] << "'" << DidYouMean(rest[0], next, "") << "\n\n"
           << LevelHelp(level);
    return 2;
  }
  if (std::any_of(rest.begin(), rest.end(), IsHelp)) {
    io.out << LevelHelp(level);
    return 0;
  }
  if (!rest.empty()) {
    io.err << where << ": unknown flag " << rest[0] << "\n\n" << LevelHelp(level);
    return 2;
  }
  io.err << where << ": which command?\n\n" << LevelHelp(level);
  return 2;
}

}  // namespace adoptctl
