# One entry point. `make lab` to teach or study, `make test` to check everything.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: lab test test-browser bench install validate lint format clean html test-hub

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[lab,test]"
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install namlib with everything the lessons and tests need

lab: $(STAMP)  ## open the lessons in JupyterLab
	$(VENV)/bin/jupyter lab notebooks/

validate: $(STAMP)  ## check the dataset
	$(PY) -m namlib validate

lint: $(STAMP)  ## ruff on code and notebooks
	$(VENV)/bin/ruff check namlib tests scripts notebooks

test: $(STAMP)  ## everything: lint, data validation, unit tests, doctests, notebooks (nbval), browser
	$(VENV)/bin/ruff check namlib tests scripts notebooks
	$(PY) -m namlib validate
	$(VENV)/bin/pytest

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

clean:
	rm -rf build .pytest_cache
