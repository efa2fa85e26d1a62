#!/usr/bin/env bash
# Installs what the build and the tests need, idempotently and quietly when
# it is all there already: the wasm32 target, wasm-bindgen-cli at the crate's
# exact version (into .tools/), Debian's chromium, chromedriver and CJK fonts
# (WenQuanYi for the common characters; BabelStone Han for the rest, CJK
# Extension B such as 𠮷 included, which the first has no glyph for), the npm
# packages of package.json, and a Python venv (.tools/py) with the
# implementations `biaozhu agree` is checked against.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "setup: $*" >&2; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown >&2
fi

# The CLI must match the wasm-bindgen crate exactly; read the version from Cargo.toml.
want=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
have() { [ -x "$1" ] && [ "$("$1" --version 2>/dev/null)" = "wasm-bindgen $want" ]; }
if ! have .tools/bin/wasm-bindgen; then
  if have "$(command -v wasm-bindgen || true)"; then
    mkdir -p .tools/bin
    ln -sf "$(command -v wasm-bindgen)" .tools/bin/wasm-bindgen
    ln -sf "$(dirname "$(command -v wasm-bindgen)")/wasm-bindgen-test-runner" .tools/bin/wasm-bindgen-test-runner
  else
    say "installing wasm-bindgen-cli $want into .tools/ (a few minutes, once)"
    cargo install -q wasm-bindgen-cli --version "$want" --root .tools >&2
  fi
fi

missing=()
for pkg in chromium chromium-driver fonts-wqy-microhei fonts-babelstone-han; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  say "installing ${missing[*]} with apt-get"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --silent --no-audit --no-fund >&2
fi

# Pinned: the agreement check compares figures to 1e-9 with these exact versions.
py_want="seqeval==1.2.2 scikit-learn==1.5.2 krippendorff==0.8.1 numpy==2.1.3"
if [ ! -f .tools/py/.biaozhu-pins ] || [ "$(cat .tools/py/.biaozhu-pins)" != "$py_want" ]; then
  say "installing the Python packages of the agreement check into .tools/py"
  python3 -m venv .tools/py
  # shellcheck disable=SC2086
  .tools/py/bin/pip install -q --disable-pip-version-check $py_want >&2
  echo "$py_want" > .tools/py/.biaozhu-pins
fi
