#!/usr/bin/env bash
# Builds the static site in www/: the wasm package (www/pkg/), the
# dictionary file (www/dict/) and the service worker's list (www/precache.js).
# www/ can then be served by any static host.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# The sample article, first-view script and style sheet written into index.html (when they changed).
node scripts/prerender.mjs >&2
cargo build -q --release --lib --target wasm32-unknown-unknown
.tools/bin/wasm-bindgen --target web --no-typescript --out-dir www/pkg \
  target/wasm32-unknown-unknown/release/biaozhu.wasm

# jieba-rs's own dictionary, the one native builds embed, packed for the
# page (src/dict.rs: 1.1 MB gzip, where the plain list is 1.7 MB) and kept
# only when it changes. Of the part-of-speech tags only those of names,
# places and organisations are kept (the page's suggestions read them;
# segmentation never does).
dict=$(cargo metadata -q --format-version 1 |
  python3 -c 'import json,sys,os; m=json.load(sys.stdin); print(next(os.path.join(os.path.dirname(p["manifest_path"]),"src","data","dict.txt") for p in m["packages"] if p["name"]=="jieba-rs"))')
mkdir -p www/dict
cargo run -q --bin pack-dict -- "$dict" target/jieba.pack
gzip -9nc target/jieba.pack > target/jieba.pack.gz
cmp -s target/jieba.pack.gz www/dict/jieba.pack.gz || cp target/jieba.pack.gz www/dict/jieba.pack.gz
# The same entries as text, for whoever builds a Segmenter from jieba's own format (README).
if [ ! -f www/dict/jieba.dict.gz ] || [ "$dict" -nt www/dict/jieba.dict.gz ]; then
  cut -d' ' -f1,2 "$dict" | gzip -9n > www/dict/jieba.dict.gz.tmp
  mv www/dict/jieba.dict.gz.tmp www/dict/jieba.dict.gz
fi
# Last, once every file is in place: the list the service worker keeps for offline visits, and its version.
node scripts/precache.mjs
echo "build: www/ is ready ($(du -sh www/pkg/biaozhu_bg.wasm | cut -f1) wasm, $(du -sh www/dict/jieba.pack.gz | cut -f1) dictionary)" >&2
