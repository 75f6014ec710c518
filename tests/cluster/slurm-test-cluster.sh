#!/usr/bin/env bash
# A throw-away single-node Slurm cluster for the cluster tests: this host is controller and
# only node, every file (munge key and socket, slurm.conf, state, spool, logs) lives in one
# folder, and the daemons run as root. Nothing under /etc or /run is touched, so it can run
# beside a real Slurm installation and leaves nothing behind when its folder is removed.
#
#   slurm-test-cluster.sh start DIR   start munged, slurmctld and slurmd; wait until the node
#                                     takes jobs; print the SLURM_CONF line to export
#   slurm-test-cluster.sh stop DIR    stop the three daemons of DIR
#
# Needs Debian's slurmctld, slurmd, slurm-client and munge (installer/install-deps.sh).
# Exit status 2 with one line on stderr when something is missing or does not come up, so a
# test can say why it could not start the cluster.
set -euo pipefail

die() { echo "slurm-test-cluster: $*" >&2; exit 2; }

[ $# -eq 2 ] || die "usage: $0 start|stop DIR"
command=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)

stop_pid() {
  local pidfile=$1
  [ -s "$pidfile" ] || return 0
  local pid
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

if [ "$command" = stop ]; then
  stop_pid "$dir/slurmd.pid"
  stop_pid "$dir/slurmctld.pid"
  stop_pid "$dir/munge/munged.pid"
  exit 0
fi
[ "$command" = start ] || die "unknown command $command (start or stop)"

for tool in munged mungekey slurmctld slurmd sinfo sbatch; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || die "$tool is not installed (run installer/install-deps.sh)"
done
[ "$(id -u)" -eq 0 ] || die "the daemons must run as root (this is uid $(id -u))"
export PATH="$PATH:/usr/sbin"

# Ports chosen from the folder so that two clusters (two test runs) on one host do not collide.
base=$(( 20000 + $(printf '%s' "$dir" | cksum | cut -d' ' -f1) % 20000 ))
ctld_port=$base
slurmd_port=$(( base + 1 ))
host=$(hostname -s)
cpus=$(nproc)
memory_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 / 2 ))

mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log"
chmod 700 "$dir/munge"
[ -s "$dir/munge/munge.key" ] || mungekey -c -k "$dir/munge/munge.key" 2>/dev/null \
  || die "mungekey could not create $dir/munge/munge.key"
chmod 600 "$dir/munge/munge.key"

cat > "$dir/slurm.conf" <<CONF
ClusterName=foldwise-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket.2
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=1024
MpiDefault=none
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/log/jobcomp.txt
MinJobAge=3600
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

munged --force --socket="$dir/munge/munge.socket.2" --key-file="$dir/munge/munge.key" \
  --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" \
  --seed-file="$dir/munge/munged.seed" 2>"$dir/log/munged.err" \
  || die "munged did not start: $(tail -n 3 "$dir/log/munged.err" "$dir/log/munged.log" 2>/dev/null | tr '\n' ' ')"

export SLURM_CONF="$dir/slurm.conf"
slurmctld -f "$dir/slurm.conf" -i 2>"$dir/log/slurmctld.err" \
  || die "slurmctld did not start: $(tail -n 3 "$dir/log/slurmctld.log" 2>/dev/null | tr '\n' ' ')"
slurmd -f "$dir/slurm.conf" 2>"$dir/log/slurmd.err" \
  || die "slurmd did not start: $(tail -n 3 "$dir/log/slurmd.log" 2>/dev/null | tr '\n' ' ')"

# Up when the node reports idle (or mixed, if a leftover job runs); give it 30 seconds.
for _ in $(seq 150); do
  state=$(sinfo -h -n "$host" -o '%T' 2>/dev/null || true)
  case $state in idle*|mixed*|allocated*)
    echo "SLURM_CONF=$dir/slurm.conf"
    exit 0 ;;
  esac
  sleep 0.2
done
die "the node did not come up within 30 s (state '${state:-none}'); see $dir/log"
