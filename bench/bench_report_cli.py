#!/usr/bin/env python3
"""The zip report end to end: proxyprobe-cli probing 1,000 URLs of the
loopback testbed (half http, half https, so traces hold TLS lines), once
without and once with --output, wall time and peak RSS of each; the
difference is the report's cost inside a real run. The report-writing
benchmark proper is bench/bench-report.c (no network).

  unshare -n sh -c 'ip link set lo up && python3 bench/bench_report_cli.py'
"""
import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import ROOT, start_testbed, write_urls  # noqa: E402

PEAK = ("import resource, subprocess, sys, time;"
        "t = time.monotonic();"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "print(time.monotonic() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def measure(argv):
    out = subprocess.run([sys.executable, "-c", PEAK, *argv], capture_output=True, text=True,
                         check=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--http-only", action="store_true",
                        help="plain http URLs only (bench.py's RSS conditions)")
    args = parser.parse_args()
    cli = os.path.join(args.build, "src", "cli", "proxyprobe-cli")
    daemon = os.path.join(args.build, "tests", "testbed", "pp-testbed-daemon")
    testbed_proc, testbed = start_testbed(daemon)
    try:
        with tempfile.TemporaryDirectory(prefix="pp-bench-report-") as workdir:
            urls = [f"{testbed['http' if i % 2 or args.http_only else 'https']}"
                    f"/status/200?probe={i}" for i in range(1000)]
            url_file = write_urls(workdir, "urls.txt", urls)
            base = [cli, "--urls", url_file, "--methods", "direct",
                    f"--trust={testbed['ca_file']}", f"--public-roots={testbed['ca_file']}"]
            zip_path = os.path.join(workdir, "report.zip")
            plain = measure(base)
            report = measure(base + ["--output", zip_path])
            size = os.path.getsize(zip_path) / (1024 * 1024)
    finally:
        testbed_proc.stdin.close()
        testbed_proc.wait(timeout=30)

    print("| run (1,000 probes, proxyprobe-cli) | wall time | peak RSS |")
    print("|---|---|---|")
    print(f"| text output only | {plain[0]:.3f} s | {plain[1]:.1f} MiB |")
    print(f"| with --output (zip {size:.2f} MiB, traces kept) | {report[0]:.3f} s | {report[1]:.1f} MiB |")


if __name__ == "__main__":
    main()
