#!/usr/bin/env python3
"""Checks the .meta files of the Unity package (com.huddle.sdk).

Unity finds every asset by the GUID in its .meta file: scenes, prefabs and
assembly references in a game name the package's scripts and plugins by it.
A GUID that changes between releases silently breaks those references, and
two assets with one GUID make Unity make one up. So:

- every file and folder Unity imports has a <name>.meta (Unity skips hidden
  names and folders ending in "~", such as Samples~ and Documentation~; metas
  there are optional, and checked like the others when present);
- every .meta has a GUID of 32 hex digits, unique in the package, and no .meta
  is left without its asset;
- the GUID of every asset listed in unity-guids.txt (beside this script) is
  the one listed there, and every asset is listed: the list is the record of
  the GUIDs ever released, kept forever (a removed asset's line stays, so the
  asset gets its GUID back if it returns).

New assets: run with --record, which writes the missing .meta files (GUID:
md5 of "com.huddle.sdk/<path>", or the listed GUID if the path was listed
before) and appends the new GUIDs to the list; commit both. It never changes
a listed GUID.

Usage: unity_guids.py [--record] [PACKAGE_DIR]   (default: bindings/csharp)
The release's Plugins/x86_64/libhuddle.so is listed too: scripts/release.sh
writes its .meta with the listed GUID.
"""
import hashlib
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LIST = os.path.join(HERE, "unity-guids.txt")
PACKAGE_NAME = "com.huddle.sdk"

IMPORTERS = {
    ".cs": "MonoImporter:\n  externalObjects: {}\n  serializedVersion: 2\n  defaultReferences: []\n"
           "  executionOrder: 0\n  icon: {instanceID: 0}\n",
    ".asmdef": "AssemblyDefinitionImporter:\n  externalObjects: {}\n",
}
TEXT = "TextScriptImporter:\n  externalObjects: {}\n"
FOLDER = "folderAsset: yes\nDefaultImporter:\n  externalObjects: {}\n"
TAIL = "  userData: \n  assetBundleName: \n  assetBundleVariant: \n"


def ignored(name):
    """Names Unity does not import (its documented rules, those that can occur here)."""
    return name.startswith(".") or name.endswith("~") or name.endswith(".tmp") or name.lower() == "cvs"


def walk(package):
    """(path, required) for every asset: required is False inside a folder Unity skips."""
    for dirpath, dirnames, filenames in os.walk(package):
        rel_dir = os.path.relpath(dirpath, package)
        parts = [] if rel_dir == "." else rel_dir.split(os.sep)
        required = not any(ignored(p) for p in parts)
        dirnames.sort()
        for name in dirnames + sorted(filenames):
            if name.startswith(".") or name.endswith(".meta"):
                continue
            path = "/".join(parts + [name])
            yield path, required and not ignored(name)


def metas(package):
    for dirpath, _, filenames in os.walk(package):
        for name in filenames:
            if name.endswith(".meta"):
                full = os.path.join(dirpath, name)
                yield os.path.relpath(full, package).replace(os.sep, "/")[: -len(".meta")]


def read_guid(package, path):
    with open(os.path.join(package, path + ".meta"), encoding="utf-8") as f:
        m = re.search(r"^guid: ([0-9a-f]{32})\s*$", f.read(), re.M)
    return m.group(1) if m else None


def read_list():
    listed = {}
    with open(LIST, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            guid, path = line.split(None, 1)
            if path in listed:
                sys.exit("%s:%d: %s listed twice" % (LIST, n, path))
            listed[path] = guid
    return listed


def derived(path):
    return hashlib.md5(("%s/%s" % (PACKAGE_NAME, path)).encode("utf-8")).hexdigest()


def meta_text(package, path, guid):
    full = os.path.join(package, path)
    if os.path.isdir(full):
        body = FOLDER
    elif os.path.basename(path) == "package.json":
        body = "PackageManifestImporter:\n  externalObjects: {}\n"
    else:
        body = IMPORTERS.get(os.path.splitext(path)[1], TEXT)
    return "fileFormatVersion: 2\nguid: %s\n%s%s" % (guid, body, TAIL)


def main(argv):
    record = "--record" in argv
    args = [a for a in argv if a != "--record"]
    package = os.path.abspath(args[0] if args else os.path.join(ROOT, "bindings", "csharp"))
    listed = read_list()
    problems, added = [], []

    assets = dict(walk(package))
    for path, required in sorted(assets.items()):
        has_meta = os.path.exists(os.path.join(package, path + ".meta"))
        if not has_meta and record and required:
            with open(os.path.join(package, path + ".meta"), "w", encoding="utf-8") as f:
                f.write(meta_text(package, path, listed.get(path) or derived(path)))
            has_meta = True
            print("wrote %s.meta" % path)
        if not has_meta:
            if required:
                problems.append("%s has no .meta (add it: %s --record)" % (path, os.path.relpath(__file__, ROOT)))
            continue
        guid = read_guid(package, path)
        if guid is None:
            problems.append("%s.meta has no 'guid: <32 hex digits>' line" % path)
        elif path in listed:
            if guid != listed[path]:
                problems.append("%s: GUID %s, but %s was released as %s; a changed GUID breaks every "
                                "project that references it" % (path, guid, path, listed[path]))
        elif record:
            listed[path] = guid
            added.append((guid, path))
        else:
            problems.append("%s (GUID %s) is not in %s (record it: %s --record)"
                            % (path, guid, os.path.relpath(LIST, ROOT), os.path.relpath(__file__, ROOT)))

    for path in sorted(set(metas(package)) - set(assets)):
        problems.append("%s.meta has no asset beside it" % path)

    owners = {}
    for path in assets:
        if os.path.exists(os.path.join(package, path + ".meta")):
            guid = read_guid(package, path)
            if guid:
                owners.setdefault(guid, []).append(path)
    for guid, paths in sorted(owners.items()):
        if len(paths) > 1:
            problems.append("GUID %s is shared by %s" % (guid, ", ".join(sorted(paths))))
    taken = {}
    for path, guid in listed.items():
        if guid in taken:
            problems.append("%s lists GUID %s for %s and %s" % (os.path.relpath(LIST, ROOT), guid, taken[guid], path))
        taken[guid] = path

    if added:
        with open(LIST, "a", encoding="utf-8") as f:
            for guid, path in added:
                f.write("%s  %s\n" % (guid, path))
                print("recorded %s %s" % (guid, path))

    checked = sum(1 for p in assets if os.path.exists(os.path.join(package, p + ".meta")))
    for p in problems:
        print("FAIL " + p)
    print("%d assets with a .meta checked in %s, %d problems" % (checked, package, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
