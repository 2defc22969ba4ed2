#!/bin/bash
# A one-node Slurm cluster on 127.0.0.1, for the tests (SlurmClusterTests).
#
#   cluster.sh start DIR   start munged, slurmctld and slurmd with every file in DIR
#                          (config, keys, sockets, state, logs, pid files); waits until
#                          the node is idle; prints the SLURM_CONF to use
#   cluster.sh stop DIR    cancel this cluster's jobs, stop its daemons by the PIDs in
#                          DIR's pid files, and end job processes left behind; safe to
#                          run twice, or after a start that failed half-way
#
# Needs root and the packages slurmctld, slurmd, slurm-client and munge (`make
# slurm-deps` installs them). ../../../shared/SLURM-NOTES.md says why each setting is
# what it is. Nothing is ever killed by name: only PIDs read from DIR's pid files
# whose command line names DIR, and processes whose environment names DIR's slurm.conf.
set -eu

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$(cd "$2" 2>/dev/null && pwd) || { echo "cluster.sh: $2: no such folder" >&2; exit 2; }
conf=$dir/slurm.conf

# Ports in use (listening, IPv4 or IPv6), from /proc: no dependency on ss or netstat.
ports_in_use() {
    local hex
    for hex in $(cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk 'NR > 1 && $4 == "0A" { n = split($2, a, ":"); print a[n] }'); do
        printf '%d\n' "0x$hex"
    done | sort -un
}

# The first free pair of consecutive ports from a start that depends on DIR's name, so
# clusters started at once (parallel CI jobs) rarely try the same pair.
free_port_pair() {
    local used port tries=0
    used=$(ports_in_use)
    port=$(( 20000 + $(printf '%s' "$dir" | cksum | cut -d' ' -f1) % 20000 ))
    while [ $tries -lt 2000 ]; do
        if ! grep -qx "$port" <<<"$used" && ! grep -qx "$((port + 1))" <<<"$used"; then echo "$port"; return; fi
        port=$((port + 2)); tries=$((tries + 1))
    done
    echo "cluster.sh: no free pair of ports" >&2; exit 1
}

# PID from a pid file, if that process is alive and its command line names DIR (PIDs wrap).
owned_pid() {
    local file=$1 pid
    [ -s "$file" ] || return 1
    pid=$(tr -dc 0-9 <"$file")
    [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$dir" || return 1
    echo "$pid"
}

# Whether PID is gone (or a zombie: PID 1 here reaps slowly).
gone() {
    local state
    state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 0
    [ -z "$state" ] || [ "$state" = Z ]
}

stop_pid() {
    local pid=$1 i
    kill -TERM "$pid" 2>/dev/null || return 0
    for i in $(seq 1 100); do gone "$pid" && return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do gone "$pid" && return 0; sleep 0.1; done
}

stop() {
    if [ -f "$conf" ] && pid=$(owned_pid "$dir/slurmctld.pid"); then
        # Cancel jobs first, so slurmd takes their steps down.
        jobs=$(SLURM_CONF=$conf timeout 10 squeue -h -o %i 2>/dev/null || true)
        [ -z "$jobs" ] || SLURM_CONF=$conf timeout 10 scancel $jobs 2>/dev/null || true
    fi
    for name in slurmd slurmctld munged; do
        if pid=$(owned_pid "$dir/$name.pid"); then stop_pid "$pid"; fi
    done
    # slurmstepd and job processes outlive a killed slurmd: end those whose environment
    # names this cluster's slurm.conf (never this script or its parents).
    for environ in /proc/[0-9]*/environ; do
        pid=${environ#/proc/}; pid=${pid%/environ}
        [ "$pid" != $$ ] && [ "$pid" != "$PPID" ] || continue
        if { tr '\0' '\n' <"$environ" | grep -qxF "SLURM_CONF=$conf"; } 2>/dev/null; then stop_pid "$pid"; fi
    done
    return 0
}

start() {
    # Descriptors inherited from the caller (a test runner's pipes) would be held open
    # by the daemons for their whole life, and a caller reading to end of file would
    # wait for them: close everything above stderr.
    local fd
    for fd in $(ls /proc/$$/fd); do
        [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null || true
    done
    for tool in munged mungekey slurmctld slurmd sinfo; do
        command -v $tool >/dev/null || { echo "cluster.sh: $tool is missing; run 'make slurm-deps' (installs slurmctld slurmd slurm-client munge)" >&2; exit 1; }
    done
    [ "$(id -u)" = 0 ] || { echo "cluster.sh: needs root (slurmd runs jobs as their user)" >&2; exit 1; }
    socket=$dir/munge.sock
    [ ${#socket} -lt 100 ] || { echo "cluster.sh: $socket is too long for a socket path (108 bytes)" >&2; exit 1; }
    chmod 755 "$dir"   # munged refuses a folder others cannot search
    mkdir -p "$dir/state" "$dir/spool"
    trap 'stop' ERR

    mungekey -c -f -k "$dir/munge.key" 2>/dev/null || mungekey --create --force --keyfile="$dir/munge.key"
    chmod 600 "$dir/munge.key"
    munged --force --key-file="$dir/munge.key" --socket="$socket" --pid-file="$dir/munged.pid" \
           --log-file="$dir/munged.log" --seed-file="$dir/munged.seed" </dev/null >>"$dir/daemons.out" 2>&1

    host=$(hostname -s)
    node=$(slurmd -C | head -1 | sed 's/^NodeName=[^ ]* //')   # CPUs, sockets, cores, RealMemory as measured
    port=$(free_port_pair)
    cat >"$conf" <<CONF
ClusterName=emlabtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
MailProg=/bin/true
KillWait=10
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 $node State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
    # Daemons get no inherited stdout/stderr: a caller reading this script's output
    # through a pipe would otherwise wait for them to exit.
    slurmctld -f "$conf" </dev/null >>"$dir/daemons.out" 2>&1
    slurmd -f "$conf" -N "$host" </dev/null >>"$dir/daemons.out" 2>&1
    for i in $(seq 1 300); do
        state=$(SLURM_CONF=$conf sinfo -h -o %T 2>/dev/null || true)
        if [ "$state" = idle ]; then trap - ERR; echo "SLURM_CONF=$conf"; return 0; fi
        sleep 0.2
    done
    echo "cluster.sh: the node did not become idle within 60 s (state: ${state:-none}); see $dir/slurmctld.log and $dir/slurmd.log" >&2
    stop
    exit 1
}

case $action in
    start) start ;;
    stop) stop ;;
    *) usage ;;
esac
