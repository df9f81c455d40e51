# Two commands set up everything on a fresh machine:
#   make run   renders every deliverable of the bundled samples into out/
#   make test  runs the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.docgen-installed

.PHONY: run test bench schema clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/docgen validate samples/*/project.yaml
	$(BIN)/docgen build samples/*/project.yaml -o out

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done

schema: $(STAMP)
	$(BIN)/docgen schema --out schemas
	$(BIN)/python -m docgen.reference

clean:
	rm -rf out build dist *.egg-info
