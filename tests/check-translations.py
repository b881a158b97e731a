#!/usr/bin/env python3
"""Checks that every translation in po/LINGUAS is complete (issue 5).

  check-translations.py SOURCE_ROOT

  - every file under src/, ui/ and resources/ with a translatable string
    is listed in po/POTFILES.in (a file left out would never be offered
    to translators);
  - the strings extracted now, with the arguments meson's glib preset
    gives xgettext, are each translated in every language: none missing,
    none fuzzy;
  - the source references (#: lines) of every po/LANG.po name files that
    exist: a translator reads the code they point at.

TAP output, one test per check; the message lists what is wrong and how to
mend it.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments", "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2",
    "--keyword=NC_:1c,2", "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3",
    "--keyword=g_dpgettext2:2c,3",
    # po/meson.build's own: the diagnosis's English-or-translated words.
    "--keyword=pp_tr:2", "--keyword=pp_ntr:2,3", "--flag=pp_tr:2:pass-c-format",
    "--flag=pp_ntr:2:pass-c-format", "--flag=pp_ntr:3:pass-c-format",
]
TRANSLATABLE = re.compile(r'\b(?:N?C?_|n?gettext|g_dngettext|g_dpgettext2)\s*\(\s*"|translatable="yes"'
                          r'|\bpp_n?tr\s*\(\s*[^,;()]+,\s*"')
# A schema's <summary> is translatable; in C it is HTML (fleet.html's <details>).
TRANSLATABLE_XML = re.compile(r'<summary>')
TOOLS = ("xgettext", "msgmerge", "msgattrib")
SCANNED = ("src", "ui", "resources")
SUFFIXES = (".c", ".ui", ".in", ".gschema.xml")


def listed_files(root):
    with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip() and not line.startswith("#")}


def files_with_strings(root):
    found = set()
    for top in SCANNED:
        for folder, _, names in os.walk(os.path.join(root, top)):
            for name in names:
                if not name.endswith(SUFFIXES):
                    continue
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                    if TRANSLATABLE.search(text) or (not name.endswith(".c") and TRANSLATABLE_XML.search(text)):
                        found.add(os.path.relpath(path, root))
    return found


def untranslated(root, pot, lang):
    """The msgids of po/LANG.po that are missing or fuzzy against pot."""
    with tempfile.NamedTemporaryFile(suffix=".po") as merged:
        subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged.name,
                        os.path.join(root, "po", lang + ".po"), pot], check=True)
        out = subprocess.run(["msgattrib", "--untranslated", "--no-obsolete", merged.name],
                             check=True, capture_output=True, text=True).stdout
        out += subprocess.run(["msgattrib", "--only-fuzzy", "--no-obsolete", merged.name],
                              check=True, capture_output=True, text=True).stdout
    ids = re.findall(r'^msgid ((?:".*"\n)+)', out + "\n", re.M)
    texts = ["".join(re.findall(r'"(.*)"', block)) for block in ids]
    return [text for text in texts if text]


def stale_references(root, lang):
    """Files the #: lines of po/LANG.po name that do not exist."""
    with open(os.path.join(root, "po", lang + ".po"), encoding="utf-8") as f:
        refs = {ref.rsplit(":", 1)[0] for line in f if line.startswith("#: ")
                for ref in line[3:].split()}
    return sorted(ref for ref in refs if not os.path.exists(os.path.join(root, ref)))


def main():
    root = sys.argv[1]
    missing_tools = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing_tools:
        print("1..1\nnot ok 1 - gettext's tools\n# %s not found: install gettext (.ci/install-deps does)"
              % ", ".join(missing_tools))
        return 1
    with open(os.path.join(root, "po", "LINGUAS"), encoding="utf-8") as f:
        langs = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    print("1..%d" % (1 + 2 * len(langs)))
    status = 0

    missing = sorted(files_with_strings(root) - listed_files(root))
    if missing:
        status = 1
        print("not ok 1 - POTFILES.in lists every file with translatable strings")
        for path in missing:
            print("# not listed: %s (add it to po/POTFILES.in)" % path)
    else:
        print("ok 1 - POTFILES.in lists every file with translatable strings")

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "proxyprobe.pot")
        subprocess.run(["xgettext", "--package-name=proxyprobe", "-D", root, "-f",
                        os.path.join(root, "po", "POTFILES.in"), "-o", pot] + XGETTEXT_ARGS,
                       check=True, capture_output=True)
        for number, lang in enumerate(langs, start=2):
            left = untranslated(root, pot, lang)
            if left:
                status = 1
                print("not ok %d - %s: every message translated" % (number, lang))
                for text in left:
                    print("# %s.po: not translated or fuzzy: %s" % (lang, text))
                print("# mend: ninja -C build proxyprobe-update-po, then translate po/%s.po" % lang)
            else:
                print("ok %d - %s: every message translated" % (number, lang))
    for number, lang in enumerate(langs, start=2 + len(langs)):
        stale = stale_references(root, lang)
        if stale:
            status = 1
            print("not ok %d - %s: every source reference names a file" % (number, lang))
            for path in stale:
                print("# %s.po refers to %s, which does not exist" % (lang, path))
            print("# mend: ninja -C build proxyprobe-pot proxyprobe-update-po")
        else:
            print("ok %d - %s: every source reference names a file" % (number, lang))
    return status


if __name__ == "__main__":
    sys.exit(main())
