#!/usr/bin/env python3
"""Summarises a callgrind dump of the .NET server (bench/load/profile.sh).

Callgrind knows no names for JIT-compiled code; the runtime's perf map
(DOTNET_PerfMapEnabled=1 writes /tmp/perf-PID.map) does. This maps every instruction's
cost to the managed method (or native object) it belongs to and prints instructions per
query in total, per object (coreclr, the JIT, libc, JIT-compiled code) and for the most
expensive methods, self and inclusive (self plus the calls it makes to other methods).

Usage: profile_report.py CALLGRIND_OUT PERF_MAP QUERIES [TOP [CALLERS_OF_REGEX]]
"""
import bisect
import re
import sys
from collections import defaultdict

NAME = re.compile(r"^\((\d+)\)(?: (.*))?$")


def load_map(path):
    entries = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.rstrip("\n").split(" ", 2)
            if len(parts) == 3:
                entries.append((int(parts[0], 16), int(parts[1], 16), parts[2]))
    entries.sort()
    return entries, [e[0] for e in entries]


def compressed(table, value):
    m = NAME.match(value)
    if not m:
        return value
    if m.group(2) is not None:
        table[m.group(1)] = m.group(2)
        return m.group(2)
    return table.get(m.group(1), value)


def main():
    out, perf_map, queries = sys.argv[1], sys.argv[2], int(sys.argv[3])
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 30
    callers_of = re.compile(sys.argv[5]) if len(sys.argv) > 5 else None
    entries, starts = load_map(perf_map)

    def symbol(obj, addr):
        if obj != "???" and not obj.startswith("/tmp/perf"):
            return obj.rsplit("/", 1)[-1]
        i = bisect.bisect_right(starts, addr) - 1
        if i >= 0 and addr < entries[i][0] + entries[i][1]:
            return entries[i][2]
        return "[unknown JIT/stub]"

    self_cost = defaultdict(int)
    call_cost = defaultdict(int)  # calls from one symbol into another
    by_object = defaultdict(int)
    edges = defaultdict(int)
    obs, fns = {}, {}
    obj = "???"
    addr = 0
    pending_call = None  # (target object, target address) of the next cost line
    total = 0
    with open(out, encoding="utf-8", errors="replace") as f:
        for line in f:
            c = line[0]
            if c == "o" and line.startswith("ob="):
                obj = compressed(obs, line[3:].strip())
                continue
            if c == "c":
                if line.startswith("cob="):
                    pending_call = [compressed(obs, line[4:].strip()), None]
                elif line.startswith("calls="):
                    target = line.split()[1]
                    if pending_call is None:
                        pending_call = [obj, None]
                    if target.startswith("0x"):
                        pending_call[1] = int(target, 16)
                    elif target[0] in "+-":
                        pending_call[1] = addr + int(target)
                elif line.startswith("cfn="):
                    if pending_call is None:
                        pending_call = [obj, None]
                continue
            if c in "0123456789+-*":
                parts = line.split()
                pos = parts[0]
                if pos.startswith("0x"):
                    addr = int(pos, 16)
                elif pos[0] in "+-":
                    addr += int(pos)
                cost = int(parts[-1]) if len(parts) >= 3 else 0
                here = symbol(obj, addr)
                if pending_call is not None:
                    tobj, taddr = pending_call
                    pending_call = None
                    target = symbol(tobj, taddr) if taddr is not None else None
                    if target != here:
                        call_cost[here] += cost
                        edges[(here, target)] += cost
                    continue
                self_cost[here] += cost
                total += cost
                kind = "JIT-compiled code and stubs" if obj == "???" else obj.rsplit("/", 1)[-1]
                by_object[kind] += cost
                continue
            if line.startswith(("fn=", "fl=", "fi=", "fe=")):
                if line.startswith("fn="):
                    compressed(fns, line[3:].strip())
                continue

    print(f"queries: {queries}")
    print(f"user-space instructions: {total:,}  per query: {total / queries:,.0f}")
    print()
    print("per object (instructions per query):")
    for kind, cost in sorted(by_object.items(), key=lambda kv: -kv[1]):
        if cost / queries >= 10:
            print(f"  {cost / queries:10,.0f}  {kind}")
    print()
    print(f"top {top} by self instructions per query (self, inclusive):")
    for name, cost in sorted(self_cost.items(), key=lambda kv: -kv[1])[:top]:
        incl = cost + call_cost.get(name, 0)
        print(f"  {cost / queries:8,.0f} {incl / queries:8,.0f}  {name[:150]}")
    print()
    print(f"top {top} by inclusive instructions per query:")
    incl_all = {n: self_cost.get(n, 0) + call_cost.get(n, 0) for n in set(self_cost) | set(call_cost)}
    for name, cost in sorted(incl_all.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {cost / queries:8,.0f}  {name[:150]}")

    if callers_of is not None:
        print()
        print(f"calls into methods matching {callers_of.pattern} (inclusive instructions per query: caller -> callee):")
        for (caller, callee), cost in sorted(edges.items(), key=lambda kv: -kv[1]):
            if callee is not None and callers_of.search(callee) and cost / queries >= 5:
                print(f"  {cost / queries:8,.0f}  {caller[:110]}  ->  {callee[:110]}")


if __name__ == "__main__":
    main()
