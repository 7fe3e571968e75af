#pragma once
// `adoptctl backup` and `adoptctl restore`: one service's database, whole and consistent
// (docs/operations.md, "Back up and restore"). MariaDB through its own tools — mariadb-dump
// in one transaction, mariadb to load — with the password in a private option file, never
// an argument; SQLite through its online backup API, safe while the service writes. A
// restore goes only into an empty database, then applies the service's newer migrations
// and, on MySQL, grants its runtime user its tables (the audit log insert-only).
#include <string>
#include <vector>

#include "tools/adoptctl/cli.h"

namespace adoptctl {

int Backup(Cli& cli);
int Restore(Cli& cli);
std::string BackupDescription();
std::string RestoreDescription();

}  // namespace adoptctl
