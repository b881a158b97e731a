#!/usr/bin/env python3
"""Proxy Probe's GTK application benchmark (issue 5), one process per measurement.

  - the testbed (SoupServers and the open squid) runs in its own process,
    pp-testbed-daemon, so neither its CPU nor its memory is the window's;
    at nice 10 (--testbed-nice), as it stands in for servers on other
    machines: on loopback it would otherwise take a third of the 2 cores
    from the window while 1,000 probes run (--testbed-nice 0 measures that);
  - first frame: bench-gui --first-frame=minimal (a header bar over a
    status page, as AdwApplicationWindow's documentation shows the
    smallest window), --first-frame=bare (the same without the header
    bar, for reference: no window controls) and --first-frame=ours, each
    a fresh process, in turn, --reps times; medians;
  - the 1,002-probe run: bench-gui --run, a process of its own, --runs
    times; its main-loop gaps, frame intervals and peak RSS (VmHWM).

Run it from the build folder inside the test namespace and Xvfb:

  cd build && GSETTINGS_SCHEMA_DIR=src/gui GSETTINGS_BACKEND=memory \\
    GSK_RENDERER=cairo GDK_DEBUG=gl-disable GTK_A11Y=none \\
    PROXYPROBE_PAC_HELPER=src/pac/proxyprobe-pac-helper \\
    ../tests/run-isolated xvfb-run -a python3 ../bench/bench_gui.py

The load average is printed before and after: the machine is shared.
GDK_DEBUG=gl-disable: with the cairo renderer GL is never used, but GDK
still loads Mesa (llvmpipe under Xvfb) to probe it, ~58 MiB of RSS. Our
window opens the display without GL whatever it says (as proxyprobe does,
src/gui/pp-gui-init.c); the minimal window does as GTK does by default, so
without GDK_DEBUG it loads Mesa, and without GSK_RENDERER it also draws
with GL.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys


def start_testbed(daemon, niceness):
    proc = subprocess.Popen(["nice", "-n", str(niceness), daemon, "--squid", "open"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if not line:
        sys.exit("pp-testbed-daemon did not start")
    return proc, json.loads(line)


def first_frame(bench, which):
    out = subprocess.run([bench, "--first-frame=" + which], check=True,
                         capture_output=True, text=True).stdout
    values = dict(line.split() for line in out.splitlines() if line.strip())
    return {key: float(values[key]) for key in ("construct-ms", "first-frame-ms", "from-main-ms", "vmhwm-mib")}


def report_first_frames(samples):
    """samples: {which: [first_frame() dicts]}; prints medians and ratios to the minimal window."""
    def median(which, key):
        return statistics.median(s[key] for s in samples[which])

    print("first frame, window construction to first after-paint (ms):")
    for which in samples:
        print("  %-8s %s" % (which + ":", " ".join("%.1f" % s["first-frame-ms"] for s in samples[which])))
    for key, what in (("first-frame-ms", "from construction"), ("from-main-ms", "from main ()")):
        print("  %s, medians: %s; ours / minimal %.2fx, ours / bare %.2fx"
              % (what, ", ".join("%s %.1f ms" % (w, median(w, key)) for w in samples),
                 median("ours", key) / median("minimal", key), median("ours", key) / median("bare", key)))
    print("  construction alone, medians: %s"
          % ", ".join("%s %.1f ms" % (w, median(w, "construct-ms")) for w in samples))
    print("  peak RSS at the first frame, medians: %s"
          % ", ".join("%s %.1f MiB" % (w, median(w, "vmhwm-mib")) for w in samples))


def x_server_pid():
    """The Xvfb serving our DISPLAY (xvfb-run's), or None: other Xvfbs may run beside it."""
    display = os.environ.get("DISPLAY", "")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if argv and os.path.basename(argv[0]) == b"Xvfb" and display.encode() in argv:
            return int(pid)
    return None


def load():
    with open("/proc/loadavg", encoding="ascii") as f:
        return " ".join(f.read().split()[:3])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=".", help="the meson build folder")
    parser.add_argument("--reps", type=int, default=7, help="first-frame pairs (0: none)")
    parser.add_argument("--runs", type=int, default=3, help="1,002-probe runs")
    parser.add_argument("--urls", type=int, default=167, help="URLs per run (x 6 methods)")
    parser.add_argument("--testbed-nice", type=int, default=10,
                        help="the testbed's (servers and squid) nice value: it stands in for "
                             "servers elsewhere, which take no CPU from the window (0: compete)")
    parser.add_argument("--bench-gui", help="the bench-gui program to measure (default: the build "
                                             "folder's), e.g. a copy built from another commit, "
                                             "so that two builds can be alternated on one testbed")
    args = parser.parse_args()

    bench = args.bench_gui or os.path.join(args.build, "bench", "bench-gui")
    daemon = os.path.join(args.build, "tests", "testbed", "pp-testbed-daemon")
    testbed_proc, testbed = start_testbed(daemon, args.testbed_nice)
    proxy = "http://127.0.0.1:%d" % testbed["squid_open"]
    print("GSK_RENDERER=%s GDK_DEBUG=%s" % (os.environ.get("GSK_RENDERER", ""),
                                            os.environ.get("GDK_DEBUG", "")))
    print("testbed at nice %d" % args.testbed_nice)
    print("load average before: %s" % load())
    try:
        if args.reps > 0:
            kinds = ("minimal", "bare", "ours")
            for which in kinds:                  # warms the disk cache
                first_frame(bench, which)
            samples = {which: [] for which in kinds}
            for _ in range(args.reps):
                for which in kinds:
                    samples[which].append(first_frame(bench, which))
            report_first_frames(samples)
        xvfb = x_server_pid()
        for i in range(args.runs):
            out = subprocess.run([bench, "--run", "--http", testbed["http"], "--proxy", proxy,
                                  "--urls", str(args.urls)]
                                 + (["--x-server-pid", str(xvfb)] if xvfb else []), check=True,
                                 stdout=subprocess.PIPE, text=True,
                                 # PP_BENCH_TRACE's lines go to stderr: let them through.
                                 stderr=None if os.environ.get("PP_BENCH_TRACE") else subprocess.PIPE).stdout
            print("run %d:" % (i + 1))
            for line in out.splitlines():
                print("  " + line)
        print("load average after: %s" % load())
    finally:
        testbed_proc.stdin.close()
        testbed_proc.wait()


if __name__ == "__main__":
    main()
