#!/usr/bin/env python3
"""Checks that includes in src/ point one way, down the layers, and close no
cycle. Prints TAP, one test per rule.

The layer order is written here once (and in the README's Layout): each
core layer is a folder of src/core and may include its own folder's headers
and those of the layers before it; the front ends (src/cli, src/gui) may
include any core layer but not each other; the PAC helper (src/pac) is a
separate program that includes only its own headers. Headers the build
generates (pp-config-build.h, the resources' header) belong to no layer.
"""
import os
import re
import sys

CORE_LAYERS = ["model", "config", "engine", "report", "session"]
FRONT_ENDS = ["cli", "gui"]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def component_of(path, src):
    """'model', 'config', ... for a core file; 'cli', 'gui', 'pac' else."""
    parts = os.path.relpath(path, src).split(os.sep)
    if parts[0] == "core" and len(parts) == 3 and parts[1] in CORE_LAYERS:
        return parts[1]
    if parts[0] in FRONT_ENDS + ["pac"] and len(parts) == 2:
        return parts[0]
    return None


def may_include(component, target):
    if component == target:
        return True
    if component == "pac" or target in FRONT_ENDS + ["pac"]:
        return False
    if component in FRONT_ENDS:
        return True
    return CORE_LAYERS.index(target) < CORE_LAYERS.index(component)


def read_sources(src):
    """{module: (component, paths, [included modules])}; a module is a .c
    file with its .h and its -private.h."""
    modules = {}
    for folder, _, names in os.walk(src):
        for name in sorted(names):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                includes = INCLUDE.findall(f.read())
            # A private header belongs to the module it opens up.
            module = name[:-2].removesuffix("-private")
            entry = modules.setdefault(module, [component_of(path, src), [], []])
            entry[1].append(path)
            entry[2].extend(os.path.basename(i)[:-2].removesuffix("-private")
                            for i in includes if i.endswith(".h"))
    return modules


def upward_includes(modules):
    problems = []
    for module, (component, paths, includes) in sorted(modules.items()):
        if component is None:
            problems.append(f"{paths[0]} is in no layer: put it in a folder of src/core "
                            f"({', '.join(CORE_LAYERS)}) or in src/cli, src/gui or src/pac")
            continue
        for target in sorted(set(includes)):
            if target == module or target not in modules:
                continue
            target_component = modules[target][0]
            if target_component and not may_include(component, target_component):
                problems.append(f"{module} ({component}) includes {target}.h ({target_component}): "
                                f"a layer includes only itself and the layers below it "
                                f"({' < '.join(CORE_LAYERS)} < cli, gui)")
    return problems


def cycles(modules):
    """Tarjan's strongly connected components of more than one module."""
    graph = {m: sorted(set(t for t in e[2] if t in modules and t != m))
             for m, e in modules.items()}
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append("include cycle: " + " -> ".join(sorted(component)))

    sys.setrecursionlimit(10000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "src")
    modules = read_sources(src)
    checks = [("no include points up a layer", upward_includes(modules)),
              ("no includes close a cycle", cycles(modules))]
    print(f"1..{len(checks)}")
    failed = 0
    for number, (name, problems) in enumerate(checks, 1):
        for problem in problems:
            print(f"# {problem}")
        print(f"{'not ok' if problems else 'ok'} {number} - {name}")
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
