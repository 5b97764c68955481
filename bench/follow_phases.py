#!/usr/bin/env python3
"""bazel run -c opt //bench:follow_phases -- [EXECS]: where a followed exec's
time goes under -f, phase by phase, natively, through the image (the
default), through the preload (--preload) and under strace -f.

Each way runs `bash -c 'for i in $(seq EXECS); do /bin/true; done'` (100)
with kernel trace events on, in a tracefs instance of its own (so the
system's own tracing and its filters are left as they are), and prints for
every child of the loop's shell the median of each phase:

  fork      -> execve    the shell's child from its fork to its execve
                         (bash's own set-up; our fork hooks, the exec's
                         line and, through the image, the hand-off that
                         has the launcher seize it)
  execve    -> exec      the kernel's exec
  exec      -> detach    the launcher's service at the exec stop (image)
  detach    -> ready     the image's start in the process, until it tells
                         the launcher (its signal 40) (image)
  ready     -> exit_group  ld.so and the program, traced (image); for the
                         others exec -> exit_group
  exit      -> reaped    until the shell's wait4 returns the child
  reaped    -> next fork the shell between two children

and fork -> next fork, one whole iteration. Needs root and a writable
/sys/kernel/tracing; says why in one line otherwise. Bench code: nothing
here is in the product.
"""
import collections
import os
import re
import shutil
import statistics
import subprocess
import sys

TRACING = "/sys/kernel/tracing"
INSTANCE = os.path.join(TRACING, "instances", "systrap_follow_phases")
EVENTS = [
    "sched/sched_process_fork",
    "syscalls/sys_enter_execve",
    "sched/sched_process_exec",
    "syscalls/sys_enter_ptrace",
    "signal/signal_generate",
    "syscalls/sys_enter_exit_group",
    "sched/sched_process_exit",
    "syscalls/sys_exit_wait4",
]
LINE = re.compile(r"\s*(\S+)-(\d+)\s+\[\d+\]\s+\S+\s+([\d.]+): (\w+)[:(]?\s*(.*)")
# Events of the task they name, by the name the trace gives them.
SIMPLE = {
    "sys_execve": "execve", "sys_enter_execve": "execve",
    "sched_process_exec": "exec",
    "sys_exit_group": "exit_group", "sys_enter_exit_group": "exit_group",
    "sched_process_exit": "exit",
}
ORDER = ["fork", "execve", "exec", "detach", "ready", "exit_group", "exit",
         "reaped"]


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def traced_run(cmd):
    """Runs cmd with the events on; returns the instance's trace text."""
    write(os.path.join(INSTANCE, "tracing_on"), "0")
    write(os.path.join(INSTANCE, "trace"), "")
    write(os.path.join(INSTANCE, "buffer_size_kb"), "20000")
    for e in EVENTS:
        write(os.path.join(INSTANCE, "events", e, "enable"), "1")
    write(os.path.join(INSTANCE, "tracing_on"), "1")
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    write(os.path.join(INSTANCE, "tracing_on"), "0")
    for e in EVENTS:
        write(os.path.join(INSTANCE, "events", e, "enable"), "0")
    with open(os.path.join(INSTANCE, "trace")) as f:
        return f.read()


def phases(text):
    """Per child of the loop's shell: the time of each event, in s."""
    ev = collections.defaultdict(dict)
    for line in text.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        comm, pid, t, name, rest = (m.group(1), int(m.group(2)),
                                    float(m.group(3)), m.group(4), m.group(5))
        if name == "sched_process_fork":
            if comm != "bash":
                continue
            child = int(re.search(r"child_pid=(\d+)", rest).group(1))
            ev[child].setdefault("fork", t)
            ev[child]["parent"] = pid
        elif name in SIMPLE:
            ev[pid].setdefault(SIMPLE[name], t)
        elif name in ("sys_ptrace", "sys_enter_ptrace"):
            r = re.search(r"request: 0x([0-9a-f]+), pid: 0x([0-9a-f]+)", rest)
            if r and int(r.group(1), 16) == 0x11:  # PTRACE_DETACH
                ev[int(r.group(2), 16)].setdefault("detach", t)
        elif name == "signal_generate":
            if "sig=40 " in rest:
                ev[pid].setdefault("ready", t)
        elif name in ("sys_wait4", "sys_exit_wait4"):
            r = re.search(r"->\s*0x([0-9a-f]+)", rest)
            if r:
                child = int(r.group(1), 16)
                if child in ev and ev[child].get("parent") == pid:
                    ev[child].setdefault("reaped", t)
    parents = collections.Counter(d.get("parent") for d in ev.values())
    loop = parents.most_common(1)[0][0] if parents else None
    need = ("fork", "execve", "exec", "exit_group", "exit", "reaped")
    return [d for d in ev.values()
            if d.get("parent") == loop and all(k in d for k in need)]


