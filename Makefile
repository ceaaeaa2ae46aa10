# Braid — the two commands a newcomer runs:
#   make run    installs GLPK if missing, builds, and runs braid on the default scenario
#   make test   installs GLPK if missing and runs the whole test suite (Swift, then the
#               workbench in a real browser)
.PHONY: deps build run test browser-test slurm-check release lint format install uninstall

deps:
	@./scripts/install-deps.sh

build: deps
	swift build

run: build
	swift run braid run

test: deps
	swift test
	$(MAKE) browser-test

# The workbench (`braid serve`) in headless Chromium through chromedriver (Selenium); screenshots
# and a printed PDF land in .build/browser-screenshots.
browser-test: deps
	./scripts/install-browser-deps.sh
	swift build
	python3 Tests/Browser/workbench_test.py

# `braid batch` as a 4-task job array on a real one-node Slurm cluster (installs slurm-wlm and
# munge; needs root), its merged shards compared with a one-machine run (docs/BATCH.md).
slurm-check: release
	./scripts/slurm-check.sh

release: deps
	swift build -c release

# House style: swift-format (.swift-format at the root) and no file over 400 lines or function
# over 80 without its reason (scripts/long-functions.py).
lint:
	swift format lint --strict --recursive --parallel Sources Tests Package.swift
	./scripts/long-functions.py --check

format:
	swift format --in-place --recursive --parallel Sources Tests Package.swift

# Installs braid with its policies and shipped scenarios: PREFIX/bin/braid, and
# PREFIX/share/braid/{Policies,Scenarios}, where an installed braid finds them by itself. The
# Swift runtime is linked in (--static-swift-stdlib), so only GLPK (libglpk) is needed to run it.
PREFIX ?= /usr/local
install: deps
	swift build -c release --static-swift-stdlib --scratch-path .build-install
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/braid"
	install -m 755 .build-install/release/braid "$(DESTDIR)$(PREFIX)/bin/braid"
	rm -rf "$(DESTDIR)$(PREFIX)/share/braid/Policies" "$(DESTDIR)$(PREFIX)/share/braid/Scenarios"
	cp -R Policies Scenarios "$(DESTDIR)$(PREFIX)/share/braid/"
	@echo "installed $(PREFIX)/bin/braid; try: braid run, or braid init my-partnership"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/braid"
	rm -rf "$(DESTDIR)$(PREFIX)/share/braid"
