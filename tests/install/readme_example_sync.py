#!/usr/bin/env python3
"""readme_example_sync.py README EXAMPLE: the README's C example (the ```c block of "## C API", after its
#include lines) must be the lines between the BEGIN/END README EXAMPLE markers of EXAMPLE, which the
install tests build and run. Exit 1 with the first difference otherwise."""
import sys

readme, example = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
api = readme[readme.index("## C API"):]
block = api[api.index("```c\n") + 5:]
block = block[:block.index("```")].splitlines()
block = [l for l in block if not l.startswith("#include")]
while block and not block[0].strip():
    block.pop(0)
begin, end = "/* BEGIN README EXAMPLE */\n", "/* END README EXAMPLE */"
body = example[example.index(begin) + len(begin):example.index(end)].splitlines()
if block != body:
    for i, (a, b) in enumerate(zip(block + [""] * len(body), body + [""] * len(block))):
        if a != b:
            print(f"README line {i + 1} of the C example differs from {sys.argv[2]}:\n  README:  {a!r}\n  example: {b!r}")
            break
    sys.exit(1)
print(f"README C example: {len(body)} lines, the same as {sys.argv[2]}")
