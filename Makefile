# Braid — the two commands a newcomer runs:
#   make run    installs GLPK if missing, builds, and runs braid on the default scenario
#   make test   installs GLPK if missing and runs the whole test suite
.PHONY: deps build run test release

deps:
	@./scripts/install-deps.sh

build: deps
	swift build

run: build
	swift run braid run

test: deps
	swift test

release: deps
	swift build -c release
