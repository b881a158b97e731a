#!/usr/bin/env python3
"""Proxy Probe's GTK application benchmark (issue 5), one process per measurement.

  - the testbed (SoupServers and the open squid) runs in its own process,
    pp-testbed-daemon, so neither its CPU nor its memory is the window's;
  - first frame: bench-gui --first-frame=minimal and --first-frame=ours,
    each a fresh process, alternating, --reps times; medians;
  - the 1,002-probe run: bench-gui --run, a process of its own, --runs
    times; its main-loop gaps, frame intervals and peak RSS (VmHWM).

Run it from the build folder inside the test namespace and Xvfb:

  cd build && GSETTINGS_SCHEMA_DIR=src/gui GSETTINGS_BACKEND=memory \\
    GSK_RENDERER=cairo GDK_DEBUG=gl-disable GTK_A11Y=none \\
    PROXYPROBE_PAC_HELPER=src/pac/proxyprobe-pac-helper \\
    ../tests/run-isolated xvfb-run -a python3 ../bench/bench_gui.py

The load average is printed before and after: the machine is shared.
GDK_DEBUG=gl-disable: with the cairo renderer GL is never used, but GDK
still loads Mesa (llvmpipe under Xvfb) to probe it, ~58 MiB of RSS.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys


def start_testbed(daemon):
    proc = subprocess.Popen([daemon, "--squid", "open"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if not line:
        sys.exit("pp-testbed-daemon did not start")
    return proc, json.loads(line)


def first_frame(bench, which):
    out = subprocess.run([bench, "--first-frame=" + which], check=True,
                         capture_output=True, text=True).stdout
    values = dict(line.split() for line in out.splitlines() if line.strip())
    return float(values["first-frame-ms"]), float(values["from-main-ms"]), float(values["vmhwm-mib"])


def load():
    with open("/proc/loadavg", encoding="ascii") as f:
        return " ".join(f.read().split()[:3])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=".", help="the meson build folder")
    parser.add_argument("--reps", type=int, default=7, help="first-frame pairs")
    parser.add_argument("--runs", type=int, default=3, help="1,002-probe runs")
    parser.add_argument("--urls", type=int, default=167, help="URLs per run (x 6 methods)")
    args = parser.parse_args()

    bench = os.path.join(args.build, "bench", "bench-gui")
    daemon = os.path.join(args.build, "tests", "testbed", "pp-testbed-daemon")
    testbed_proc, testbed = start_testbed(daemon)
    proxy = "http://127.0.0.1:%d" % testbed["squid_open"]
    print("GSK_RENDERER=%s GDK_DEBUG=%s" % (os.environ.get("GSK_RENDERER", ""),
                                            os.environ.get("GDK_DEBUG", "")))
    print("load average before: %s" % load())
    try:
        first_frame(bench, "minimal")   # warms the disk cache for both
        first_frame(bench, "ours")
        minimal, ours, minimal_main, ours_main, minimal_rss, ours_rss = [], [], [], [], [], []
        for _ in range(args.reps):
            a, a_main, a_rss = first_frame(bench, "minimal")
            b, b_main, b_rss = first_frame(bench, "ours")
            minimal_rss.append(a_rss)
            ours_rss.append(b_rss)
            minimal.append(a)
            ours.append(b)
            minimal_main.append(a_main)
            ours_main.append(b_main)
        print("first frame, window construction to first after-paint (ms):")
        print("  minimal: %s" % " ".join("%.1f" % v for v in minimal))
        print("  ours:    %s" % " ".join("%.1f" % v for v in ours))
        print("  medians: minimal %.1f ms, ours %.1f ms, ratio %.2fx"
              % (statistics.median(minimal), statistics.median(ours),
                 statistics.median(ours) / statistics.median(minimal)))
        print("  from main () to first after-paint, medians: minimal %.1f ms, ours %.1f ms, ratio %.2fx"
              % (statistics.median(minimal_main), statistics.median(ours_main),
                 statistics.median(ours_main) / statistics.median(minimal_main)))
        print("  peak RSS at the first frame, medians: minimal %.1f MiB, ours %.1f MiB"
              % (statistics.median(minimal_rss), statistics.median(ours_rss)))
        for i in range(args.runs):
            out = subprocess.run([bench, "--run", "--http", testbed["http"], "--proxy", proxy,
                                  "--urls", str(args.urls)], check=True,
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
