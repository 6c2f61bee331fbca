# peaceops: every target sets up what it needs on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# The published data beside the repository, when it is there (a set variable naming a missing
# folder is an error in peaceops, so it is only set when the folder exists).
ifneq ($(wildcard ../shared/data),)
export PEACEOPS_SHARED_DATA ?= $(abspath ../shared/data)
endif
DEMO_DIR ?= demo-workspace

.PHONY: install sysdeps demo test lint typecheck unit bench serve clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# System libraries: Pango for WeasyPrint (PDF), poppler-utils (pdftoppm) to check PDF pages,
# Debian's Chromium for the browser test. Installed only when missing (needs root, as CI is).
sysdeps:
	@missing=""; \
	ldconfig -p | grep -q libpango-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

demo: $(STAMP) sysdeps
	$(BIN)/peaceops demo $(DEMO_DIR)
	@echo
	@echo "To run peaceops yourself: 'source $(VENV)/bin/activate' (then 'peaceops --help'),"
	@echo "or '$(BIN)/peaceops ...'; 'make serve' opens the dashboard on http://127.0.0.1:8000."

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) sysdeps
	$(BIN)/pytest -q

test: lint typecheck unit

bench: $(STAMP)
	$(BIN)/python bench/run.py

serve: $(STAMP)
	$(BIN)/peaceops serve --workspace $(DEMO_DIR)

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache .mypy_cache .ruff_cache
