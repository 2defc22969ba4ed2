# EMLab — the two commands a newcomer needs:
#   make run    install what is missing, build (release), run the main job
#   make test   install what is missing, build, run the test suite
#
# Installing needs root (or sudo) and Debian's apt; each step runs only when
# its tool or library is missing, so a machine that has everything is untouched.

SWIFT      ?= swift
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_GET    := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get
EMLAB      := .build/release/emlab

.PHONY: all deps build release run test clean

all: run

## deps: install GSL (libgsl-dev), pkg-config and gnuplot through apt when missing
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists gsl || ! command -v gnuplot >/dev/null 2>&1; then \
		echo "make: installing libgsl-dev, pkg-config and gnuplot through apt-get"; \
		$(APT_GET) update -qq && $(APT_GET) install -y -qq --no-install-recommends libgsl-dev pkg-config gnuplot-nox; \
	fi
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "make: no Swift toolchain on PATH (need Swift 6)"; exit 1; }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## run: the main job — the four documents replayed as written and corrected
##      (Experiments/documents.toml → Results/documents/, a few minutes on 2 cores)
run: release
	$(EMLAB) run Experiments/documents.toml --overwrite

## test: the whole test suite (Swift Testing)
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build
