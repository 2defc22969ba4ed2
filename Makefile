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

.PHONY: all deps test-deps slurm-deps python-deps python-test build release run test lint format clean

all: run

## deps: install GSL (libgsl-dev), pkg-config and gnuplot through apt when missing.
##       gnuplot must have the pngcairo and pdfcairo terminals (--plot FILE.png, FILE.pdf):
##       Debian's gnuplot-nox has them (cairo, no X); fonts-dejavu-core is the font their text is set in.
GNUPLOT_TERMINALS := gnuplot -e 'set terminal svg; set terminal pngcairo; set terminal pdfcairo' >/dev/null 2>&1
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists gsl || ! command -v gnuplot >/dev/null 2>&1 \
	    || ! $(GNUPLOT_TERMINALS) || [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then \
		echo "make: installing libgsl-dev, pkg-config, gnuplot-nox (svg, pngcairo, pdfcairo) and fonts-dejavu-core through apt-get"; \
		$(APT_GET) update -qq && $(APT_GET) install -y -qq --no-install-recommends libgsl-dev pkg-config gnuplot-nox fonts-dejavu-core; \
	fi
	@$(GNUPLOT_TERMINALS) || echo "make: warning: the gnuplot on PATH lacks the pngcairo or pdfcairo terminal, so --plot FILE.png/.pdf will fail (Debian's gnuplot-nox has both)"
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "make: no Swift toolchain on PATH (need Swift 6)"; exit 1; }

## slurm-deps: the Slurm daemons, clients and munge that the cluster test
##             (Tests/Slurm/cluster.sh) starts on 127.0.0.1, through apt when missing
slurm-deps:
	@if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 || ! command -v sbatch >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then \
		echo "make: installing slurmctld, slurmd, slurm-client and munge through apt-get"; \
		$(APT_GET) update -qq && $(APT_GET) -oDPkg::Lock::Timeout=900 install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge; \
	fi

## python-deps: what the Python package's tests need (python/), from Debian's
##              packages for Debian's own python3 (a pyenv python3 on PATH is not
##              the one they install into): numpy, pandas, pytest, scikit-learn
##              (the reference the tests compare with; Debian's 1.2.1 works) and
##              nbclient with ipykernel (the notebook is executed); quick when present.
PYTHON       ?= /usr/bin/python3
PYTHON_MODULES := numpy, pandas, pytest, sklearn, nbclient, nbformat, ipykernel
PYTHON_DEPS := $(PYTHON) -c 'import $(PYTHON_MODULES)' >/dev/null 2>&1 || { \
		echo "make: installing python3-numpy, python3-pandas, python3-pytest, python3-sklearn, python3-nbclient, python3-ipykernel through apt-get"; \
		$(APT_GET) -oDPkg::Lock::Timeout=900 update -qq && $(APT_GET) -oDPkg::Lock::Timeout=900 install -y -qq --no-install-recommends \
			python3 python3-numpy python3-pandas python3-pytest python3-sklearn python3-nbclient python3-nbformat python3-ipykernel; }
python-deps:
	@$(PYTHON_DEPS)

## python-test: the Python package's tests (python/tests) and the notebook
##              (docs/notebooks), against the release build's emlab.
PYTHON_TEST := PYTHONDONTWRITEBYTECODE=1 EMLAB_BIN=$(CURDIR)/$(EMLAB) PYTHONPATH=$(CURDIR)/python $(PYTHON) -m pytest -q -p no:cacheprovider python/tests
python-test: python-deps
	$(PYTHON_TEST)

build: deps
	$(SWIFT) build

## One build for `make run` and `make test`: release, with testing enabled
## (the test suite imports the library @testable), so whichever runs second
## finds the first's products and builds only what it lacks. No CPU flags:
## the E-step kernels are compiled for several x86-64 levels and the CPU's
## highest is chosen at run time (Sources/CEMKernels), so this binary runs on
## any x86-64, is fast wherever the CPU has FMA, and computes the same bits
## everywhere. A user's `swift build -c release` (without testing) gives the
## same numbers; its speed is checked by Tests/DependentPackage.
BUILD_FLAGS := -c release -Xswiftc -enable-testing

## release: the command-line tool, built as above.
release: deps
	$(SWIFT) build $(BUILD_FLAGS) --product emlab

## run: the main job — the four documents replayed as written and corrected
##      (Experiments/documents.toml → Results/documents/, a few minutes on 2 cores)
run: release
	$(EMLAB) run Experiments/documents.toml --overwrite

