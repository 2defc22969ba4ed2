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

.PHONY: all deps slurm-deps build release run test clean

all: run

## deps: install GSL (libgsl-dev), pkg-config and gnuplot through apt when missing
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists gsl || ! command -v gnuplot >/dev/null 2>&1; then \
		echo "make: installing libgsl-dev, pkg-config and gnuplot through apt-get"; \
		$(APT_GET) update -qq && $(APT_GET) install -y -qq --no-install-recommends libgsl-dev pkg-config gnuplot-nox; \
	fi
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "make: no Swift toolchain on PATH (need Swift 6)"; exit 1; }

## slurm-deps: the Slurm daemons, clients and munge that the cluster test
##             (Tests/Slurm/cluster.sh) starts on 127.0.0.1, through apt when missing
slurm-deps:
	@if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 || ! command -v sbatch >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then \
		echo "make: installing slurmctld, slurmd, slurm-client and munge through apt-get"; \
		$(APT_GET) update -qq && $(APT_GET) -oDPkg::Lock::Timeout=900 install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge; \
	fi

build: deps
	$(SWIFT) build $(CPU_FLAGS)

## CPU_LEVEL: the x86-64 micro-architecture level release builds target, from
## /proc/cpuinfo: x86-64-v4 (AVX-512 F/BW/CD/DQ/VL on top of v3), x86-64-v3
## (AVX2, FMA, BMI1/2, F16C, LZCNT, MOVBE), else empty: Swift's default
## x86-64, which runs anywhere. The E-step kernel always uses fused
## multiply-adds, so every build computes the same bits and a study writes the
## same bytes on any machine; with a level they are instructions, without one
## libm calls — the kernel is ~2x (v3) / ~4x (v4) faster than at the default.
## The binary then needs a CPU of that level: `make release CPU_LEVEL=` builds
## the portable one, `CPU_LEVEL=x86-64-v3` a given level.
CPU_LEVEL ?= $(shell flags=$$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null); \
	v3=yes; for x in avx2 fma bmi1 bmi2 f16c abm movbe; do echo "$$flags" | grep -qw -- "$$x" || v3=; done; \
	v4=$$v3; for x in avx512f avx512bw avx512cd avx512dq avx512vl; do echo "$$flags" | grep -qw -- "$$x" || v4=; done; \
	if [ -n "$$v4" ]; then echo x86-64-v4; elif [ -n "$$v3" ]; then echo x86-64-v3; fi)

CPU_FLAGS  = $(if $(CPU_LEVEL),-Xswiftc -Xcc -Xswiftc -march=$(CPU_LEVEL))

release: deps
	$(SWIFT) build -c release $(CPU_FLAGS)

## run: the main job — the four documents replayed as written and corrected
##      (Experiments/documents.toml → Results/documents/, a few minutes on 2 cores)
run: release
	$(EMLAB) run Experiments/documents.toml --overwrite

## test: the whole test suite (Swift Testing)
test: deps
	$(SWIFT) build --build-tests $(CPU_FLAGS)
	$(SWIFT) test --skip-build

# The Slurm cluster test runs under `make test` (and fails there, rather than
# skipping, when Slurm is missing).
test: slurm-deps
test: export EMLAB_REQUIRE_SLURM = 1

clean:
	rm -rf .build
