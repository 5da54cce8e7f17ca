#!/usr/bin/env python3
"""Lists the public symbols of a module that have no `///` comment, from DocC's symbol graphs.

Usage: undocumented.py MODULE SYMBOL_GRAPH_DIR...

Reads every MODULE.symbols.json and MODULE@*.symbols.json (the module's extensions of other
modules' types) under the folders, keeps the symbols declared in this repository's Sources/MODULE/
(those with a source location there: synthesized and inherited ones have none), and prints
`path:line: NAME has no doc comment` for each public or open one without a doc comment.
Exits 1 when there is any, 0 otherwise.
"""
import json
import os
import sys
from urllib.parse import unquote, urlparse


def graphs(module, folders):
    for folder in folders:
        for root, _, files in os.walk(folder):
            for name in files:
                if name == f"{module}.symbols.json" or (name.startswith(f"{module}@") and name.endswith(".symbols.json")):
                    yield os.path.join(root, name)


def main():
    module, folders = sys.argv[1], sys.argv[2:]
    sources = os.path.realpath(os.path.join(os.path.dirname(__file__), "..", "..", "Sources", module)) + os.sep
    seen, missing, count = set(), [], 0
    for path in graphs(module, folders):
        with open(path, encoding="utf-8") as file:
            graph = json.load(file)
        for symbol in graph.get("symbols", []):
            location = symbol.get("location", {})
            file_path = os.path.realpath(unquote(urlparse(location.get("uri", "")).path))
            if symbol.get("accessLevel") not in ("public", "open") or not file_path.startswith(sources):
                continue
            key = symbol["identifier"]["precise"]
            if key in seen:
                continue
            seen.add(key)
            count += 1
            if not symbol.get("docComment", {}).get("lines"):
                line = location.get("position", {}).get("line", 0) + 1
                name = ".".join(symbol.get("pathComponents", [])) or symbol["names"]["title"]
                missing.append(f"{os.path.relpath(file_path)}:{line}: {name} has no doc comment")
    if count == 0:
        print(f"undocumented.py: no symbol graph of {module} found under {' '.join(folders)}", file=sys.stderr)
        return 2
    for line in sorted(missing):
        print(line)
    print(f"{module}: {count - len(missing)} of {count} public symbols documented", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
