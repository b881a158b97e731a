#!/usr/bin/env python3
"""Proxy discovery benchmark: configuration snapshot and PAC evaluation.

  1. `proxyprobe-cli --show-config`: detecting every configuration source
     (no WPAD discovery), whole process; target <= 300 ms.
  2. `proxyprobe-cli pac-test` over 1,000 URLs with one script: the time per
     URL after the load, from the difference with a 1-URL run; target <= 5 ms.

Run it inside a network namespace so that nothing leaves the machine:

  unshare -n sh -c 'ip link set lo up && python3 bench/bench_discovery.py'
"""
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from bench import timed, verdict  # noqa: E402

PAC = """function FindProxyForURL(url, host) {
  if (isPlainHostName(host) || dnsDomainIs(host, ".corp.invalid")) return "DIRECT";
  if (shExpMatch(url, "*.microsoft.com/*") || isInNet(host, "10.0.0.0", "255.0.0.0"))
    return "PROXY 127.0.0.1:3128; DIRECT";
  return "PROXY 127.0.0.1:8080; PROXY 127.0.0.1:3128; DIRECT";
}
"""


def main():
    build = os.path.join(ROOT, "build")
    cli = os.path.join(build, "src", "cli", "proxyprobe-cli")
    os.environ.setdefault("PROXYPROBE_PAC_HELPER", os.path.join(build, "src", "pac", "proxyprobe-pac-helper"))
    show = min(timed([cli, "--show-config"])[0] for _ in range(5))

    with tempfile.TemporaryDirectory(prefix="pp-bench-") as workdir:
        pac = os.path.join(workdir, "bench.pac")
        with open(pac, "w", encoding="utf-8") as f:
            f.write(PAC)
        urls = [f"https://host{i}.example.com/path?q={i}" for i in range(1000)]
        one = min(timed([cli, "pac-test", "--pac-file", pac, urls[0]])[0] for _ in range(3))
        many = min(timed([cli, "pac-test", "--pac-file", pac, *urls])[0] for _ in range(3))
    per_url_ms = (many - one) / (len(urls) - 1) * 1000

    print(f"## Discovery ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores)\n")
    print("| measurement | result | target | |")
    print("|---|---|---|---|")
    print(f"| configuration snapshot, `--show-config` (whole process) | {show * 1000:.0f} ms "
          f"| <= 300 ms | {verdict(show <= 0.3)} |")
    print(f"| PAC evaluation per URL after load (1,000 URLs) | {per_url_ms:.2f} ms "
          f"| <= 5 ms | {verdict(per_url_ms <= 5)} |")


if __name__ == "__main__":
    main()
