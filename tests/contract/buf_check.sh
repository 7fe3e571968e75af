#!/usr/bin/env bash
# The contracts' guards: `buf lint` (STANDARD rules, proto/buf.yaml) on the image
# protoc builds, and `buf breaking` against the previous commit's proto/ (or HEAD's,
# when proto/ has uncommitted changes) when there is one.
# usage: buf_check.sh <source dir> <current image>
set -euo pipefail
src=$1 image=$2
buf="$src/.tools/node_modules/.bin/buf"
googleapis="$src/.tools/node_modules/google-proto-files"
"$buf" lint "$image" --path adoption --config "$src/proto/buf.yaml"
echo "buf lint: clean"

cd "$src"
if ! git rev-parse --verify -q HEAD >/dev/null; then echo "buf breaking: no commit yet"; exit 0; fi
if [ -n "$(git status --porcelain -- proto)" ]; then against=HEAD; else against=HEAD~1; fi
if ! git rev-parse --verify -q "$against" >/dev/null || [ -z "$(git ls-tree -d "$against" proto)" ]; then
  echo "buf breaking: no previous proto/ to compare with ($against)"; exit 0
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
git archive "$against" proto | tar -x -C "$tmp"
files=$(cd "$tmp/proto" && find adoption -name '*.proto' | sort)
protoc -I"$tmp/proto" -I/usr/include -I"$googleapis" --include_imports --descriptor_set_out="$tmp/previous.binpb" $files
"$buf" breaking "$image" --path adoption --against "$tmp/previous.binpb" --config "$src/proto/buf.yaml"
echo "buf breaking: no breaking change against $against"
