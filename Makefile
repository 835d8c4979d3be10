# Two commands do everything: `make site` builds the site, `make test` runs every test and check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test browser clean

site: $(READY)
	$(PY) -m scripts build

serve: $(READY)
	$(PY) -m scripts serve

test: $(READY) browser
	$(PY) -m pytest

browser: $(READY)
	$(PY) -m scripts ensure-browser

# The virtual environment, with the pinned and hashed requirements; redone when they change.
$(READY): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

clean:
	rm -rf site .site-* .cache
