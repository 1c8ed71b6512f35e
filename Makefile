# Two commands do everything on a fresh machine:
#   make run    set up, then plan the bundled calendar into SQLite and show what is due
#   make test   set up, then run the tests
.PHONY: run test lint setup install-check bench

run:
	scripts/run.sh

test:
	scripts/test.sh

lint:
	scripts/lint.sh

setup:
	scripts/setup.sh dev

install-check:
	scripts/check-install.sh

bench:
	.venv/bin/python bench/plan.py
