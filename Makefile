# Braid — the two commands a newcomer runs:
#   make run    installs GLPK if missing, builds, and runs braid on the default scenario
#   make test   installs GLPK if missing and runs the whole test suite
.PHONY: deps build run test release lint format

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

# House style: swift-format (.swift-format at the root) and no file over 400 lines or function
# over 80 without its reason (scripts/long-functions.py).
lint:
	swift format lint --strict --recursive --parallel Sources Tests Package.swift
	./scripts/long-functions.py --check

format:
	swift format --in-place --recursive --parallel Sources Tests Package.swift
