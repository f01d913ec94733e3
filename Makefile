# One entry point. `make lab` to teach or study, `make test` to check everything.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: lab test install validate lint format clean

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

test: $(STAMP)  ## everything: lint, data validation, unit tests, doctests, notebooks (nbval)
	$(VENV)/bin/ruff check namlib tests scripts notebooks
	$(PY) -m namlib validate
	$(VENV)/bin/pytest

clean:
	rm -rf build .pytest_cache
