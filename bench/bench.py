#!/usr/bin/env python3
"""Proxy Probe's probe-engine benchmark, on a loopback testbed.

Starts the testbed daemon (real libsoup servers that answer after an
injected delay, a port that accepts and never answers), then measures:

  1. 300 probes at 100 ms latency: proxyprobe-cli's wall time against the
     ideal latency x ceil(probes / concurrency), a sequential curl loop and
     xargs -P16 curl over the same URLs; the same over https (the
     testbed's TLS server, its test CA passed with --trust, as test-cli
     does) against curl -Z;
  2. a run in which every endpoint accepts and never answers: it must end
     within one timeout + 1 s;
  3. peak RSS of proxyprobe-cli for 1,000 probes, all https (as real
     profiles are), half https, and plain http.

The machine may be shared: every timed run is repeated (--repeat) and
reported as a range, with the load average before and after.

Run it inside a network namespace so that nothing leaves the machine:

  unshare -n sh -c 'ip link set lo up && python3 bench/bench.py'

Results are printed as Markdown; bench/RESULTS.md records a run.
"""
import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time

CURL_Z_TLS_LIMIT = 30
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def start_testbed(daemon):
    proc = subprocess.Popen([daemon], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True)
    line = proc.stdout.readline()
    if not line:
        sys.exit("pp-testbed-daemon did not start")
    return proc, json.loads(line)


def write_urls(directory, name, urls):
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(urls) + "\n")
    return path


