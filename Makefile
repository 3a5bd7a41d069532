# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install eval bench clean

$(STAMP): pyproject.toml requirements.lock.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q "pip==26.3" "setuptools==80.9.0" "wheel==0.45.1"
	$(BIN)/python -m pip install -q -r requirements.lock.txt
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/tieline extract examples/ --format table; test $$? -le 1

test: $(STAMP)
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/tieline evaluate --gold ../shared/eval/dev.jsonl

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py

clean:
	rm -rf $(VENV) build *.egg-info
