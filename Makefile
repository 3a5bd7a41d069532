# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install eval bench clean chromium

$(STAMP): pyproject.toml requirements.lock.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q "pip==26.3" "setuptools==80.9.0" "wheel==0.45.1"
	$(BIN)/python -m pip install -q -r requirements.lock.txt
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/tieline extract examples/ --format table; test $$? -le 1
	$(BIN)/tieline ingest examples/ --db demo.duckdb --quiet; test $$? -le 1
	@echo "The examples are in demo.duckdb. Serve the API and dashboard with:"
	@echo "  $(BIN)/tieline serve --db demo.duckdb    # then open http://127.0.0.1:8000/"

# Headless Chromium for the dashboard's end-to-end tests (Debian's package, as root).
chromium:
	@test -x /usr/bin/chromium || { if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y chromium; \
	  else sudo -n sh -c 'apt-get update && apt-get install -y chromium'; fi; }

test: $(STAMP) chromium
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/tieline evaluate --gold ../shared/eval/dev.jsonl

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py

clean:
	rm -rf $(VENV) build *.egg-info
