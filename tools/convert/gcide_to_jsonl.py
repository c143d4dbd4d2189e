#!/usr/bin/env python3
"""gcide_to_jsonl.py: convert Debian's dict-gcide (the GNU Collaborative International Dictionary of
English, dictd format) into a folio JSON Lines corpus: one article per headword (entries whose
headwords fold to the same lower-case form are merged), {"slug", "title", "body"} with a Markdown body.

    python3 tools/convert/gcide_to_jsonl.py [--dict /usr/share/dictd/gcide.dict.dz]
        [--index /usr/share/dictd/gcide.index] [--limit N] [--queries QUERIES.tsv] > gcide.jsonl

--queries also writes a known-item query set in the tests/relevance format (see README.md here):
headwords (stratum "title"), headwords with one typing error ("misspelled") and three distinctive
words of a definition ("definition"), each judged relevant to the entry it came from. The sample is
deterministic (a fixed seed)."""
import argparse
import gzip
import json
import random
import re
import sys
import unicodedata

B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
B64V = {c: i for i, c in enumerate(B64)}

# GCIDE's ASCII escapes for accented letters and symbols (the common ones; others lose their brackets).
ENTITIES = {
    '[=a]': 'ā', '[=e]': 'ē', '[=i]': 'ī', '[=o]': 'ō', '[=u]': 'ū', '[.a]': 'ȧ', '[.e]': 'ė',
    "[']": "'", '["]': '"', '[^]': '^', '[ae]': 'æ', '[AE]': 'Æ', '[oe]': 'œ', '[OE]': 'Œ',
    '[aum]': 'ä', '[eum]': 'ë', '[ium]': 'ï', '[oum]': 'ö', '[uum]': 'ü', '[cced]': 'ç',
    '[ntil]': 'ñ', '[acir]': 'â', '[ecir]': 'ê', '[icir]': 'î', '[ocir]': 'ô', '[ucir]': 'û',
    '[agrave]': 'à', '[egrave]': 'è', '[eacute]': 'é', '[aacute]': 'á', '[oacute]': 'ó',
    '[imac]': 'ī', '[amac]': 'ā', '[emac]': 'ē', '[omac]': 'ō', '[umac]': 'ū',
    '[deg]': '°', '[frac12]': '½', '[frac14]': '¼', '[frac34]': '¾', '[root]': '√',
}
ENTITY_RE = re.compile(r'\[[^\]\s]{1,8}\]')
MD_SPECIAL = re.compile(r'([\\`*_\[\]<>#|~])')


def b64(s):
    v = 0
    for ch in s:
        v = v * 64 + B64V[ch]
    return v


def clean_line(line):
    line = ENTITY_RE.sub(lambda m: ENTITIES.get(m.group(0), m.group(0)[1:-1]), line)
    line = line.replace('{', '').replace('}', '')
    return line


def entry_text(raw):
    """Plain paragraphs of one dictd entry: drop the headword line's \\markup\\, the [1913 Webster] tags."""
    lines = raw.split('\n')
    paras, cur = [], []
    for i, line in enumerate(lines):
        s = line.strip()
        if i == 0:
            s = re.sub(r'\\([^\\]*)\\', r'\1', s)
        if re.fullmatch(r'\[[^\]]*(Webster|WordNet|PJC|Century|Source)[^\]]*\]', s or '-'):
            continue
        if not s:
            if cur:
                paras.append(' '.join(cur))
                cur = []
            continue
        cur.append(clean_line(s))
    if cur:
        paras.append(' '.join(cur))
    return paras


def slugify(word):
    w = unicodedata.normalize('NFKD', word)
    w = ''.join(c for c in w if not unicodedata.combining(c)).lower()
    w = re.sub(r'[^a-z0-9]+', '-', w).strip('-')
    return w or 'x'


def md_escape(s):
    s = MD_SPECIAL.sub(r'\\\1', s)
    # a paragraph must not start like a list item, heading or quote
    s = re.sub(r'^(\d+)([.)])', r'\1\\\2', s)
    s = re.sub(r'^([-+=])', r'\\\1', s)
    return s


