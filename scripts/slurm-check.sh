#!/usr/bin/env bash
# Runs a batch on a real single-node Slurm cluster and checks that the merged shards are the same
# bytes as a one-machine run (docs/BATCH.md, "On Slurm").
#
#   scripts/slurm-check.sh [MANIFEST] [TASKS]     (default: Scenarios/batch/case-studies.yaml, 4)
#
# Installs Debian's slurm-wlm and munge when missing (needs root, as on CI), writes a one-node
# slurm.conf for this host, starts munged, slurmctld and slurmd, submits a TASKS-task job array
# (`sbatch --array=0-(TASKS-1) --wait`) whose tasks each run `braid batch MANIFEST` (each reads its
# shard from SLURM_ARRAY_TASK_ID), merges them with `braid merge`, runs the same manifest on this
# machine alone, and compares every file. Exit 0 when they are the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=$(realpath "${1:-Scenarios/batch/case-studies.yaml}")
tasks=${2:-4}
braid=$(realpath .build/release/braid 2>/dev/null || true)
if [ ! -x "$braid" ]; then swift build -c release >/dev/null; braid=$(realpath .build/release/braid); fi

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq slurm-wlm munge >/dev/null
fi

host=$(hostname -s)
cpus=$(nproc)
memory=$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)
conf=/etc/slurm/slurm.conf
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge
cat > "$conf" <<CONF
# One-node cluster for scripts/slurm-check.sh (Braid).
ClusterName=braid-check
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=batch Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
# (cgroup.conf: none needed with proctrack/linuxproc and task/none.)

if [ ! -s /etc/munge/munge.key ]; then
    if command -v mungekey >/dev/null; then mungekey --create --force; else create-munge-key -f; fi
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
pgrep -x munged >/dev/null || su -s /bin/sh munge -c "/usr/sbin/munged" || /usr/sbin/munged --force
pkill -x slurmctld 2>/dev/null || true
pkill -x slurmd 2>/dev/null || true
sleep 1
slurmctld -c
slurmd
for _ in $(seq 1 30); do
    if sinfo -h -o "%T" 2>/dev/null | grep -qE "idle|mixed"; then break; fi
    sleep 1
done
sinfo

work=$(mktemp -d /tmp/braid-slurm.XXXXXX)
sharded="$work/sharded"
one="$work/one"
echo "submitting a $tasks-task job array"
sbatch --wait --array="0-$((tasks - 1))" --cpus-per-task=1 --output="$work/task-%a.log" \
    --chdir="$work" --wrap "$braid batch $manifest --out $sharded"
for log in "$work"/task-*.log; do echo "--- $log"; cat "$log"; done
"$braid" merge "$manifest" --out "$sharded"
"$braid" batch "$manifest" --out "$one"
if diff -r --exclude=shards "$one" "$sharded"; then
    echo "slurm-check: the merged $tasks shards are the same bytes as one machine's run ($work)"
else
    echo "slurm-check: the merged shards differ from one machine's run ($work)" >&2
    exit 1
fi
