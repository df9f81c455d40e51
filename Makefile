# Two commands set up everything on a fresh machine:
#   make run   renders every deliverable of the bundled samples into out/, and
#              their portfolio page out/index.html
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
	$(BIN)/docgen status samples/ --html out/index.html

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Rewrite tests/golden/*/expected after an intended change, then review `git diff tests/golden`.
.PHONY: golden
golden: $(STAMP)
	$(BIN)/python -m tests.golden.refresh

# The peers (Carbone 3, docxtemplater) come from npm when node is there; every script
# runs, and make fails when any of them missed a target.
bench: $(STAMP)
	if command -v npm >/dev/null; then cd benchmarks/peers && npm install --no-audit --no-fund --silent; fi
	status=0; for script in benchmarks/bench_*.py; do $(BIN)/python $$script || status=1; done; exit $$status

schema: $(STAMP)
	$(BIN)/docgen schema --out schemas
	$(BIN)/python -m docgen.reference

clean:
	rm -rf out build dist *.egg-info