def timed(argv, **kwargs):
    """Runs argv to completion; returns (seconds, exit status, peak RSS in KiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.monotonic()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    seconds = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest of all children so far: run the
    # RSS measurement first, or in its own process, to read it alone.
    return seconds, proc.returncode, max(after, before)


def cli_argv(cli, url_file, *extra):
    return [cli, "--urls", url_file, "--methods", "direct", *extra]


def trust_args(testbed):
    # Only --trust, like a company adding its CA: the public-root verdict
    # then reads Mozilla's real set, as a real run does.
    return [f"--trust={testbed['ca_file']}"]


def repeat(n, run):
    """Runs run() n times; returns the sorted list of its results."""
    return sorted(run() for _ in range(n))


def bench_latency(cli, testbed, workdir, probes, latency_ms, concurrency, n):
    urls = [f"{testbed['http']}/delay/{latency_ms}?probe={i}" for i in range(probes)]
    url_file = write_urls(workdir, "latency.txt", urls)
    ideal = latency_ms / 1000 * math.ceil(probes / concurrency)

    ours_all = repeat(n, lambda: timed(cli_argv(cli, url_file, "--concurrency", str(concurrency)))[0])
    ours = ours_all[0]
    script = 'while read -r u; do curl -s -o /dev/null "$u"; done < "$1"'
    sequential = timed(["sh", "-c", script, "sh", url_file])[0]
    xargs = min(timed(["sh", "-c", 'xargs -P16 -n1 curl -s -o /dev/null < "$1"', "sh", url_file])[0]
                for _ in range(3))
    # libcurl's own parallel mode in one process: the floor this testbed
    # (one libsoup thread answering on the same two cores) allows.
    parallel = ["curl", "-s", "-Z", "--parallel-immediate", "--parallel-max", str(concurrency)]
    for url in urls:
        parallel += [url, "-o", "/dev/null"]
    curl_z = min(timed(parallel)[0] for _ in range(3))
    return {"probes": probes, "latency_ms": latency_ms, "concurrency": concurrency,
            "ideal": ideal, "ours": ours, "ours_all": ours_all, "sequential": sequential,
            "xargs": xargs, "curl_z": curl_z}


def bench_latency_https(cli, testbed, workdir, probes, latency_ms, concurrency, n):
    """The same matrix over TLS: every probe a fresh handshake."""
    urls = [f"{testbed['https']}/delay/{latency_ms}?probe={i}" for i in range(probes)]
    url_file = write_urls(workdir, "latency-https.txt", urls)
    ideal = latency_ms / 1000 * math.ceil(probes / concurrency)
    ours_all = repeat(n, lambda: timed(cli_argv(cli, url_file, "--concurrency", str(concurrency),
                                                *trust_args(testbed)))[0])
    parallel = ["curl", "-s", "-Z", "--parallel-immediate", "--parallel-max", str(concurrency),
                "--cacert", testbed["ca_file"]]
    for url in urls:
        parallel += [url, "-o", "/dev/null"]
    # Once, bounded: on this testbed curl -Z over TLS has been seen not to
    # finish within minutes (not investigated; curl's problem, not ours).
    try:
        curl_z = timed(parallel, timeout=CURL_Z_TLS_LIMIT)[0]
    except subprocess.TimeoutExpired:
        curl_z = None
    return {"probes": probes, "latency_ms": latency_ms, "concurrency": concurrency,
            "ideal": ideal, "ours_all": ours_all, "curl_z": curl_z}


def bench_never_answering(cli, testbed, workdir, probes, timeout):
    url = f"http://127.0.0.1:{testbed['blackhole_port']}"
    urls = [f"{url}/never?probe={i}" for i in range(probes)]
    url_file = write_urls(workdir, "never.txt", urls)
    # Every probe in flight at once: the point is that threads do not
    # bound it. With the default 128 the same run takes ceil(300/128)
    # timeouts, reported beside it.
    seconds, status, _ = timed(cli_argv(cli, url_file, "--timeout", str(timeout),
                                        "--concurrency", str(probes)))
    default_seconds = timed(cli_argv(cli, url_file, "--timeout", str(timeout)))[0]
    return {"probes": probes, "timeout": timeout, "seconds": seconds, "status": status,
            "default_seconds": default_seconds}


def bench_stop(cli, testbed, workdir, probes):
    """Ctrl-C one second into a run of probes that hang: time to exit."""
    urls = [f"{testbed['http']}/hang?probe={i}" for i in range(probes)]
    url_file = write_urls(workdir, "hang.txt", urls)
    proc = subprocess.Popen(cli_argv(cli, url_file), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    time.sleep(1)
    start = time.monotonic()
    proc.send_signal(2)
    proc.wait()
    return {"probes": probes, "seconds": time.monotonic() - start, "status": proc.returncode}


RSS_MIXES = {
    # name: which probes (by index) go to the TLS server
    "https": lambda i: True,
    "half": lambda i: i % 2 == 0,
    "http": lambda i: False,
}


def peak_rss_kib(argv):
    """Peak RSS of one run of argv, measured in its own parent process."""
    code = ("import resource, subprocess, sys;"
            "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, *argv],
                         capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def bench_rss(cli, testbed, workdir, probes, mix, n):
    tls = RSS_MIXES[mix]
    urls = [f"{testbed['https' if tls(i) else 'http']}/status/200?probe={i}" for i in range(probes)]
    url_file = write_urls(workdir, f"rss-{mix}.txt", urls)
    kib = repeat(n, lambda: peak_rss_kib(cli_argv(cli, url_file, *trust_args(testbed))))
    return {"probes": probes, "mix": mix, "rss_kib": kib}


def spread(values, fmt):
    """'a' when every run agreed, else 'min–max'."""
    lo, hi = fmt(values[0]), fmt(values[-1])
    return lo if lo == hi else f"{lo}–{hi}"


def verdict(ok):
    return "met" if ok else "NOT MET"


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs per timed or RSS measurement (default 5)")
    args = parser.parse_args()
    n = max(args.repeat, 1)

    cli = os.path.join(args.build, "src", "cli", "proxyprobe-cli")
    daemon = os.path.join(args.build, "tests", "testbed", "pp-testbed-daemon")
    load_before = os.getloadavg()
    testbed_proc, testbed = start_testbed(daemon)
    try:
        with tempfile.TemporaryDirectory(prefix="pp-bench-") as workdir:
            rss = [bench_rss(cli, testbed, workdir, 1000, mix, n) for mix in RSS_MIXES]
            lat = bench_latency(cli, testbed, workdir, 300, 100, 128, n)
            lat_tls = bench_latency_https(cli, testbed, workdir, 300, 100, 128, n)
            never = bench_never_answering(cli, testbed, workdir, 300, 3)
            stop = bench_stop(cli, testbed, workdir, 300)
    finally:
        testbed_proc.stdin.close()
        testbed_proc.wait(timeout=30)
    load_after = os.getloadavg()

    print(f"## Probe engine ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
          f"{n} runs per row; load average before {load_before[0]:.2f}, "
          f"after {load_after[0]:.2f})\n")
    print("| measurement | result | target | |")
    print("|---|---|---|---|")
    ratio = lat["ours"] / lat["ideal"]
    ratios = spread([t / lat["ideal"] for t in lat["ours_all"]], lambda r: f"{r:.2f}x")
    print(f"| {lat['probes']} probes at {lat['latency_ms']} ms, concurrency {lat['concurrency']}: "
          f"wall time | best {lat['ours']:.3f} s (ideal {lat['ideal']:.3f} s, {ratio:.2f}x; "
          f"all runs {ratios}) | <= 1.2x ideal | {verdict(ratio <= 1.2)} |")
    print(f"| curl -Z --parallel-max {lat['concurrency']}, same URLs (testbed floor) "
          f"| {lat['curl_z']:.3f} s ({lat['curl_z'] / lat['ideal']:.2f}x ideal) | for reference | |")
    speedup = lat["sequential"] / lat["ours"]
    print(f"| sequential curl loop, same URLs | {lat['sequential']:.3f} s ({speedup:.1f}x slower) "
          f"| >= 20x slower | {verdict(speedup >= 20)} |")
    print(f"| xargs -P16 curl, same URLs | {lat['xargs']:.3f} s "
          f"| slower than ours | {verdict(lat['xargs'] > lat['ours'])} |")
    print(f"| {never['probes']} endpoints that accept and never answer, --timeout {never['timeout']}, "
          f"--concurrency {never['probes']} | {never['seconds']:.3f} s | <= {never['timeout'] + 1} s "
          f"| {verdict(never['seconds'] <= never['timeout'] + 1)} |")
    waves = math.ceil(never['probes'] / 128)
    print(f"| same, default --concurrency 128 ({waves} waves of the timeout) "
          f"| {never['default_seconds']:.3f} s | <= {waves * never['timeout'] + 1} s "
          f"| {verdict(never['default_seconds'] <= waves * never['timeout'] + 1)} |")
    print(f"| Ctrl-C with {stop['probes']} probes hanging (exit {stop['status']}) "
          f"| {stop['seconds'] * 1000:.0f} ms | <= 250 ms | {verdict(stop['seconds'] <= 0.25)} |")
    tls_ratios = spread([t / lat_tls["ideal"] for t in lat_tls["ours_all"]], lambda r: f"{r:.2f}x")
    tls_best = lat_tls["ours_all"][0] / lat_tls["ideal"]
    print(f"| same over https (--trust test CA), wall time | "
          f"{spread(lat_tls['ours_all'], lambda t: f'{t:.3f}')} s ({tls_ratios} ideal) "
          f"| <= 1.2x ideal | {verdict(tls_best <= 1.2)} |")
    curl_z = (f"{lat_tls['curl_z']:.3f} s ({lat_tls['curl_z'] / lat_tls['ideal']:.2f}x ideal)"
              if lat_tls["curl_z"] is not None else f"not finished after {CURL_Z_TLS_LIMIT} s")
    print(f"| curl -Z --parallel-max {lat_tls['concurrency']}, same https URLs, one run "
          f"| {curl_z} | for reference | |")
    for r in rss:
        label = {"https": "all https (real profiles)", "half": "half https",
                 "http": "plain http only"}[r["mix"]]
        worst = r["rss_kib"][-1]
        print(f"| peak RSS, {r['probes']} probes, {label} "
              f"| {spread(r['rss_kib'], lambda k: f'{k / 1024:.1f}')} MiB | <= 30 MB "
              f"| {verdict(worst * 1024 <= 30e6)} |")


if __name__ == "__main__":
    main()