def typo(word, rng):
    if len(word) < 6:
        return None
    i = rng.randrange(1, len(word) - 1)
    op = rng.randrange(3)
    if op == 0:
        return word[:i] + word[i + 1:]                       # deletion
    if op == 1 and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]  # transposition
    c = rng.choice('aeiourstnl')
    return word[:i] + c + word[i + 1:] if c != word[i] else word[:i] + c + word[i:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--dict', default='/usr/share/dictd/gcide.dict.dz')
    ap.add_argument('--index', default='/usr/share/dictd/gcide.index')
    ap.add_argument('--limit', type=int, default=0, help='at most N articles (0: all)')
    ap.add_argument('--max-body', type=int, default=60000, help='truncate bodies to this many bytes')
    ap.add_argument('--queries', help='also write a known-item query set here')
    ap.add_argument('--query-count', type=int, default=300)
    a = ap.parse_args()

    data = gzip.open(a.dict).read()
    order, groups, seen = [], {}, set()
    with open(a.index, encoding='utf-8') as f:
        for line in f:
            parts = line.rstrip('\n').split('\t')
            if len(parts) != 3 or parts[0].startswith('00-') or parts[0].startswith('00database'):
                continue
            head, off, ln = parts[0], b64(parts[1]), b64(parts[2])
            if (off, ln) in seen:
                continue
            seen.add((off, ln))
            key = head.lower()
            if key not in groups:
                groups[key] = [head, []]
                order.append(key)
            groups[key][1].append((off, ln))

    slugs = set()
    articles = []
    for key in order:
        title, spans = groups[key]
        paras = []
        for off, ln in spans:
            paras.extend(entry_text(data[off:off + ln].decode('utf-8', 'replace')))
        body = '\n\n'.join(md_escape(p) for p in paras if p)
        if not body.strip():
            continue
        if len(body.encode()) > a.max_body:
            body = body.encode()[:a.max_body].decode('utf-8', 'ignore')
            body = body[:body.rfind(' ')] if ' ' in body else body
        base = slugify(title)
        slug, n = base, 2
        while slug in slugs:
            slug = '%s-%d' % (base, n)
            n += 1
        slugs.add(slug)
        articles.append((slug, title, body, paras))
        if a.limit and len(articles) >= a.limit:
            break

    out = sys.stdout
    for slug, title, body, _ in articles:
        out.write(json.dumps({'slug': slug, 'title': title, 'body': body}, ensure_ascii=False) + '\n')

    if a.queries:
        rng = random.Random(20261123)
        picks = rng.sample(range(len(articles)), min(a.query_count, len(articles)))
        stop = set('the a an of to in and or is be by for with as on at from that this which it its his her '
                   'their any one two not are was were has have had who whom what when where how into than '
                   'also see under obs same used esp'.split())
        with open(a.queries, 'w', encoding='utf-8') as q:
            q.write('# gcide known-item queries (generated by tools/convert/gcide_to_jsonl.py, seed 20261123)\n')
            for i, k in enumerate(picks):
                slug, title, body, paras = articles[k]
                kind = i % 3
                if kind == 0:
                    q.write('title\t%s\t%s=3\n' % (title, slug))
                elif kind == 1:
                    t = typo(title.lower(), rng) if re.fullmatch(r"[A-Za-z]+", title) else None
                    if t:
                        q.write('misspelled\t%s\t%s=3\n' % (t, slug))
                    else:
                        q.write('title\t%s\t%s=3\n' % (title, slug))
                else:
                    words = [w for w in re.findall(r"[A-Za-z]{5,}", ' '.join(paras[1:] or paras))
                             if w.lower() not in stop and w.lower() != title.lower()]
                    if len(words) >= 3:
                        start = rng.randrange(0, max(1, len(words) - 3))
                        q.write('definition\t%s\t%s=3\n' % (' '.join(words[start:start + 3]).lower(), slug))
                    else:
                        q.write('title\t%s\t%s=3\n' % (title, slug))
    print('gcide: %d articles' % len(articles), file=sys.stderr)


if __name__ == '__main__':
    main()
