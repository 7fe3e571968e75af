# Shared by scripts/*: paths, messages, free ports.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ADOPTION_NPM_DIR="$ROOT/.tools/node_modules"
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
# A port nothing listens on now (the kernel's choice).
free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# start_mariadb DIR: a throwaway MariaDB in DIR on a free port (no systemd), with an
# admin user; exports ADOPTION_TEST_MYSQL_URL. Stop it with stop_mariadb DIR.
# MARIADB_BUFFER_POOL: InnoDB's buffer pool (256M, the tests' size).
start_mariadb() {
  local dir=$1 port admin_password
  port=$(free_port)
  mariadb-install-db --no-defaults --datadir="$dir/mariadb" --user="$(id -un)" \
    --auth-root-authentication-method=normal --skip-name-resolve >"$dir/mariadb-install.log" 2>&1 \
    || { cat "$dir/mariadb-install.log"; die "mariadb-install-db failed"; }
  mariadbd --no-defaults --datadir="$dir/mariadb" --user="$(id -un)" --socket="$dir/mariadb.sock" \
    --port="$port" --bind-address=127.0.0.1 --skip-name-resolve --pid-file="$dir/mariadb.pid" \
    --log-error="$dir/mariadb.err" --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size="${MARIADB_BUFFER_POOL:-256M}" --max-connections=500 &
  for _ in $(seq 100); do
    mariadb-admin --socket="$dir/mariadb.sock" -uroot ping >/dev/null 2>&1 && break
    sleep 0.2
  done
  mariadb-admin --socket="$dir/mariadb.sock" -uroot ping >/dev/null 2>&1 || { cat "$dir/mariadb.err"; die "MariaDB did not start"; }
  admin_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  mariadb --socket="$dir/mariadb.sock" -uroot -e \
    "CREATE USER 'permanence_admin'@'127.0.0.1' IDENTIFIED BY '$admin_password';
     GRANT ALL ON *.* TO 'permanence_admin'@'127.0.0.1' WITH GRANT OPTION;"
  export ADOPTION_TEST_MYSQL_URL="mysql://host=127.0.0.1 port=$port user=permanence_admin password=$admin_password"
}
stop_mariadb() {
  if [ -S "$1/mariadb.sock" ]; then mariadb-admin --socket="$1/mariadb.sock" -uroot shutdown 2>/dev/null || true; fi
}

# registry COLUMN [NAME]: a column of config/services.tsv (the suite's registry,
# platform/server/registry.h) for service NAME, or "name value" lines for every service.
# Columns: name binary grpc_port metrics_port http_port grpc_service reads.
registry() {
  awk -F'\t' -v col="$1" -v want="${2:-}" '
    /^#/ || NF == 0 { next }
    !header { for (i = 1; i <= NF; i++) idx[$i] = i; header = 1; next }
    want == "" { print $1, $idx[col]; next }
    $1 == want { print $idx[col] }' "$ROOT/config/services.tsv"
}
