# One-command entry points. `make run` sets up and runs the main job; `make test` sets up and runs
# every check. Setup installs the CPU build of torch first (pinned), so pip never pulls CUDA.
VENV   ?= .venv
PYTHON ?= python3
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
Q      ?= What was agreed?

.PHONY: setup run ask test lint format bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# With a Discord token (environment or .env) run the bot; without one, answer $(Q) from the CLI.
run: setup
	@if [ -n "$$DISCORD_TOKEN" ] || grep -qsE '^DISCORD_TOKEN=.+' .env; then \
		$(PY) -m bot; \
	else \
		echo "No DISCORD_TOKEN set: answering from the CLI harness (python -m retrieval)." >&2; \
		$(PY) -m retrieval ask "$(Q)"; \
	fi

ask: setup
	$(PY) -m retrieval ask "$(Q)"

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: lint
	$(PY) -m pytest

bench: setup
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .cache .pytest_cache .ruff_cache .hypothesis