def medians(rows):
    order = ORDER if any("ready" in d for d in rows) else [
        k for k in ORDER if k not in ("detach", "ready")]
    out = collections.OrderedDict()
    for a, b in zip(order, order[1:]):
        vals = [(d[b] - d[a]) * 1e6 for d in rows if a in d and b in d]
        if vals:
            out[a + " -> " + b] = statistics.median(vals)
    # The program's part whole, for the ways that split it.
    out["exec -> exit_group"] = statistics.median(
        [(d["exit_group"] - d["exec"]) * 1e6 for d in rows])
    by_fork = sorted(rows, key=lambda d: d["fork"])
    gaps = [(n["fork"] - p["reaped"]) * 1e6 for p, n in zip(by_fork, by_fork[1:])]
    if gaps:
        out["reaped -> next fork"] = statistics.median(gaps)
    whole = [(n["fork"] - p["fork"]) * 1e6 for p, n in zip(by_fork, by_fork[1:])]
    if whole:
        out["fork -> next fork"] = statistics.median(whole)
    return out


def main():
    execs = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    if os.geteuid() != 0 or not os.access(os.path.join(TRACING, "instances"),
                                          os.W_OK):
        print("follow_phases: needs root and a writable %s/instances "
              "(kernel trace events)" % TRACING)
        return 2
    runfiles = os.environ.get("RUNFILES_DIR",
                              os.path.abspath(sys.argv[0]) + ".runfiles")
    tracer = None
    for cand in (os.path.join(runfiles, "systrap", "tools", "trace",
                              "systrap-trace"),
                 os.path.join(runfiles, "__main__", "tools", "trace",
                              "systrap-trace")):
        if os.access(cand, os.X_OK):
            tracer = cand
    if not tracer:
        print("follow_phases: systrap-trace not found in the runfiles")
        return 2
    loop = ["bash", "-c", "for i in $(seq %d); do /bin/true; done" % execs]
    ways = [("native", loop),
            ("image", [tracer, "-f", "-o", "/dev/null"] + loop),
            ("preload", [tracer, "--preload", "-f", "-o", "/dev/null"] + loop)]
    if shutil.which("strace"):
        ways.append(("strace -f", ["strace", "-f", "-o", "/dev/null"] + loop))
    if os.path.isdir(INSTANCE):
        os.rmdir(INSTANCE)
    os.mkdir(INSTANCE)
    try:
        results = []
        for name, cmd in ways:
            rows = phases(traced_run(cmd))
            results.append((name, len(rows), medians(rows)))
    finally:
        os.rmdir(INSTANCE)
    keys = ["fork -> execve", "execve -> exec", "exec -> detach",
            "detach -> ready", "ready -> exit_group", "exec -> exit_group",
            "exit_group -> exit", "exit -> reaped", "reaped -> next fork",
            "fork -> next fork"]
    print("a followed exec of /bin/true from bash, %d execs: median us per "
          "phase" % execs)
    print("%-28s" % "phase" + "".join("%12s" % r[0] for r in results))
    for k in keys:
        print("%-28s" % k + "".join(
            ("%12.1f" % r[2][k]) if k in r[2] else "%12s" % "-"
            for r in results))
    print("%-28s" % "children seen" + "".join("%12d" % r[1] for r in results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
