#!/usr/bin/env python3
"""Compares two proxyprobe-cli builds' output, byte for byte.

A refactoring must not change what the CLI prints: this runs the same
command lines with an old and a new build against the same testbed
(pp-testbed-daemon: plain-http and TLS servers, a closed port, an open
squid; a PAC script served on loopback) and the same sysroot (the agent's
managed file, apt, /etc/environment, a DHCP lease whose WPAD URL is that
PAC script), masks the fields that carry the time and curl's own trace
lines,
and prints a unified diff of whatever differs. Exit status 0 when
everything matches, 1 otherwise.

Run it inside a network namespace so that nothing leaves the machine:

  unshare -n sh -c 'ip link set lo up && \\
      python3 tests/compare-cli.py OLD_BUILD NEW_BUILD'
"""
import difflib
import functools
import http.server
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import zipfile

PAC = """function FindProxyForURL(url, host) {
  if (host == "127.0.0.1") return "PROXY 127.0.0.1:%(squid)d; DIRECT";
  return "PROXY 127.0.0.1:%(closed)d; BOGUS x; DIRECT";
}
"""

# Milliseconds, seconds and dates: whatever depends on the clock.
TIME_PATTERNS = [
    (re.compile(r'"(\w*(?:time|_ms|_us|elapsed|duration|started|finished|date)\w*)"\s*:\s*'
                r'("[^"]*"|-?[0-9.e+-]+)'), r'"\1": T'),
    (re.compile(r"\b\d+(?:\.\d+)?\s?(ms|s)\b"), r"N \1"),
    (re.compile(r'("(?:dns|connect|tls|first_byte|total)"\s*:\s*)[0-9.e+-]+'), r"\1T"),
    (re.compile(r"^(< Date:).*$", re.M), r"\1 DATE"),
    (re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?"), "DATE"),
]


def mask(text):
    for pattern, replacement in TIME_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def write(root, path, contents):
    full = os.path.join(root, path.lstrip("/"))
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(contents)


def serve_pac(directory, testbed):
    """Serves wpad.dat (the PAC script) on loopback for WPAD through DHCP."""
    with open(os.path.join(directory, "wpad.dat"), "w", encoding="utf-8") as f:
        f.write(PAC % {"squid": testbed["squid_open"], "closed": testbed["closed_port"]})
    handler = functools.partial(QuietHandler, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def make_sysroot(root, testbed, pac_port):
    squid = testbed["squid_open"]
    write(root, "/etc/opt/microsoft/mdatp/managed/mdatp_managed.json",
          json.dumps({"cloudService": {"proxy": f"http://127.0.0.1:{squid}/"}}))
    write(root, "/etc/apt/apt.conf.d/80proxy",
          f'Acquire::http::Proxy "http://user:secret@127.0.0.1:{squid}/";\n')
    write(root, "/etc/environment", f"https_proxy=http://127.0.0.1:{squid}\n")
    write(root, "/var/lib/dhcp/dhclient.eth0.leases",
          f'lease {{\n  option wpad "http://127.0.0.1:{pac_port}/wpad.dat";\n}}\n')


def cases(testbed, workdir, pac_port):
    http, https = testbed["http"], testbed["https"]
    squid, closed = testbed["squid_open"], testbed["closed_port"]
    pac = os.path.join(workdir, "test.pac")
    with open(pac, "w", encoding="utf-8") as f:
        f.write(PAC % {"squid": squid, "closed": closed})
    urls = ["--url", f"{http}/", "--url", f"{https}/", "--url", f"http://127.0.0.1:{closed}/"]
    trust = [f"--trust={testbed['ca_file']}"]
    named = ["--named-proxy", f"http://127.0.0.1:{squid}"]
    report = os.path.join(workdir, "report.zip")
    return {
        "show-config": ["--show-config"],
        "show-config-json": ["--show-config", "--json"],
        "show-config-pac-file": ["--show-config", "--pac-file", pac, "-p", f"127.0.0.1:{squid}"],
        "show-config-pac-url-json": ["--show-config", "--json", "--pac-url",
                                     f"http://u:secret@127.0.0.1:{pac_port}/wpad.dat"],
        "show-config-pac-url-refused": ["--show-config", "--pac-url",
                                        f"http://127.0.0.1:{closed}/x.pac"],
        "show-config-bad-proxy": ["--show-config", "-p", "ftp://x"],
        "show-config-bad-pac-file": ["--show-config", "--pac-file", "/nonexistent.pac"],
        "show-config-bad-pac-url": ["--show-config", "--pac-url", "file:///etc/passwd"],
        "run-text": [*urls, *trust, *named, "--pac-file", pac, "-p", f"127.0.0.1:{squid}"],
        "run-json": [*urls, *trust, *named, "--pac-file", pac, "--json"],
        "run-wpad-json": [*urls, *trust, "--methods", "wpad,direct,env", "--json"],
        "run-report": [*urls, *trust, *named, "--pac-file", pac, "-o", report],
    }


# curl's own trace lines ("* Connected to ... (#2)", "> GET", "< HTTP/1.1")
# number connections and reuse them in whatever order the probes ran;
# they are libcurl's words, passed through, so they are left out.
CURL_TRACE = re.compile(r"^[*<>{}] .*\n?|^\*$\n?", re.M)


def read_zip(path):
    out = ""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            text = archive.read(name).decode("utf-8", errors="replace")
            out += f"--- {name}\n{CURL_TRACE.sub('', text)}"
    return out


def run(cli, name, argv, sysroot, workdir):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    proc = subprocess.run([cli, "--sysroot", sysroot, *argv], capture_output=True, text=True,
                          env=env, timeout=120)
    out = f"exit {proc.returncode}\n--- stdout\n{proc.stdout}--- stderr\n{proc.stderr}"
    for a in argv:
        if a.endswith(".zip"):
            out += read_zip(a)
            os.unlink(a)
    return mask(out.replace(workdir, "WORKDIR"))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    old_build, new_build = (os.path.abspath(b) for b in sys.argv[1:])
    old_cli = os.path.join(old_build, "src", "cli", "proxyprobe-cli")
    new_cli = os.path.join(new_build, "src", "cli", "proxyprobe-cli")
    daemon = os.path.join(new_build, "tests", "testbed", "pp-testbed-daemon")
    proc = subprocess.Popen([daemon, "--squid", "open"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    testbed = json.loads(proc.stdout.readline())
    failed = 0
    try:
        with tempfile.TemporaryDirectory(prefix="pp-compare-") as workdir:
            sysroot = os.path.join(workdir, "root")
            served = os.path.join(workdir, "served")
            os.mkdir(served)
            pac_server = serve_pac(served, testbed)
            pac_port = pac_server.server_address[1]
            make_sysroot(sysroot, testbed, pac_port)
            for name, argv in cases(testbed, workdir, pac_port).items():
                outputs = []
                for build, cli in ((old_build, old_cli), (new_build, new_cli)):
                    os.environ["PROXYPROBE_PAC_HELPER"] = os.path.join(
                        build, "src", "pac", "proxyprobe-pac-helper")
                    outputs.append(run(cli, name, argv, sysroot, workdir)
                                   .replace(str(pac_port), "PACPORT"))
                same = outputs[0] == outputs[1]
                print(f"{'same' if same else 'DIFFERENT'}: {name} "
                      f"({len(outputs[1])} bytes after masking)")
                if not same:
                    failed += 1
                    sys.stdout.writelines(difflib.unified_diff(
                        outputs[0].splitlines(True), outputs[1].splitlines(True),
                        "old", "new"))
    finally:
        proc.stdin.close()
        proc.wait()
    print(f"{failed} case(s) differ")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
