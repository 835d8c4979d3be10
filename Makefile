# Two commands do everything: `make site` builds the site, `make test` runs every test and check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test system-tools clean dist bench review-pack check-variants

# `make site CLINIC=path/to/clinic.yml` builds a copy branded for one clinic (docs/clinics.md).
site: $(READY)
	$(PY) -m scripts build $(if $(CLINIC),--clinic $(CLINIC))

serve: $(READY)
	$(PY) -m scripts serve

# Two workers (pytest-xdist): whole test files each (their module fixtures start once), but the
# whole-site checks spread, the longest first (tests/conftest.py says how).
test: $(READY) system-tools
	$(PY) -m pytest -n 2 --dist loadgroup --no-loadscope-reorder

system-tools: $(READY)
	$(PY) -m scripts ensure-tools

# Any check alone, by its name in the one registry (scripts/checks/registry.py; `$(PY) -m scripts check
# --list`): check-links, check-a11y (every page; `make test` runs check-a11y-set), check-parity,
# check-review, check-release ... `make test` runs every check the registry marks for it. A check
# that reads the site builds it first; CLINIC=profile builds that clinic's copy, and check-release
# checks the project as that clinic's build makes it (docs/editing.md). check-release is not in
# `make test`: the repository is a template and fails it by design. check-external needs a network.
check-%: $(READY)
	$(PY) -m scripts check --build $(if $(CLINIC),--clinic $(CLINIC)) $*

# Per language, one document a clinician or translator reads and signs on paper (review-pack/).
review-pack: site
	$(PY) -m scripts review-pack

# Property tests over clinic variants (tests/test_variants.py): VARIANTS generated profiles, each built
# for real and checked in every language (`make test` builds 2). SEED=n replays a printed seed.
VARIANTS ?= 20
check-variants: $(READY) system-tools
	DIT_VARIANTS=$(VARIANTS) DIT_VARIANTS_SEED=$(SEED) $(PY) -m pytest -s tests/test_variants.py

# The virtual environment, with the pinned and hashed requirements; redone when they change.
$(READY): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

# Figures, not a test: page weight against out-of-the-box Material, build time, scaling and gate times
# (scripts/tools/bench.py, docs/performance.md). About 6 minutes.
bench: $(READY) system-tools
	$(PY) -m scripts.tools.bench

# The built site as one versioned archive, for web teams that cannot run Python.
dist: site
	$(PY) -m scripts dist

clean:
	rm -rf site .site-* .cache dist review-pack
