# The site's commands. `make serve` and `make test` are the two in the README; both set up
# what they need on a fresh machine (a virtualenv in .venv from requirements-docs.txt).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve build test verify bench system-packages

$(VENV)/.installed: requirements-docs.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements-docs.txt
	touch $@

setup: $(VENV)/.installed

# Build the site and serve it on http://127.0.0.1:8000/site/ (the path of site_url) with live reload.
serve: setup
	$(BIN)/python -m sitegen sync
	$(BIN)/python -m mkdocs serve --strict --dev-addr 127.0.0.1:8000

# Build the static site into site/.
build: setup
	$(BIN)/python -m sitegen sync
	$(BIN)/python -m mkdocs build --strict

# The whole test suite, with the real servers and browser it needs.
test: setup system-packages
	$(BIN)/python -m pytest

# Re-run every snippet, rewrite its formatting and `#>` output, and record its verification.
verify: setup
	$(BIN)/python -m pytest tests/test_snippets.py --update-examples
	# After formatting, since the test modules' outputs show line numbers.
	$(BIN)/python -m pytest tests/test_pytest_snippets.py --update-examples

# Re-measure every figure the site states (writes benchmarks/results.json).
bench: setup
	$(BIN)/python -m benchmarks
	$(BIN)/python -m sitegen sync  # llms-full.txt quotes the figures

system-packages:
	bash .ci/install-system-packages
