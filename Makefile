# The site's commands. `make serve` and `make test` are the two in the README; both set up what
# they need on a fresh machine (a virtualenv in .venv from requirements-docs.txt, with the site's
# build package `sitegen` installed editable, so every entry point works from the virtualenv).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve build test test-latest load-check sync verify bench check-claims lint typecheck system-packages pythons

$(VENV)/.installed: requirements-docs.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements-docs.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps -e .
	touch $@

setup: $(VENV)/.installed

# Build the site and serve it on http://127.0.0.1:8000/site/ (the path of site_url) with live reload.
serve: sync
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# Build the static site into site/.
build: sync
	$(BIN)/mkdocs build --strict

# The whole test suite, with the real servers and browser it needs.
test: setup system-packages pythons
	$(BIN)/python -m pytest

# Regenerate every generated file: re-verify the snippets whose source changed (their records and
# `#>` output), then the nav in mkdocs.yml, llms.txt, llms-full.txt and the README's speed table.
sync: setup
	@stale="$$($(BIN)/python -m sitegen stale)"; \
	if [ -n "$$stale" ]; then $(MAKE) --no-print-directory verify SNIPPET="$$stale"; fi
	$(BIN)/python -m sitegen sync

# Re-run snippets, rewrite their formatting and `#>` output, and record their verification:
# all of them, or those named by SNIPPET (paths, space-separated). A record's date changes only
# when what it records changes.
verify: setup pythons
	$(BIN)/python -m pytest -n auto tests/test_snippets.py --update-examples $(foreach s,$(SNIPPET),--snippet-path=$(s))
	# After formatting (the test modules' outputs show line numbers): the test modules, the proofs, and the
	# runs on Python 3.12 (clean virtualenvs from the install lines), 3.13 and 3.14, and in the browser (Pyodide).
	# Exit status 5 is "no tests collected": the named snippets include no test module and no proof.
	$(BIN)/python -m pytest -n auto tests/test_pytest_snippets.py tests/test_install_lines.py \
	  tests/test_python_versions.py tests/test_run_in_browser.py --update-examples $(foreach s,$(SNIPPET),--snippet-path=$(s)) \
	  || [ $$? -eq 5 ]
	# Last, the proofs: a mutation's output is compared with each version's record, written just above.
	$(BIN)/python -m pytest -n auto tests/test_proofs.py --update-examples $(foreach s,$(SNIPPET),--snippet-path=$(s)) \
	  || [ $$? -eq 5 ]

# Every timing-dependent snippet (or those named by SNIPPET), 20 runs in a row with every core kept busy,
# each printing its recorded output; recorded in canary/load-runs.json, which the suite requires for the
# current source of each such snippet. About half an hour for all of them.
load-check: setup
	$(BIN)/python -m pytest -n 0 -p no:randomly tests/load_check.py $(foreach s,$(SNIPPET),--snippet-path=$(s))

# Re-measure every figure the site states (benchmarks/results/), or those named: make bench NAME=async_gather
bench: setup
	$(BIN)/python -m benchmarks $(NAME)
	$(BIN)/python -m sitegen sync  # llms-full.txt and the README quote the figures

# The canary: every snippet with the newest releases of the libraries it imports, in .venvs/latest
# (Python 3.14), recorded in canary/latest-releases.json (the pages say where they pass). Never part
# of `make test`: the registries change daily. Then `make sync` shows the result on the pages.
test-latest: setup pythons
	bash .ci/make-venvs latest
	$(BIN)/python -m pytest tests/canary_latest.py -p no:randomly

# Re-measure every benchmark cheaply (its quick_repetitions, nothing recorded) and check the claims its
# page makes: the claims on this machine now, without the full `make bench`.
check-claims: setup
	for name in $$($(BIN)/python -c 'from benchmarks.__main__ import discover, load; print(*[n for n in discover() if load(n).checked_in_suite])'); do \
	  echo "$$name"; $(BIN)/python -W error -m benchmarks --quick "$$name" || exit 1; \
	done

lint: setup
	$(BIN)/ruff check sitegen benchmarks tests
	$(BIN)/ruff format --check sitegen benchmarks tests

typecheck: setup
	$(BIN)/mypy

# Python 3.12, 3.13 and 3.14 beside the suite's 3.11, each with a virtualenv of the pinned
# requirements in .venvs/<version>/ (about 3 minutes on a fresh machine; nothing when up to date).
pythons:
	bash .ci/make-venvs

system-packages:
	bash .ci/install-system-packages
