# One entry point. `make lab` to teach or study, `make test` to check everything.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Python 3.11 or newer, as pyproject.toml requires: checked before a venv is built, and a venv
# left by an older Python (a first `make` that failed) is rebuilt rather than reused.
NEW_ENOUGH := -c 'import sys; sys.exit(sys.version_info < (3, 11))'
# JupyterLab refuses to start as root (containers, cloud workspaces) unless told it may.
LAB_ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test test-browser test-nbgrader bench install validate lint format clean distclean html test-hub teacher

$(STAMP): pyproject.toml lab-settings/overrides.json
	@$(PYTHON) $(NEW_ENOUGH) || { echo "namlib needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version 2>&1). Run: make PYTHON=python3.11 (or any newer python)" >&2; exit 1; }
	@if [ -x $(PY) ] && ! $(PY) $(NEW_ENOUGH); then echo "$(VENV) was built by $$($(PY) --version 2>&1): rebuilding it with $(PYTHON)"; rm -rf $(VENV); fi
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[lab,test]"
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp lab-settings/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install namlib with everything the lessons and tests need

lab: $(STAMP)  ## open the lessons in JupyterLab
	$(VENV)/bin/jupyter lab $(LAB_ROOT_FLAG) notebooks/

teacher: $(STAMP)  ## the teacher's editions and answer key as offline HTML with an index (build/teacher/index.html)
	$(PY) -m namlib exercises teacher --out build/teacher

validate: $(STAMP)  ## check the dataset
	$(PY) -m namlib validate

CODE := namlib tests scripts notebooks

lint: $(STAMP)  ## ruff (lint and format check) on code and notebooks, mypy on namlib
	$(VENV)/bin/ruff check $(CODE)
	$(VENV)/bin/ruff format --check $(CODE)
	$(VENV)/bin/mypy

format: $(STAMP)  ## rewrite code and notebooks in the project's format (ruff format), fix what ruff can
	$(VENV)/bin/ruff check --fix $(CODE)
	$(VENV)/bin/ruff format $(CODE)

test: $(STAMP) lint  ## everything: lint, data validation, unit tests, doctests, notebooks (nbval), browser, nbgrader
	$(PY) -m namlib validate
	$(VENV)/bin/pytest
	$(MAKE) test-nbgrader

# nbgrader gets an environment of its own (build/nbgrader-env/venv), pinned to the versions in .venv:
# installed in .venv it would add its menus and server extensions to the JupyterLab students open.
NBGRADER_DIR := build/nbgrader-env
NBGRADER_PY := $(NBGRADER_DIR)/venv/bin/python

$(NBGRADER_DIR)/venv/.installed: pyproject.toml $(STAMP)
	rm -rf $(NBGRADER_DIR)/venv
	$(PYTHON) -m venv $(NBGRADER_DIR)/venv
	$(VENV)/bin/pip freeze --exclude-editable > $(NBGRADER_DIR)/constraints.txt
	$(NBGRADER_PY) -m pip install --quiet --upgrade pip
	$(NBGRADER_PY) -m pip install --quiet -c $(NBGRADER_DIR)/constraints.txt -e ".[test,nbgrader]"
	touch $@

test-nbgrader: $(NBGRADER_DIR)/venv/.installed  ## the lessons' nbgrader source versions through the real nbgrader (own venv)
	NAM_REQUIRE_NBGRADER=1 $(NBGRADER_PY) -m pytest -o addopts="-p no:cacheprovider -rs" tests/test_nbgrader.py

test-browser: $(STAMP)  ## only the lessons in JupyterLab in Chromium (needs /usr/bin/chromium; screenshots in build/)
	$(VENV)/bin/pytest -m browser tests/browser

bench: $(STAMP)  ## time a kernel, each lesson, table loading and make test; writes docs/benchmarks.md
	$(PY) scripts/bench.py $(BENCH_ARGS)

html: $(STAMP)  ## the lessons as static HTML handouts in build/html (stored outputs, nothing re-run; open index.html)
	$(PY) scripts/export_html.py --out build/html

# Opt-in multi-user check (docs/hub.md): JupyterHub on 127.0.0.1 with two system users running
# lesson 00. Needs root (it creates and removes the users namhub-ana and namhub-ben), npm and git.
# The hub gets its own environment, built from a Python every user may run (the one behind
# .venv may sit in a private folder such as /root).
HUB_DIR := build/hub
HUB_PYTHON ?= /usr/bin/python3
HUB_PROXY := $(HUB_DIR)/proxy/node_modules/.bin/configurable-http-proxy

$(HUB_DIR)/venv/.installed: pyproject.toml
	test -x $(HUB_DIR)/venv/bin/python || $(HUB_PYTHON) -m venv $(HUB_DIR)/venv
	$(HUB_DIR)/venv/bin/python -m pip install --quiet --upgrade pip
	$(HUB_DIR)/venv/bin/python -m pip install --quiet "jupyterhub>=5" "nbgitpuller>=1.2" -e ".[lab]" "ipykernel>=6.29"
	touch $@

$(HUB_PROXY):
	npm install --silent --no-audit --no-fund --prefix $(HUB_DIR)/proxy configurable-http-proxy@5

test-hub: $(STAMP) $(HUB_DIR)/venv/.installed $(HUB_PROXY)  ## opt-in: two students run lesson 00 on a local JupyterHub (root; docs/hub.md)
	NAMLIB_HUB_TEST=1 NAM_HUB_VENV=$(HUB_DIR)/venv NAM_HUB_PROXY=$(HUB_PROXY) \
		$(VENV)/bin/pytest -o addopts="-p no:cacheprovider" -v -rA tests/hub/test_hub.py

clean:  ## remove what the tests and exports wrote (build/, caches)
	rm -rf build .pytest_cache

distclean: clean  ## also remove the virtual environment (.venv); the next make builds it again
	rm -rf $(VENV)
