#include "tools/adoptctl/backup.h"

#include <fcntl.h>
#include <soci/soci.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

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

// A MariaDB client tool's connection: its arguments, and an option file (mode 0600,
// removed with this) holding the password and TLS files, so no secret is an argument.
// The dump takes no lock and writes none (--skip-lock-tables, --skip-add-locks): one
// transaction is its consistency, and the migrating user that loads it has no LOCK TABLES.
class MariadbClient {
 public:
  explicit MariadbClient(const std::string& url) {
    char path[] = "/tmp/adoptctl-mariadb.XXXXXX";
    const int fd = mkstemp(path);  // created 0600
    if (fd >= 0) close(fd);
    options_file_ = path;
    std::ofstream out(options_file_);
    out << "[client]\n";
    if (std::string p = platform::DatabaseUrlValue(url, "password"); !p.empty()) out << "password=" << p << "\n";
    if (std::string ca = platform::DatabaseUrlValue(url, "sslca"); !ca.empty()) {
      out << "ssl-ca=" << ca << "\nssl-verify-server-cert\n";
    }
    if (std::string c = platform::DatabaseUrlValue(url, "sslcert"); !c.empty()) out << "ssl-cert=" << c << "\n";
    if (std::string k = platform::DatabaseUrlValue(url, "sslkey"); !k.empty()) out << "ssl-key=" << k << "\n";
    database_ = platform::DatabaseUrlValue(url, "db");
    for (const auto& [key, flag] : {std::pair{"host", "--host"}, std::pair{"port", "--port"},
                                    std::pair{"user", "--user"}, std::pair{"unix_socket", "--socket"}}) {
      if (std::string v = platform::DatabaseUrlValue(url, key); !v.empty()) connection_.push_back(flag + ("=" + v));
    }
  }
  ~MariadbClient() { std::remove(options_file_.c_str()); }

  // `tool`'s arguments: the option file first (the tools read it only there), then the
  // connection, `extra`, and the database.
  std::vector<std::string> Arguments(const std::string& tool, const std::vector<std::string>& extra) const {
    std::vector<std::string> args = {tool, "--defaults-extra-file=" + options_file_};
    args.insert(args.end(), connection_.begin(), connection_.end());
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(database_);
    return args;
  }
  const std::string& database() const { return database_; }

 private:
  std::string options_file_, database_;
  std::vector<std::string> connection_;
};

// Runs `args` (found on PATH) with stdin from `in` and stdout to `out` (each may be
// empty: inherited); its exit code, and what it wrote to stderr in `*errors`.
int RunTool(const std::vector<std::string>& args, const std::string& in, const std::string& out, std::string* errors) {
  char err_path[] = "/tmp/adoptctl-tool-err.XXXXXX";
  const int err_fd = mkstemp(err_path);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const int in_fd = in.empty() ? -1 : open(in.c_str(), O_RDONLY | O_CLOEXEC);
  const int out_fd = out.empty() ? -1 : open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int code = 127;
  if ((in.empty() || in_fd >= 0) && (out.empty() || out_fd >= 0) && err_fd >= 0) {
    const pid_t pid = fork();
    if (pid == 0) {
      if (in_fd >= 0) dup2(in_fd, 0);
      if (out_fd >= 0) dup2(out_fd, 1);
      dup2(err_fd, 2);
      execvp(argv[0], argv.data());
      _exit(127);
    }
    int status = 0;
    if (pid > 0 && waitpid(pid, &status, 0) == pid) code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  } else {
    *errors = absl::StrCat("cannot open ", in_fd < 0 && !in.empty() ? in : out);
  }
  for (int fd : {in_fd, out_fd, err_fd}) {
    if (fd >= 0) close(fd);
  }
  std::ifstream err_in(err_path);
  std::stringstream text;
  text << err_in.rdbuf();
  std::remove(err_path);
  if (errors->empty()) *errors = std::string(absl::StripAsciiWhitespace(text.str()));
  if (code == 127 && errors->empty()) *errors = absl::StrCat(args[0], " was not found or could not run");
  return code;
}

