#!/usr/bin/env python3
"""readme_example_sync.py README EXAMPLE: the README's C examples (the ```c blocks of "## C API", the first
after its #include lines) must be, in order, the lines between the BEGIN/END README EXAMPLE markers of
EXAMPLE, which the install tests build and run. Exit 1 with the first difference otherwise."""
import re
import sys

readme, example = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
api = readme[readme.index("## C API"):]
api = api[:re.search(r"^## (?!C API)", api, re.M).start()]
blocks = [b.splitlines() for b in re.findall(r"```c\n(.*?)```", api, re.S)]
begin, end = "/* BEGIN README EXAMPLE */\n", "/* END README EXAMPLE */"
bodies = [b.split(end)[0].splitlines() for b in example.split(begin)[1:]]
if not blocks or len(blocks) != len(bodies):
    print(f"README has {len(blocks)} C examples under \"## C API\", {sys.argv[2]} has {len(bodies)} marked ones")
    sys.exit(1)
for k, (block, body) in enumerate(zip(blocks, bodies), 1):
    block = [l for l in block if not l.startswith("#include")]
    while block and not block[0].strip():
        block.pop(0)
    if block != body:
        for i, (a, b) in enumerate(zip(block + [""] * len(body), body + [""] * len(block))):
            if a != b:
                print(f"README C example {k}, line {i + 1} differs from {sys.argv[2]}:\n  README:  {a!r}\n  example: {b!r}")
                break
        sys.exit(1)
print(f"README C examples: {len(bodies)} ({', '.join(str(len(b)) for b in bodies)} lines), the same as {sys.argv[2]}")
