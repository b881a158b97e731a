#!/usr/bin/env python3
"""Byte-for-byte comparison of two proxyprobe-cli builds on one corpus.

Runs every case of the corpus with the old and the new build, alternating
which goes first, against the same loopback testbed (pp-testbed-daemon with
its squids: open, auth, deny, bump), and diffs stdout, stderr and the exit
status, and the text of the --output zip. Only fields that carry the time
are normalised: report.json's "generated" and "timings_ms", the "(N ms)"
of PAC look-ups, libcurl's "after N ms|milliseconds", the Date line of the zip's text.
Exit status 0 when every case is identical. Run as root in a network
namespace (squid cannot switch users inside a user namespace):

  unshare -n sh -c 'ip link set lo up && \
    python3 bench/compare_cli.py --old OLD_BUILD --new NEW_BUILD'
"""
import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import start_testbed  # noqa: E402

TIME_PATTERNS = [
    (re.compile(r'"generated" : "[^"]*"'), '"generated" : "<time>"'),
    (re.compile(r'"timings_ms" : \{[^}]*\}', re.S), '"timings_ms" : {<time>}'),
    (re.compile(r"\(\d+ ms\)"), "(<n> ms)"),
    (re.compile(r"after \d+ (ms|milliseconds)"), r"after <n> \1"),
    (re.compile(r"^Date: .*$", re.M), "Date: <time>"),
]


def normalise(text):
    for pattern, replacement in TIME_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def corpus(tb, workdir):
    """(name, arguments) of every case: statuses, TLS, refusal, timeout,
    each proxy of the testbed, text and JSON."""
    http, https = tb["http"], tb["https"]
    urls = [f"{http}/status/200", f"{http}/status/404", f"{http}/status/500",
            f"{https}/status/200", f"http://127.0.0.1:{tb['closed_port']}/",
            f"http://127.0.0.1:{tb['blackhole_port']}/"]
    url_file = os.path.join(workdir, "urls.txt")
    with open(url_file, "w", encoding="utf-8") as f:
        f.write("\n".join(urls) + "\n")
    base = ["--urls", url_file, f"--trust={tb['ca_file']}", f"--public-roots={tb['ca_file']}",
            "--timeout=1", "--connect-timeout=1", "--sysroot=/nonexistent"]
    cases = [("direct", base + ["--methods", "direct"]),
             ("all-reachable", [f"--url={http}/status/200", f"--url={https}/status/204",
                                f"--trust={tb['ca_file']}", "--methods", "direct,env",
                                "--sysroot=/nonexistent"])]
    for kind in ("open", "auth", "deny", "bump"):
        port = tb.get(f"squid_{kind}")
        if port:
            cases.append((f"squid-{kind}", base + ["--methods", "direct,cmdline",
                                                   "-p", f"127.0.0.1:{port}"]))
    cases.append(("absent-methods", base + ["--methods", "direct,env,named,cmdline"]))
    cases += [(name + "-json", args + ["--json"]) for name, args in cases]
    return cases


def run(cli, args, workdir):
    zip_path = os.path.join(workdir, "out.zip")
    if os.path.exists(zip_path):
        os.unlink(zip_path)
    proc = subprocess.run([cli, *args, "--output", zip_path], capture_output=True, text=True,
                          timeout=120)
    shown = subprocess.run([cli, "show", zip_path], capture_output=True, text=True).stdout
    return {"status": str(proc.returncode), "stdout": normalise(proc.stdout),
            "stderr": normalise(proc.stderr.replace(zip_path, "OUT.zip")),
            "zip-text": normalise(shown)}


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--old", required=True, help="build directory of the old version")
    parser.add_argument("--new", required=True, help="build directory of the new version")
    args = parser.parse_args()
    clis = {which: os.path.join(getattr(args, which), "src", "cli", "proxyprobe-cli")
            for which in ("old", "new")}
    daemon = os.path.join(args.new, "tests", "testbed", "pp-testbed-daemon")
    proc = subprocess.Popen([daemon, "--squid", "all"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    tb = json.loads(proc.stdout.readline())
    differences = 0
    try:
        with tempfile.TemporaryDirectory(prefix="pp-compare-") as workdir:
            for i, (name, case) in enumerate(corpus(tb, workdir)):
                order = ("old", "new") if i % 2 == 0 else ("new", "old")
                out = {which: run(clis[which], case, workdir) for which in order}
                same = out["old"] == out["new"]
                differences += not same
                print(f"{'same' if same else 'DIFFERENT'}  {name}  (exit {out['new']['status']}, "
                      f"{len(out['new']['stdout'])} bytes)")
                for part in ("status", "stdout", "stderr", "zip-text"):
                    if out["old"][part] != out["new"][part]:
                        sys.stdout.writelines(difflib.unified_diff(
                            out["old"][part].splitlines(True), out["new"][part].splitlines(True),
                            f"old {part}", f"new {part}"))
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    print(f"{differences} case(s) differ")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
