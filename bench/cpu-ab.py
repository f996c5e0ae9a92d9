# Interleaved CPU time (user + system) of shell commands: each round runs every command once, in turn; the
# CPU of each run is the getrusage(RUSAGE_CHILDREN) difference around it. CPU moves far less than wall time
# on a shared machine. Two warm-up rounds are not counted.
#
#   python3 bench/cpu-ab.py 21 "node -e ''" "node /tmp/old/bin/task.js status" "node bin/task.js status"
import resource
import statistics
import subprocess
import sys

runs = int(sys.argv[1])
commands = sys.argv[2:]
cpu = [[] for _ in commands]
for round_ in range(runs + 2):
    for k, command in enumerate(commands):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(['sh', '-c', command], stdout=subprocess.DEVNULL, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if round_ >= 2:
            cpu[k].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
for k, command in enumerate(commands):
    print(f"{statistics.median(cpu[k]):8.1f} ms CPU (median of {runs}; mean {statistics.mean(cpu[k]):.1f})  {command}")
