#!/usr/bin/env bash
# Makes the development overlay's secrets: random values written to DIR (default secrets/
# beside this script, which git ignores), the files kustomization.yaml's secretGenerator
# reads. Nothing here is committed (docs/deployment.md, "Development secrets").
#   jwt-secret                    HS256 key of the development tokens (permanence-jwt)
#   mariadb-root.password         MariaDB's root password (mariadb-admin)
#   <service>.password            each service's MySQL password (db-passwords, for the Job)
#   <service>.db-url              its database URL with that password (<service>-db)
#   <service>.migrate.password    its migrating user's password, which owns the schema
#                                 (db-passwords, for the Job; docs/deployment.md)
#   <service>.migrate-db-url      the database URL as that user (db-migrate-urls, the Job's)
#   <service>.page-token-key      its page-token key, shared by its replicas (<service>-page-token)
#   ca.crt, ca.key                the development CA that signs every certificate below
#   <process>.crt, <process>.key  each process's certificate (CN and DNS name its own) for
#                                 mutual TLS (<process>-tls, with ca.crt); mariadb's too
# A value that exists is kept (MariaDB keeps the passwords it was given), so running it
# again changes nothing. No service token: over mutual TLS a service's certificate says who
# it is (docs/operations.md, "Tokens"). Needs openssl.
# Usage: make-secrets.sh [DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-$here/secrets}
services=(recruitment familyfinding panel support letterbox)   # config/services.tsv, less the gateway
tls_names=("${services[@]}" gateway mariadb)                     # every process with a certificate
namespace=permanence
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
# migrate_db_url NAME: the URL the Job migrates NAME's database with, as its owner.
migrate_db_url() {
  printf 'mysql://host=mariadb port=3306 db=adoption_%s user=%s_migrate password=%s' "$1" "$1" \
    "$(cat "$dir/$1.migrate.password")"
}
# certificate NAME: NAME.key and NAME.crt, signed by the development CA, for the Service
# NAME in the namespace (its short and full DNS names), valid a year.
certificate() {
  local name=$1
  [ -s "$dir/$name.crt" ] && [ -s "$dir/$name.key" ] && return
  local sans="DNS:$name,DNS:$name.$namespace,DNS:$name.$namespace.svc,DNS:$name.$namespace.svc.cluster.local"
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$name" \
    -keyout "$dir/$name.key.new" -out "$dir/$name.csr" 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\nbasicConstraints=CA:FALSE\n' "$sans" \
    > "$dir/$name.ext"
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 365 \
    -extfile "$dir/$name.ext" -out "$dir/$name.crt.new" 2>/dev/null
  rm -f "$dir/$name.csr" "$dir/$name.ext" "$dir/ca.srl"
  mv "$dir/$name.key.new" "$dir/$name.key"
  mv "$dir/$name.crt.new" "$dir/$name.crt"
  echo "made $dir/$name.crt"
}

keep jwt-secret random_hex 32
keep mariadb-root.password random_hex 24
for s in "${services[@]}"; do
  keep "$s.password" random_hex 24
  keep "$s.db-url" db_url "$s"
  keep "$s.migrate.password" random_hex 24
  keep "$s.migrate-db-url" migrate_db_url "$s"
  keep "$s.page-token-key" random_hex 32
done
# The development CA: a new one only when there is none (a new CA means new certificates).
if [ ! -s "$dir/ca.crt" ] || [ ! -s "$dir/ca.key" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
    -subj "/CN=Permanence development CA" -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
  for n in "${tls_names[@]}"; do rm -f "$dir/$n.crt"; done
  echo "made $dir/ca.crt"
fi
for n in "${tls_names[@]}"; do
  certificate "$n"
done
