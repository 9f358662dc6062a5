# Two commands on a fresh machine (see README): `make demo` and `make test`.
# Each creates .venv itself; nothing needs installing by hand.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# The HTML report is tested in a real browser: Debian's Chromium, installed when missing.
CHROMIUM := /usr/bin/chromium

.PHONY: demo test lint bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(VENV)/.installed
	$(VENV)/bin/cleanse explain samples/*/input.txt

$(CHROMIUM):
	@if command -v chromium >/dev/null 2>&1; then exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	  echo "make test: the report test needs Chromium; install it and put 'chromium' on PATH" >&2; \
	  exit 1; \
	fi; \
	SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	$$SUDO apt-get update && \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium

test: $(VENV)/.installed $(CHROMIUM)
	$(PY) -m pytest
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy

bench: $(VENV)/.installed
	$(PY) benchmarks/bench.py