// SQLite's online backup of the database at `from` into `to` (a file path each).
absl::Status SqliteCopy(const std::string& from, const std::string& to) {
  sqlite3 *src = nullptr, *dst = nullptr;
  absl::Status result = absl::OkStatus();
  if (sqlite3_open_v2(from.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
      sqlite3_open_v2(to.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    result = absl::UnavailableError(absl::StrCat("cannot open ", src ? to : from));
  } else if (sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main"); !b) {
    result = absl::InternalError(absl::StrCat("SQLite backup: ", sqlite3_errmsg(dst)));
  } else {
    // Step until done, waiting while the service holds a lock.
    int rc;
    while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      if (rc != SQLITE_OK) sqlite3_sleep(50);
    }
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) result = absl::InternalError(absl::StrCat("SQLite backup: ", sqlite3_errstr(rc)));
  }
  sqlite3_close(src);
  sqlite3_close(dst);
  return result;
}

// The database's tables (base tables, not SQLite's own), sorted.
std::vector<std::string> TablesOf(platform::Database& db) {
  std::vector<std::string> tables;
  (void)db.Read([&](soci::session& sql) -> absl::Status {
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
  return tables;
}

// "N tables, M rows; its event log's head: S" — what a backup or restore holds.
std::string Summary(platform::Database& db) {
  const std::vector<std::string> tables = TablesOf(db);
  long long rows = 0, head = 0;
  (void)db.Read([&](soci::session& sql) -> absl::Status {
    for (const std::string& t : tables) {
      long long n = 0;
      sql << absl::StrCat("SELECT COUNT(*) FROM ", t), soci::into(n);
      rows += n;
    }
    soci::indicator ind;
    sql << "SELECT MAX(sequence) FROM outbox", soci::into(head, ind);
    if (ind != soci::i_ok) head = 0;
    return absl::OkStatus();
  });
  return absl::StrCat(tables.size(), " tables, ", rows, " rows; its event log's head: ", head);
}

}  // namespace

std::string BackupDescription() {
  return "Writes one service's database, whole and consistent while the service runs, to --out:\n"
         "MariaDB with mariadb-dump in one transaction (SQL text, loadable into any database),\n"
         "SQLite with its online backup (a database file). The connection's password goes to\n"
         "mariadb-dump in a private option file, never as an argument. Run it as the migrating\n"
         "user, which reads every table.";
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
  if (std::filesystem::exists(out)) return cli.Failed(absl::StrCat(out, " exists: a backup never overwrites a file"));
  auto db = platform::Database::Open(*url, 1);
  if (!db.ok()) return cli.Failed(std::string(db.status().message()));

  if (IsSqlite(*url)) {
    if (auto s = SqliteCopy(platform::DatabaseUrlValue(*url, "db"), out); !s.ok()) {
      return cli.Failed(std::string(s.message()));
    }
    chmod(out.c_str(), 0600);
  } else {
    MariadbClient client(*url);
    std::string errors;
    const int code = RunTool(client.Arguments("mariadb-dump", {"--single-transaction", "--default-character-set=utf8mb4",
                                                               "--hex-blob", "--no-tablespaces", "--skip-lock-tables",
                                                               "--skip-add-locks"}),
                             "", out, &errors);
    if (code != 0) {
      std::remove(out.c_str());
      return cli.Failed(absl::StrCat("mariadb-dump failed (exit ", code, "): ", errors));
    }
  }
  cli.out() << database.service << ": backed up to " << out << ": " << Summary(**db) << "\n";
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
  if (!std::filesystem::exists(in)) return cli.Failed(absl::StrCat(in, ": no such backup"));
  const auto* migrations = MigrationsOf(database.service);
  if (!migrations) return cli.Failed(absl::StrCat(database.service, "-svc is not built into this adoptctl"));
  {
    auto target = platform::Database::Open(*url, 1);
    if (!target.ok()) return cli.Failed(std::string(target.status().message()));
    if (const auto tables = TablesOf(**target); !tables.empty()) {
      return cli.Failed(absl::StrCat("the database to restore into holds ", tables.size(),
                                     " tables: restore only into an empty one (nothing is overwritten)"));
    }
  }
  if (IsSqlite(*url)) {
    if (auto s = SqliteCopy(in, platform::DatabaseUrlValue(*url, "db")); !s.ok()) {
      return cli.Failed(std::string(s.message()));
    }
  } else {
    MariadbClient client(*url);
    std::string errors;
    const int code = RunTool(client.Arguments("mariadb", {"--default-character-set=utf8mb4", "--batch"}), in, "",
                             &errors);
    if (code != 0) return cli.Failed(absl::StrCat("mariadb could not load ", in, " (exit ", code, "): ", errors));
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
  cli.out() << database.service << ": restored from " << in << ": " << Summary(**db) << "\n"
            << "Its consumers stop if they applied events past that head: re-baseline them (adoptctl events "
               "rebaseline).\n";
  return 0;
}

}  // namespace adoptctl
