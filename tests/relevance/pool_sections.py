#!/usr/bin/env python3
"""Pooled judging of new content sections (tests/relevance/README.md, "Method").

When the content gains a section, the judged queries say nothing about it, so wherever it ranks it
counts as not relevant. This finds the pairs to judge and records the grades:

  pool_sections.py pool FOLIO PACK SECTION_ID...
      Runs every judged query (queries.tsv and pending/round*.tsv) through `FOLIO search --json
      --limit 10`, plainly and with --prefix-last, and prints, tab-separated, `file<TAB>stratum<TAB>
      query<TAB>section` for each given section that appears in a top 10 and is neither judged in the
      query's file nor already graded in pooled.tsv. Hand that list to a judge who runs no engine and
      does not see the ranks. Leave out the pairs of a round written after the section existed: its
      writer read the whole export, so a section it did not judge is a 0 already.

  pool_sections.py merge GRADED.tsv
      GRADED.tsv is the pool's list with a fifth column, the judge's grade 0-3. Every row is appended
      to pooled.tsv (the record, zeros included, so a pair is never asked twice), and each grade of 1
      or more is added to the query's judgments in its file.

Exit status 1 on a malformed file or a query that cannot be found.
"""
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RECORD = os.path.join(HERE, 'pooled.tsv')


def judged_files():
    return [os.path.join(HERE, 'queries.tsv')] + sorted(glob.glob(os.path.join(HERE, 'pending', 'round*.tsv')))


def rel(path):
    return os.path.relpath(path, HERE)


def read_record():
    graded = set()
    if os.path.exists(RECORD):
        for n, line in enumerate(open(RECORD, encoding='utf-8'), 1):
            if not line.strip() or line.startswith('#'):
                continue
            parts = line.rstrip('\n').split('\t')
            if len(parts) != 5:
                sys.exit(f'{RECORD}:{n}: want 5 tab-separated fields')
            graded.add((parts[0], parts[2], parts[3]))
    return graded


def pool(folio, pack, sections):
    wanted = set(sections)
    graded = read_record()
    for path in judged_files():
        for line in open(path, encoding='utf-8'):
            if not line.strip() or line.startswith('#'):
                continue
            stratum, query, judgments = line.rstrip('\n').split('\t')
            judged = {j.partition('=')[0] for j in judgments.split()}
            found = set()
            for mode in ([], ['--prefix-last']):
                out = subprocess.run([folio, 'search', pack, '--json', '--limit', '10', *mode, '--', query],
                                     capture_output=True, text=True)
                hits = json.loads(out.stdout) if out.stdout.strip().startswith('[') else []
                found.update(h['slug'] + '#' + h['section'] for h in hits)
            for sid in sorted(found & wanted):
                if sid not in judged and (rel(path), query, sid) not in graded:
                    print('\t'.join([rel(path), stratum, query, sid]))


def merge(graded_path):
    rows = []
    for n, line in enumerate(open(graded_path, encoding='utf-8'), 1):
        parts = line.rstrip('\n').split('\t')
        if len(parts) != 5 or parts[4] not in ('0', '1', '2', '3'):
            sys.exit(f'{graded_path}:{n}: want file, stratum, query, section, grade 0-3')
        rows.append(parts)
    files = {}
    for f, _, query, sid, grade in rows:
        if grade == '0':
            continue
        lines = files.setdefault(f, open(os.path.join(HERE, f), encoding='utf-8').read().split('\n'))
        for i, l in enumerate(lines):
            parts = l.split('\t')
            if len(parts) == 3 and parts[1] == query:
                lines[i] = l + f' {sid}={grade}'
                break
        else:
            sys.exit(f'{f}: no query {query!r}')
    for f, lines in files.items():
        open(os.path.join(HERE, f), 'w', encoding='utf-8').write('\n'.join(lines))
    with open(RECORD, 'a', encoding='utf-8') as out:
        for f, stratum, query, sid, grade in rows:
            out.write('\t'.join([f, stratum, query, sid, grade]) + '\n')
    print(f'{len(rows)} graded pairs recorded, {sum(r[4] != "0" for r in rows)} judgments added')


if __name__ == '__main__':
    if len(sys.argv) >= 5 and sys.argv[1] == 'pool':
        pool(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif len(sys.argv) == 3 and sys.argv[1] == 'merge':
        merge(sys.argv[2])
    else:
        sys.exit(__doc__)
