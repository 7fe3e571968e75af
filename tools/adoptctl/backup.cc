#include "tools/adoptctl/backup.h"

#include <fcntl.h>
#include <soci/soci.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "platform/core/config.h"
#include "platform/db/database_url.h"
#include "platform/db/db.h"
#include "platform/db/grants.h"
#include "platform/server/server.h"

namespace adoptctl {

namespace {

// The database flags backup and restore share with migrate.
struct DatabaseFlags {
  std::string service, url, url_file;
  platform::DatabaseTlsFiles tls;
  bool plaintext = false;

  void Declare(Cli& cli, const std::string& whose) {
    cli.String("service", &service, "whose database: " + absl::StrJoin(Contexts(), ", "), platform::OneOf(Contexts()))
        .Required()
        .String("db-url", &url, whose + ": sqlite3://db=PATH or mysql://host=H port=P db=D user=U password=W")
        .Secret("db-url", "--db-url-file", [](const std::string& v) { return v.find("password=") != std::string::npos; })
        .String("db-url-file", &url_file, "a file holding the database URL (a mounted Secret); instead of --db-url")
        .String("db-tls-ca-file", &tls.ca_file, "PEM certificate of the CA that signed the MySQL server's: TLS")
        .String("db-tls-cert-file", &tls.cert_file, "PEM client certificate for the MySQL server, if it asks")
        .String("db-tls-key-file", &tls.key_file, "PEM private key of --db-tls-cert-file")
        .Bool("plaintext-development", &plaintext, "a MySQL server over the network without TLS (development only)");
  }
  // The URL as the services open it; a usage problem or failure as its message.
  absl::StatusOr<std::string> Url() const {
    if (url.empty() == url_file.empty()) return absl::InvalidArgumentError("give one of --db-url and --db-url-file");
    std::string text = url;
    if (!url_file.empty()) {
      auto read = platform::ReadSecretFile(url_file);
      if (!read.ok()) return read.status();
      text = *read;
    }
    return platform::WithDatabaseTls(text, tls, plaintext);
  }
};

bool IsSqlite(const std::string& url) { return absl::StartsWith(url, "sqlite3://"); }

// A value for a MariaDB option file: quoted, so '#' and spaces are kept, with the
// quote and backslash escaped as the option-file reader expects.
std::string OptionValue(const std::string& value) {
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

// A MariaDB client tool's connection: its arguments, and an option file holding the
// password and TLS files, so no secret is an argument. The option file is a pipe the
// tool inherits and reads as /dev/fd/N: nothing is written to disk, nothing is left
// behind however adoptctl ends.
// The dump takes no lock and writes none (--skip-lock-tables, --skip-add-locks): one
// transaction is its consistency, and the migrating user that loads it has no LOCK TABLES.
class MariadbClient {
 public:
  explicit MariadbClient(const std::string& url) : url_(url) {
    database_ = platform::DatabaseUrlValue(url, "db");
    for (const auto& [key, flag] : {std::pair{"host", "--host"}, std::pair{"port", "--port"},
                                    std::pair{"user", "--user"}, std::pair{"unix_socket", "--socket"}}) {
      if (std::string v = platform::DatabaseUrlValue(url, key); !v.empty()) connection_.push_back(flag + ("=" + v));
    }
  }

  // The option file's text.
  std::string Options() const {
    std::string text = "[client]\n";
    if (std::string p = platform::DatabaseUrlValue(url_, "password"); !p.empty()) {
      absl::StrAppend(&text, "password=", OptionValue(p), "\n");
    }
    if (std::string ca = platform::DatabaseUrlValue(url_, "sslca"); !ca.empty()) {
      absl::StrAppend(&text, "ssl-ca=", OptionValue(ca), "\nssl-verify-server-cert\n");
    }
    if (std::string c = platform::DatabaseUrlValue(url_, "sslcert"); !c.empty()) {
      absl::StrAppend(&text, "ssl-cert=", OptionValue(c), "\n");
    }
    if (std::string k = platform::DatabaseUrlValue(url_, "sslkey"); !k.empty()) {
      absl::StrAppend(&text, "ssl-key=", OptionValue(k), "\n");
    }
    return text;
  }

  // `tool`'s arguments, reading its options from descriptor `options_fd`: the option
  // file first (the tools read it only there), then the connection, `extra`, the database.
  std::vector<std::string> Arguments(const std::string& tool, int options_fd,
                                     const std::vector<std::string>& extra) const {
    std::vector<std::string> args = {tool, absl::StrCat("--defaults-extra-file=/dev/fd/", options_fd)};
    args.insert(args.end(), connection_.begin(), connection_.end());
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(database_);
    return args;
  }

 private:
  std::string url_, database_;
  std::vector<std::string> connection_;
};

// Closes a descriptor when it goes out of scope.
struct Descriptor {
  int fd = -1;
  Descriptor() = default;
  explicit Descriptor(int f) : fd(f) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd >= 0) close(fd);
  }
};

// Runs a MariaDB client tool (found on PATH) for `client` with stdin from `in_fd` and
// stdout to `out_fd` (-1: inherited); its exit code, and what it wrote to stderr in
// `*errors`.
int RunTool(const MariadbClient& client, const std::string& tool, const std::vector<std::string>& extra, int in_fd,
            int out_fd, std::string* errors) {
  // The options go through a pipe: the text is small (a password and three paths), far
  // below a pipe's buffer, so it is written whole before the tool starts.
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    *errors = absl::StrCat("cannot make a pipe: ", std::strerror(errno));
    return 127;
  }
  Descriptor options(pipe_fds[0]);
  {
    Descriptor writer(pipe_fds[1]);
    const std::string text = client.Options();
    if (write(writer.fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
      *errors = "cannot pass the connection's options to " + tool;
      return 127;
    }
  }
  // stderr to an unnamed file, read back once the tool ends.
  char err_path[] = "/tmp/adoptctl-tool-err.XXXXXX";
  Descriptor err(mkostemp(err_path, O_CLOEXEC));
  if (err.fd < 0) {
    *errors = absl::StrCat("cannot make a file in /tmp: ", std::strerror(errno));
    return 127;
  }
  unlink(err_path);

  const std::vector<std::string> args = client.Arguments(tool, options.fd, extra);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  int code = 127;
  const pid_t pid = fork();
  if (pid == 0) {
    if (in_fd >= 0) dup2(in_fd, 0);
    if (out_fd >= 0) dup2(out_fd, 1);
    dup2(err.fd, 2);
    fcntl(options.fd, F_SETFD, 0);  // the one descriptor the tool inherits
    execvp(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  if (pid > 0 && waitpid(pid, &status, 0) == pid) code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  std::string text;
  char buffer[4096];
  lseek(err.fd, 0, SEEK_SET);
  for (ssize_t n; (n = read(err.fd, buffer, sizeof buffer)) > 0;) text.append(buffer, n);
  *errors = std::string(absl::StripAsciiWhitespace(text));
  if (code == 127 && errors->empty()) *errors = tool + " was not found or could not run";
  return code;
}

// SQLite's online backup of the database at `from` into `to` (a file path each; `to`
// exists, empty or a database).
absl::Status SqliteCopy(const std::string& from, const std::string& to) {
  sqlite3 *src = nullptr, *dst = nullptr;
  absl::Status result = absl::OkStatus();
  if (sqlite3_open_v2(from.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    result = absl::UnavailableError(absl::StrCat("cannot open ", from, ": ", sqlite3_errmsg(src)));
  } else if (sqlite3_open_v2(to.c_str(), &dst, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    result = absl::UnavailableError(absl::StrCat("cannot open ", to, ": ", sqlite3_errmsg(dst)));
  } else if (sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main"); !b) {
    result = absl::InternalError(absl::StrCat("SQLite backup: ", sqlite3_errmsg(dst)));
  } else {
    // Every page in one step: one read transaction, so the copy is one moment of the
    // database (a copy in several steps restarts whenever the service writes). Waits
    // while the service holds a lock.
    int rc;
    while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      sqlite3_sleep(50);
    }
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) result = absl::InternalError(absl::StrCat("SQLite backup: ", sqlite3_errstr(rc)));
  }
  sqlite3_close(src);
  sqlite3_close(dst);
  return result;
}

// The database's tables (base tables, not SQLite's own), sorted.
absl::StatusOr<std::vector<std::string>> TablesOf(platform::Database& db) {
  std::vector<std::string> tables;
  auto s = db.Read([&](soci::session& sql) -> absl::Status {
    std::string name;
    soci::statement st =
        (sql.prepare << (db.dialect() == platform::Dialect::kMysql
                             ? "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
                               "AND table_type = 'BASE TABLE' ORDER BY table_name"
                             : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                               "ORDER BY name"),
         soci::into(name));
    st.execute();
    while (st.fetch()) tables.push_back(name);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return tables;
}

// "N tables, M rows; its event log's head: S" — what a restored database holds.
absl::StatusOr<std::string> Summary(platform::Database& db) {
  auto tables = TablesOf(db);
  if (!tables.ok()) return tables.status();
  long long rows = 0, head = 0;
  auto s = db.Read([&](soci::session& sql) -> absl::Status {
    for (const std::string& t : *tables) {
      long long n = 0;
      sql << absl::StrCat("SELECT COUNT(*) FROM ", t), soci::into(n);
      rows += n;
    }
    soci::indicator ind;
    sql << "SELECT MAX(sequence) FROM outbox", soci::into(head, ind);
    if (ind != soci::i_ok) head = 0;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return absl::StrCat(tables->size(), " tables, ", rows, " rows; its event log's head: ", head);
}

// The backup file, created new (never over a file or through a link) and private: it
// holds personal data.
absl::StatusOr<int> CreateBackupFile(const std::string& path) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
  if (errno == EEXIST) return absl::AlreadyExistsError(absl::StrCat(path, " exists: a backup never overwrites a file"));
  return absl::UnavailableError(absl::StrCat("cannot create ", path, ": ", std::strerror(errno)));
}

}  // namespace

std::string BackupDescription() {
  return "Writes one service's database, whole and consistent while the service runs, to --out:\n"
         "MariaDB with mariadb-dump in one transaction (SQL text, loadable into any database),\n"
         "SQLite with its online backup (a database file). --out is created new, readable by its\n"
         "owner alone. The connection's password goes to mariadb-dump through a pipe, never as\n"
         "an argument or on disk. Run it as the migrating user, which reads every table.";
}

std::string RestoreDescription() {
  return "Loads a backup into an empty database (it refuses one holding tables: nothing is\n"
         "overwritten), applies the service's newer migrations and, with --grant-to, grants the\n"
         "runtime user its tables — the audit log only to add to. The restored event log may be\n"
         "behind what the service's consumers applied: they stop until re-baselined\n"
         "(adoptctl events rebaseline; docs/runbook.md).";
}

int Backup(Cli& cli) {
  DatabaseFlags database;
  std::string out;
  database.Declare(cli, "the database to back up");
  cli.String("out", &out, "the backup file to write (it must not exist)", platform::NonEmpty()).Required();
  if (auto done = cli.Parse()) return *done;
  auto url = database.Url();
  if (!url.ok()) return cli.Failed(std::string(url.status().message()));
  const std::string sqlite_path = IsSqlite(*url) ? platform::DatabaseUrlValue(*url, "db") : "";
  // Opening a mistyped path would make an empty database, and back that up.
  if (IsSqlite(*url) && !std::filesystem::is_regular_file(sqlite_path)) {
    return cli.Failed(absl::StrCat(sqlite_path, ": no such database"));
  }
  auto file = CreateBackupFile(out);
  if (!file.ok()) return cli.Failed(std::string(file.status().message()));
  Descriptor written(*file);
  absl::Status result;
  if (IsSqlite(*url)) {
    result = SqliteCopy(sqlite_path, out);
  } else {
    std::string errors;
    const int code = RunTool(MariadbClient(*url), "mariadb-dump",
                             {"--single-transaction", "--default-character-set=utf8mb4", "--hex-blob",
                              "--no-tablespaces", "--skip-lock-tables", "--skip-add-locks", "--skip-add-drop-table"},
                             -1, written.fd, &errors);
    if (code != 0) result = absl::UnavailableError(absl::StrCat("mariadb-dump failed (exit ", code, "): ", errors));
  }
  if (result.ok() && fsync(written.fd) != 0) {
    result = absl::UnavailableError(absl::StrCat("cannot write ", out, ": ", std::strerror(errno)));
  }
  if (!result.ok()) {
    std::remove(out.c_str());  // a partial backup is no backup
    return cli.Failed(std::string(result.message()));
  }
  cli.out() << database.service << ": backed up to " << out << " (" << std::filesystem::file_size(out)
            << " bytes)\n";
  return 0;
}

int Restore(Cli& cli) {
  DatabaseFlags database;
  std::string in, grant_to;
  database.Declare(cli, "the empty database to restore into");
  cli.String("in", &in, "the backup file (from adoptctl backup)", platform::NonEmpty())
      .Required()
      .String("grant-to", &grant_to,
              "MySQL: then grant this runtime user (USER or USER@HOST) its privileges on every table, as "
              "adoptctl migrate --grant-to does");
  if (auto done = cli.Parse()) return *done;
  auto url = database.Url();
  if (!url.ok()) return cli.Failed(std::string(url.status().message()));
  if (IsSqlite(*url) && !grant_to.empty()) {
    return cli.Failed("--grant-to: a SQLite database has no users to grant (it is for a mysql:// database)");
  }
  if (!std::filesystem::is_regular_file(in)) return cli.Failed(absl::StrCat(in, ": no such backup"));
  const auto* migrations = MigrationsOf(database.service);
  if (!migrations) return cli.Failed(absl::StrCat(database.service, "-svc is not built into this adoptctl"));
  {
    auto target = platform::Database::Open(*url, 1);
    if (!target.ok()) return cli.Failed(std::string(target.status().message()));
    auto tables = TablesOf(**target);
    if (!tables.ok()) return cli.Failed(std::string(tables.status().message()));
    if (!tables->empty()) {
      return cli.Failed(absl::StrCat("the database to restore into holds ", tables->size(),
                                     " tables: restore only into an empty one (nothing is overwritten)"));
    }
  }
  if (IsSqlite(*url)) {
    if (auto s = SqliteCopy(in, platform::DatabaseUrlValue(*url, "db")); !s.ok()) {
      return cli.Failed(std::string(s.message()));
    }
  } else {
    Descriptor backup(open(in.c_str(), O_RDONLY | O_CLOEXEC));
    if (backup.fd < 0) return cli.Failed(absl::StrCat("cannot open ", in, ": ", std::strerror(errno)));
    std::string errors;
    const int code = RunTool(MariadbClient(*url), "mariadb", {"--default-character-set=utf8mb4", "--batch"},
                             backup.fd, -1, &errors);
    if (code != 0) {
      return cli.Failed(absl::StrCat("mariadb could not load ", in, " (exit ", code, "): ", errors,
                                     "\nThe database may hold part of the backup: drop and create it empty again "
                                     "before the next restore."));
    }
  }
  auto db = platform::Database::Open(*url, 1);
  if (!db.ok()) return cli.Failed(std::string(db.status().message()));
  for (auto [component, files] : {std::pair{std::string("platform"), &platform::PlatformMigrations()},
                                  std::pair{database.service, migrations}}) {
    if (auto s = (*db)->Migrate(component, *files); !s.ok()) return cli.Failed(std::string(s.message()));
  }
  if (!grant_to.empty()) {
    if (auto s = platform::GrantRuntimeUser(**db, grant_to); !s.ok()) return cli.Failed(std::string(s.message()));
  }
  auto summary = Summary(**db);
  if (!summary.ok()) return cli.Failed(std::string(summary.status().message()));
  cli.out() << database.service << ": restored from " << in << ": " << *summary << "\n"
            << "Its consumers stop if they applied events past that head: re-baseline them (adoptctl events "
               "rebaseline).\n";
  return 0;
}

}  // namespace adoptctl
