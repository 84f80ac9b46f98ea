# Two commands on a fresh machine: `make site` builds the example site, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test check serve schema bench-search bench bench-import clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

site: $(STAMP)            ## generate docs/ and build site/
	$(BIN)/plansite build

test: $(STAMP)            ## all tests: unit, real MkDocs builds, real chromium
	$(BIN)/python -m pytest

check: $(STAMP)           ## validate content/ and plans/
	$(BIN)/plansite check

serve: $(STAMP)           ## live preview on http://127.0.0.1:8000
	$(BIN)/plansite serve

schema: $(STAMP)          ## regenerate the JSON Schemas (plans/plan.schema.json, content/schema/) from the model
	$(BIN)/plansite schema

bench-search: $(STAMP)    ## search hit rate of tests/search_queries.yaml, with and without content/dictionary.txt
	$(BIN)/python -m generator.bench_search

bench: $(STAMP)           ## build synthetic corpora of 10, 100, 1,000 plans and print the figures (BENCH="--sizes 10,…,10000")
	$(BIN)/python -m generator.bench $(BENCH)

bench-import: $(STAMP)    ## import texts of 1,000 to 5,000 lines and print the time a line takes (BENCH="--lines …")
	$(BIN)/python -m generator.bench.importscale $(BENCH)

clean:
	rm -rf docs site .pytest_cache .plansite-cache .plansite-state.json
