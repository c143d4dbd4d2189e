#!/usr/bin/env python3
"""stack_bound.py: the worst-case stack depth of every public engine function, from GCC's call graphs.

The engine is compiled with `-fstack-usage -fcallgraph-info=su` (GCC >= 10): each object gets a `.ci`
file (VCG) naming its functions with their frame sizes and their calls. This script joins them into one
call graph and, for each `folio_*` function the library exports, adds up the deepest chain of frames
below it. It fails (exit 1) when the bound cannot be known or is too large:

  - recursion (a cycle in the graph): convention 14 of STYLE.md, no recursion;
  - a frame of dynamic, unbounded size (alloca or a variable-length array);
  - an indirect call (a function pointer) reachable from a public function;
  - a public function whose bound exceeds --budget bytes.

Calls into code compiled elsewhere (zstd's decoder, memcpy and the other builtins) count as 0 bytes and
are listed, so the bound is the engine's own stack; zstd's decompression adds its own frames on top
(measured on the Cortex-M4 port, whose stack is painted, in platforms/baremetal).

usage: stack_bound.py [--budget BYTES] [--top N] DIR_OR_CI_FILE...
"""
import argparse
import itertools
import os
import re
import sys

NODE_RE = re.compile(r'^node: \{ title: "([^"]*)" label: "((?:[^"\\]|\\.)*)"')
EDGE_RE = re.compile(r'^edge: \{ sourcename: "([^"]*)" targetname: "([^"]*)"')
BYTES_RE = re.compile(r'\\n(\d+) bytes \(([a-z,]+)\)$')


