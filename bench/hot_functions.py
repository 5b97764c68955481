#!/usr/bin/env python3
"""bazel run -c opt //bench:hot_functions: which of the tracer image's
functions a traced start, a traced fork child and its exec run, and which
of them build_defs/image_section_order.txt does not list.

The list lays the hot functions out in one block, so that a process
touches few pages of the image's code (each a fault, and on a guest with
shadow paging a fill, docs/PERFORMANCE.md "Hot code together"). Code
changes make it drift: a new or renamed hot function lies wherever the
link puts it. This counts calls with a uprobe on every function of
trace_syscalls.image.so (the kernel's `uprobe_events`; `uprobe_profile`
gives the hits) under

  systrap-trace -f bash -c 'for i in $(seq 100); do /bin/true; done'
  systrap-trace -f sh -c 'ls -la / | wc -l; cat /etc/passwd >/dev/null'
  systrap-trace /bin/true

and prints every function hit, by hits, with whether the list names it
(`.text.NAME`, or `.text.startup.NAME` for a function GCC puts among a
constructor's), then the lines to add. Not probed: the assembly symbols
(systrap/arch/*.S, some of whose bytes are copied as templates), which
each have a section of their own and are listed by hand. Not to add:
Capstone's functions (its archive has one .text per object, which no line
can select; marked), musl's assembly memcpy, memmove and memset (likewise),
and the decoder's, which run here only because the probes add an
executable page of their own (`[uprobes]`) that the image decodes.
Needs root and a writable /sys/kernel/tracing; says why in one line
otherwise. Bench code: nothing here is in the product.
"""
import os
import re
import subprocess
import sys

TRACING = "/sys/kernel/tracing"
GROUP = "systrap_hot"
WORKLOADS = [
    ["-f", "bash", "-c", "for i in $(seq 100); do /bin/true; done"],
    ["-f", "sh", "-c", "ls -la / | wc -l; cat /etc/passwd >/dev/null"],
    ["/bin/true"],
]


def runfile(runfiles, path):
    for top in ("systrap", "__main__"):
        p = os.path.join(runfiles, top, path)
        if os.path.exists(p):
            return p
    return None


def asm_symbols(paths):
    """Labels and fast_entry instances defined in assembly sources."""
    names = set()
    for p in paths:
        with open(p) as f:
            for line in f:
                m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*):", line)
                if m:
                    names.add(m.group(1))
                m = re.match(r"\s*fast_entry\s+([A-Za-z_][A-Za-z0-9_]*)", line)
                if m:
                    names.add(m.group(1))
    return names


def write(path, text):
    """Appends text (tracefs files refuse the seek of Python's "a")."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def clear_group(events):
    """Disables and removes every probe of GROUP (none: nothing done)."""
    en = os.path.join(TRACING, "events", GROUP, "enable")
    if os.path.exists(en):
        try:
            write(en, "0")
        except OSError:
            pass
    with open(events) as f:
        probes = [l.split()[0][2:] for l in f
                  if l.startswith("p:%s/" % GROUP)]
    for probe in probes:
        try:
            write(events, "-:%s\n" % probe)
        except OSError:
            pass


def main():
    runfiles = os.environ.get("RUNFILES_DIR",
                              os.path.abspath(sys.argv[0]) + ".runfiles")
    tracer = runfile(runfiles, "tools/trace/systrap-trace")
    image = runfile(runfiles, "tools/trace/trace_syscalls.image.so")
    order = runfile(runfiles, "build_defs/image_section_order.txt")
    capstone = os.path.join(runfiles, "capstone/lib/x86_64-linux-gnu/libcapstone.a")
    if not os.path.exists(capstone):
        capstone = None
    arch = os.path.dirname(runfile(runfiles, "systrap/arch/fast_entry.S") or "")
    if not (tracer and image and order and arch):
        print("hot_functions: systrap-trace, its image or the order file "
              "not found in the runfiles")
        return 1
    events = os.path.join(TRACING, "uprobe_events")
    if os.geteuid() != 0 or not os.access(events, os.W_OK):
        print("hot_functions: needs root and a writable %s" % events)
        return 1
    image = os.path.realpath(image)
    skip = asm_symbols(os.path.join(arch, f) for f in os.listdir(arch)
                       if f.endswith(".S"))
    # A uprobe takes a file offset, nm gives addresses: the executable
    # segment's offset minus its address, added.
    delta = 0
    out = subprocess.run(["readelf", "-lW", image], check=True,
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        f = line.split()
        if f and f[0] == "LOAD" and "E" in f[6:-1]:
            delta = int(f[1], 16) - int(f[2], 16)
            break
    funcs = {}
    out = subprocess.run(["nm", "--defined-only", image], check=True,
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        f = line.split()
        # Not a compiler's cold part (NAME.cold, in .text.unlikely.NAME):
        # the list selects it by no line of its name.
        if (len(f) == 3 and f[1] in "tT" and f[2] not in skip and
                not f[2].endswith(".cold")):
            funcs.setdefault(int(f[0], 16) + delta, f[2])
    cap = set()
    if capstone:
        out = subprocess.run(["nm", "--defined-only", capstone],
                             capture_output=True, text=True).stdout
        cap = {l.split()[2] for l in out.splitlines()
               if len(l.split()) == 3 and l.split()[1] in "tT"}
    listed = set()
    with open(order) as f:
        for line in f:
            m = re.match(r"\.text\.(?:startup\.)?(\S+)", line)
            if m:
                listed.add(m.group(1))

    # A run killed before its clean-up left its probes: a new probe of
    # the same name would be refused.
    clear_group(events)
    names = {}
    try:
        refused = 0
        for i, (addr, name) in enumerate(sorted(funcs.items())):
            try:
                write(events, "p:%s/f%d %s:0x%x\n" % (GROUP, i, image, addr))
                names["f%d" % i] = name
            except OSError:
                refused += 1  # uprobes refuse some instructions
        if refused:
            print("hot_functions: %d functions' first instructions could "
                  "not be probed" % refused)
        write(os.path.join(TRACING, "events", GROUP, "enable"), "1")
        for w in WORKLOADS:
            subprocess.run([tracer, "-o", "/dev/null"] + w,
                           stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)
        write(os.path.join(TRACING, "events", GROUP, "enable"), "0")
        with open(os.path.join(TRACING, "uprobe_profile")) as f:
            profile = f.read()
    finally:
        clear_group(events)

    hits = []
    for line in profile.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in names and int(f[2]) > 0:
            hits.append((int(f[2]), names[f[1]]))
    hits.sort(reverse=True)
    missing = []
    for n, name in hits:
        if name in listed:
            state = "listed"
        elif name in cap:
            state = "Capstone's (cannot be ordered)"
        else:
            state = "NOT LISTED"
            missing.append(name)
        print("%9d  %-40s %s" % (n, name, state))
    print("\n%d functions hit, %d of them not listed%s" %
          (len(hits), len(missing), ":" if missing else "."))
    if missing:
        print("(leave out the decoder's and its analysis's, which run for "
              "the probes' own [uprobes] page, and musl's assembly "
              "memcpy, memmove and memset, one .text each)")
    for name in missing:
        print(".text." + name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