## test-deps: headless Chromium (Debian's chromium) for the browser tests of the
##            report page and the EM animation, through apt when missing
test-deps: deps
	@command -v chromium >/dev/null 2>&1 || { \
		echo "make: installing chromium (headless browser tests) through apt-get"; \
		$(APT_GET) -oDPkg::Lock::Timeout=900 update -qq && $(APT_GET) -oDPkg::Lock::Timeout=900 install -y -qq --no-install-recommends chromium; }

## test: the code's format (lint), then the whole test suite (Swift Testing),
## built as above (the kernels and studies the tests run are 10-50x slower
## unoptimised). On a machine that lacks them, the test tools (Chromium, Slurm,
## the Python packages: test-deps, slurm-deps, python-deps) install through apt
## while the build compiles, since the build needs only GSL, at the lowest
## priority (nice 19), so that apt takes the core the build leaves idle (its
## whole-module phases use one) rather than slowing the build: a fresh machine
## waits for the slower of the two, not both. The suite then runs as two
## processes at once (the second with --ignore-lock: both only read the build):
## DocumentedCommandsTests, whose commands run one after another for about a
## minute, from the start, and every other suite beside it; in one process
## the pool started that suite last and it ended the run alone. Beside both, a
## throw-away package that depends on EMLab by version and fits something with
## it, built in debug (Tests/DependentPackage; its release speed is a
## benchmark: Benchmarks/builds.sh). Their outputs follow the suite's; last,
## the Python package's tests and its notebook (python-test) on the same release emlab.
TEST_TOOLS := nice -n 19 $(MAKE) --no-print-directory test-deps slurm-deps python-deps
SWIFT_TEST := $(SWIFT) test -c release --skip-build
FIRST_SUITE := DocumentedCommandsTests   # the suite that runs in its own process, from the start
test: deps lint
	@tools_log="$$(mktemp /tmp/emlab-test-tools.XXXXXX)"; \
	{ $(TEST_TOOLS); } >"$$tools_log" 2>&1 & tools=$$!; \
	echo "$(SWIFT) build $(BUILD_FLAGS) --build-tests"; \
	status=0; $(SWIFT) build $(BUILD_FLAGS) --build-tests || status=$$?; \
	wait $$tools || { echo "make: installing the test tools failed:"; status=1; }; \
	cat "$$tools_log"; rm -f "$$tools_log"; exit $$status
	@dependent_log="$$(mktemp /tmp/emlab-dependent.XXXXXX)"; documented_log="$$(mktemp /tmp/emlab-documented.XXXXXX)"; \
	Tests/DependentPackage/check.sh >"$$dependent_log" 2>&1 & dependent=$$!; \
	$(SWIFT_TEST) --ignore-lock --filter $(FIRST_SUITE) >"$$documented_log" 2>&1 & documented=$$!; \
	echo "$(SWIFT_TEST) --skip $(FIRST_SUITE) (and --filter $(FIRST_SUITE) beside it)"; \
	status=0; $(SWIFT_TEST) --skip $(FIRST_SUITE) || status=$$?; \
	documented_status=0; wait $$documented || documented_status=$$?; \
	echo "$(SWIFT_TEST) --filter $(FIRST_SUITE)"; cat "$$documented_log"; rm -f "$$documented_log"; \
	if [ $$documented_status -ne 0 ]; then echo "make: $(FIRST_SUITE) failed (status $$documented_status)"; status=1; fi; \
	dependent_status=0; wait $$dependent || dependent_status=$$?; \
	cat "$$dependent_log"; rm -f "$$dependent_log"; \
	if [ $$dependent_status -ne 0 ]; then echo "make: the dependent-package check failed (status $$dependent_status)"; status=1; fi; \
	echo "$(PYTHON_TEST)"; $(PYTHON_TEST) || status=1; \
	exit $$status

## lint: the code passes swift-format with .swift-format (`make format` fixes what it can).
lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

## format: rewrite the code in place as .swift-format says.
format:
	$(SWIFT) format format --in-place --recursive Package.swift Sources Tests

# The Slurm cluster test and the browser tests run under `make test` (and fail
# there, rather than skipping, when Slurm or Chromium is missing).
test: export EMLAB_REQUIRE_SLURM = 1
test: export EMLAB_REQUIRE_BROWSER = 1

clean:
	rm -rf .build
