#!/usr/bin/env python3
"""Lists Swift and C files over 400 lines and functions (func, init; C functions) over 80 lines
under Sources/.

A function whose doc comment says why it is long (a line containing "Long because") is listed
as explained; scripts/long-functions.py --check exits 1 when an unexplained one remains.
Usage: scripts/long-functions.py [--check] [ROOT]"""
import os, re, sys

check = "--check" in sys.argv
args = [a for a in sys.argv[1:] if a != "--check"]
root = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "Sources")
start = re.compile(r"^(\s*)(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|private|fileprivate|static|mutating|nonmutating|override|final|convenience|required|@inlinable|nonisolated)\s+)*(func\s+[^\s(<]+|init[?!]?|deinit)\b")
# A C function definition: a line at column 0 that names a function and opens its body (or
# whose parameter list continues on the next lines).
cstart = re.compile(r"^()(?:static\s+)?[A-Za-z_][\w\s\*]*?\b([A-Za-z_]\w*)\s*\([^;]*$")
problems = 0
for folder, _, files in sorted(os.walk(root)):
    for name in sorted(files):
        if not name.endswith(".swift") and not name.endswith(".c"):
            continue
        path = os.path.join(folder, name)
        lines = open(path, encoding="utf-8").read().split("\n")
        if len(lines) - 1 > 400:
            print(f"{path}: {len(lines) - 1} lines (over 400)")
            problems += 1
        pattern = start if name.endswith(".swift") else cstart
        for i, line in enumerate(lines):
            m = pattern.match(line)
            if not m or "{" not in line and not lines[i + 1 : i + 4]:
                continue
            depth, seen, j = 0, False, i
            while j < len(lines):
                code = re.sub(r'"(?:[^"\\]|\\.)*"', '""', lines[j].split("//")[0])
                depth += code.count("{") - code.count("}")
                if "{" in code:
                    seen = True
                if seen and depth <= 0:
                    break
                if not seen and j > i and code.strip().endswith("}") is False and "{" not in code and j - i > 8:
                    break
                j += 1
            length = j - i + 1
            if seen and length > 80:
                doc = []
                k = i - 1
                while k >= 0 and lines[k].strip().startswith("///"):
                    doc.append(lines[k])
                    k -= 1
                explained = any("Long because" in d for d in doc)
                print(f"{path}:{i + 1}: {m.group(2)} is {length} lines{' (explained)' if explained else ''}")
                if not explained:
                    problems += 1
sys.exit(1 if check and problems else 0)