def ci_files(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, _, files in os.walk(p):
                for f in sorted(files):
                    if f.endswith('.ci'):
                        yield os.path.join(root, f)
        else:
            yield p


def base_name(title):
    """The nested names of a mangled function (a file path GCC puts before a local one dropped), without
    its template arguments and parameters: the instances of one template share it.
    '/x/pack_open.cpp:_ZN5folio6detail12_GLOBAL__N_112rows_alignedINS_2fb3StrEEEb...' ->
    ('folio', 'detail', '_GLOBAL__N_1', 'rows_aligned')."""
    t = title.rsplit(':', 1)[-1]
    if not t.startswith('_ZN'):
        return (t,)
    i, names = 3, []
    while i < len(t) and t[i].isdigit():
        j = i
        while j < len(t) and t[j].isdigit():
            j += 1
        n = int(t[i:j])
        names.append(t[j:j + n])
        i = j + n
    return tuple(names)


def load(paths):
    """(defs, edges, labels, decl, nfiles): defs[(file, title)] = (bytes, qualifier) for the functions a
    file defines; edges[(file, title)] = callee titles as that file names them; labels[title] = its
    signature; decl[(file, title)] = the signature of a function a file only names."""
    defs, edges, labels, decl = {}, {}, {}, {}
    nfiles = 0
    for path in ci_files(paths):
        nfiles += 1
        with open(path, encoding='utf-8', errors='replace') as f:
            for line in f:
                m = NODE_RE.match(line)
                if m:
                    title, label = m.group(1), m.group(2)
                    b = BYTES_RE.search(label)
                    if b:
                        defs[(path, title)] = (int(b.group(1)), b.group(2))
                        labels[title] = label.split('\\n')[0]
                    else:
                        decl[(path, title)] = label.split('\\n')[0]
                    continue
                m = EDGE_RE.match(line)
                if m:
                    edges.setdefault((path, m.group(1)), []).append(m.group(2))
    return defs, edges, labels, decl, nfiles


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('paths', nargs='+')
    ap.add_argument('--budget', type=int, default=0, help='fail when a public function needs more (bytes)')
    ap.add_argument('--top', type=int, default=12, help='public functions to list, deepest first')
    args = ap.parse_args()

    defs, edges, labels, decl, nfiles = load(args.paths)
    if not defs:
        print(f'stack_bound: no function in {nfiles} .ci file(s) under {" ".join(args.paths)}: was the engine '
              'compiled with -fstack-usage -fcallgraph-info=su?', file=sys.stderr)
        return 1
    # A call resolves to the calling file's own definition first (static functions of two files may share
    # a name, and inline functions are defined in every file that uses them), else to the one file that
    # defines the name, else it is external.
    by_title, by_base = {}, {}
    for (path, title) in defs:
        by_title.setdefault(title, []).append(path)
        by_base.setdefault((path, base_name(title)), []).append((path, title))
    unresolved = set()

    def resolve(path, callee):
        """The definitions a call may reach: [] for a function compiled elsewhere."""
        # a complete-object constructor or destructor (C1, D1) is an alias GCC emits for the base one (C2, D2)
        names = [callee] + [callee.replace(a, b, 1) for a, b in (('C1E', 'C2E'), ('D1E', 'D2E')) if a in callee]
        for name in names:
            if (path, name) in defs:
                return [(path, name)]
            where = by_title.get(name)
            if where:
                return [(where[0], name)]
        # an engine function named but not defined: an instance GCC folded into an identical one (-Os) is
        # bounded by every instance of that template or overload the file defines; none is an error
        if callee.startswith('_ZN5folio') or ':_Z' in callee or 'folio' in decl.get((path, callee), ''):
            same = by_base.get((path, base_name(callee)), [])
            if not same:
                unresolved.add(decl.get((path, callee), callee))
            return same
        return []

    problems = []
    external = set()
    worst = {}       # node -> (bound, next node on the deepest chain)
    state = {}       # node -> 1 while on the DFS stack, 2 when done
    indirect_from = set()

    def visit(root):
        # iterative DFS (no recursion here either: call chains can be long)
        stack = [(root, iter(edges.get(root, ())))]
        state[root] = 1
        best = {root: (0, None)}
        pending = []
        while stack:
            node, it = stack[-1]
            advanced = False
            for callee in it:
                if callee == '__indirect_call':
                    indirect_from.add(node)
                    continue
                targets = resolve(node[0], callee)
                if not targets:
                    external.add(callee)
                    continue
                for target in targets:
                    s = state.get(target)
                    if s == 1:
                        cycle = [n[1] for n, _ in stack[[n for n, _ in stack].index(target):]] + [target[1]]
                        problems.append('recursion: ' + ' -> '.join(labels.get(t, t) for t in cycle))
                    elif s is None:
                        pending.append(target)
                    elif worst[target][0] > best[node][0]:
                        best[node] = (worst[target][0], target)
                if pending:
                    target = pending.pop()
                    # come back to this call's other targets after the first
                    stack[-1] = (node, itertools.chain([callee] if pending else [], it))
                    pending.clear()
                    state[target] = 1
                    best[target] = (0, None)
                    stack.append((target, iter(edges.get(target, ()))))
                    advanced = True
                    break
            if advanced:
                continue
            stack.pop()
            frame, qual = defs[node]
            if 'dynamic' in qual and 'bounded' not in qual:
                problems.append(f'unbounded frame: {labels.get(node[1], node[1])} ({qual})')
            worst[node] = (frame + best[node][0], best[node][1])
            state[node] = 2
            if stack:
                parent = stack[-1][0]
                if worst[node][0] > best[parent][0]:
                    best[parent] = (worst[node][0], node)

    public = sorted({n for n in defs if n[1].startswith('folio_')}, key=lambda n: n[1])
    for n in public:
        if n not in state:
            visit(n)

    # indirect calls reachable from a public function
    reach = set()
    todo = list(public)
    while todo:
        n = todo.pop()
        if n in reach:
            continue
        reach.add(n)
        for callee in edges.get(n, ()):
            if callee != '__indirect_call':
                todo.extend(resolve(n[0], callee))
    for u in sorted(unresolved):
        problems.append(f'an engine function is called but defined nowhere (its frame is unknown): {u}')
    for n in sorted(indirect_from & reach):
        problems.append(f'indirect call (unknown callee) in {labels.get(n[1], n[1])}')

    rows = sorted(((worst[n][0], n) for n in public), reverse=True)
    print(f'stack_bound: {len(defs)} functions in {nfiles} objects; {len(public)} public functions; '
          f'external callees (0 bytes here): {", ".join(sorted(external)) or "none"}')
    print(f'{"bytes":>7}  public function (deepest chain: frame bytes)')
    for bound, n in rows[:args.top]:
        chain, k = [], n
        while k is not None:
            chain.append(f'{k[1] if k[1].startswith("folio_") else labels.get(k[1], k[1]).split("(")[0]}:{defs[k][0]}')
            k = worst[k][1]
        print(f'{bound:>7}  {" > ".join(chain)}')
    deepest = rows[0][0] if rows else 0
    print(f'deepest public function: {deepest} bytes' + (f' (budget {args.budget})' if args.budget else ''))
    if args.budget and deepest > args.budget:
        problems.append(f'{rows[0][1][1]} needs {deepest} bytes of stack, over the budget of {args.budget}')
    for p in problems:
        print('stack_bound: ' + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
