# biaozhu: `make serve` builds and serves the annotator; `make test` runs every test.
.PHONY: setup build serve test test-rust test-wasm test-js test-py lint bench cli

PORT ?= 8000
export PATH := $(CURDIR)/.tools/bin:$(PATH)

setup:
	@bash scripts/setup.sh

build:
	@bash scripts/build.sh

serve: build
	@PORT=$(PORT) node scripts/serve.mjs

lint: setup
	cargo fmt --check
	cargo clippy -q --all-targets -- -D warnings
	cargo clippy -q --lib --target wasm32-unknown-unknown -- -D warnings
	# The page, its tests and scripts: Biome lints and checks the formatting (biome.json); `npx biome check --write` fixes.
	node_modules/.bin/biome ci --colors=off

test-rust: setup
	cargo test -q

test-wasm: setup
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
	cargo test --target wasm32-unknown-unknown --test wasm_boundary --test formats_wasm

test-js: build
	node --test --test-concurrency=1 tests/model/ tests/browser/

# `biaozhu agree` against seqeval, scikit-learn and krippendorff (the venv setup.sh makes).
test-py: setup
	cargo build -q --bin biaozhu
	.tools/py/bin/python tests/agree_python/check.py target/debug/biaozhu

test: lint test-rust test-wasm test-js test-py

# Every performance figure beside its peers (several minutes; run on an idle machine).
bench: build
	node scripts/bench/run.mjs

cli:
	cargo build --release --bin biaozhu
