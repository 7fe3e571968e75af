#!/usr/bin/env bash
# Makes the development overlay's secrets: random values written to DIR (default secrets/
# beside this script, which git ignores), the files kustomization.yaml's secretGenerator
# reads. Nothing here is committed (docs/deployment.md, "Development secrets").
#   jwt-secret                    HS256 key of the development tokens (permanence-jwt)
#   mariadb-root.password         MariaDB's root password (mariadb-admin)
#   <service>.password            each service's MySQL password (db-passwords, for the Job)
#   <service>.db-url              its database URL with that password (<service>-db)
#   <service>.page-token-key      its page-token key, shared by its replicas (<service>-page-token)
# A value that exists is kept (MariaDB keeps the passwords it was given), so running it
# again changes nothing. No service token: in development each service mints its own,
# ten minutes long, with the HS256 secret (dev-service-tokens.yaml). Needs openssl.
# Usage: make-secrets.sh [DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-$here/secrets}
services=(recruitment familyfinding panel support letterbox)   # config/services.tsv, less the gateway
command -v openssl >/dev/null || { echo "make-secrets.sh: openssl is needed" >&2; exit 1; }
umask 077
mkdir -p "$dir"

# Hex: safe inside SQL quotes and the space-separated database URL.
random_hex() { openssl rand -hex "$1"; }
# keep FILE COMMAND...: FILE's content is COMMAND's output, unless FILE already has one.
keep() {
  local file=$dir/$1
  shift
  if [ ! -s "$file" ]; then
    "$@" | tr -d '\n' > "$file.new"
    mv "$file.new" "$file"
    echo "made $file"
  fi
}
# db_url NAME: the URL the service and the Job read, as docs/operations.md gives it.
db_url() {
  printf 'mysql://host=mariadb port=3306 db=adoption_%s user=%s_svc password=%s' "$1" "$1" "$(cat "$dir/$1.password")"
}

keep jwt-secret random_hex 32
keep mariadb-root.password random_hex 24
for s in "${services[@]}"; do
  keep "$s.password" random_hex 24
  keep "$s.db-url" db_url "$s"
  keep "$s.page-token-key" random_hex 32
done
