#!/usr/bin/env bash
# cli_test.sh FOLIO PACK SRC: end-to-end checks of the folio command on the bundled content pack —
# outputs, --json validity, exit codes (0 ok, 1 not found, 2 usage, 3 corrupt) and atomic builds.
set -u
# In a cross build (platforms/ci/run-ports.sh) ctest sets FOLIO_EMULATOR (wine-run.sh, or qemu with its
# options) and, for Windows, FOLIO_TARGET_WINDOWS=1.
folio=$1 pack=$2 src=$3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
windows=${FOLIO_TARGET_WINDOWS:-0}
if [ -n "${FOLIO_EMULATOR:-}" ]; then
  # one path that runs the target's folio, for the checks below and the Python parts alike
  printf '#!/usr/bin/env bash\nexec %s %q "$@"\n' "$FOLIO_EMULATOR" "$folio" >"$tmp/folio-emulated"
  chmod +x "$tmp/folio-emulated"
  folio=$tmp/folio-emulated
  echo "cli_test: folio runs under $FOLIO_EMULATOR"
fi
fails=0 checks=0
check() {  # check NAME EXPECTED_RC CMD...
  local name=$1 want=$2; shift 2
  checks=$((checks + 1))
  "$@" >"$tmp/out" 2>"$tmp/err"; local rc=$?
  if [ "$rc" -ne "$want" ]; then
    echo "FAIL: $name: exit $rc, expected $want"; sed 's/^/    /' "$tmp/err" | head -5; fails=$((fails + 1)); return 1
  fi
}
contains() {  # contains NAME FILE PATTERN
  checks=$((checks + 1))
  if ! grep -qE -- "$3" "$2"; then echo "FAIL: $1: no match for '$3'"; head -c 400 "$2" | sed 's/^/    /'; fails=$((fails + 1)); fi
}
json_ok() {  # json_ok NAME FILE
  checks=$((checks + 1))
  if ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$2" 2>/dev/null; then echo "FAIL: $1: not JSON"; fails=$((fails + 1)); fi
}

# help and usage
check "folio --help" 0 "$folio" --help; contains "help lists get" "$tmp/out" "folio get PACK"
for c in build lint info get suggest glossary topics verify export browse; do
  check "$c --help" 0 "$folio" "$c" --help
done
check "no command" 2 "$folio"
check "unknown command" 2 "$folio" frobnicate
check "get without slug" 2 "$folio" get "$pack"
check "bad --format" 2 "$folio" get "$pack" faq --format pdf

# info
check "info" 0 "$folio" info "$pack"; contains "info title" "$tmp/out" "Stem cell therapy for knees"
contains "info disclaimer" "$tmp/out" "not medical advice"
check "info --json" 0 "$folio" info "$pack" --json; json_ok "info json" "$tmp/out"
python3 - "$tmp/out" <<'PY' || { echo "FAIL: info json fields"; fails=$((fails + 1)); }
import json, sys
j = json.load(open(sys.argv[1]))
assert j["articles"] >= 25 and j["glossary"] >= 50 and j["references"] > 0, j
assert 0 < j["workspace_bytes"] <= 256 * 1024, j["workspace_bytes"]
assert j["format"].startswith("1."), j["format"]
assert j["topics"] and all(set(t) == {"topic", "articles"} for t in j["topics"]), j["topics"]  # as topics --json
PY

# get: article, section, title fallback, formats, not found
check "get article" 0 "$folio" get "$pack" what-are-stem-cells; contains "get title" "$tmp/out" "^What are stem cells"
contains "get references list" "$tmp/out" "^\[1\] "
check "get section" 0 "$folio" get "$pack" "faq#is-stem-cell-therapy-approved-by-the-fda"
contains "get section heading" "$tmp/out" "approved"
check "get by title" 0 "$folio" get "$pack" "Frequently asked questions"
check "get html" 0 "$folio" get "$pack" what-are-stem-cells --format html
contains "html heading" "$tmp/out" "<h1>"; contains "html citation" "$tmp/out" 'class="cite"'
contains "html glossary" "$tmp/out" "<dfn data-term="
check "get json" 0 "$folio" get "$pack" what-are-stem-cells --json; json_ok "get json" "$tmp/out"
python3 - "$tmp/out" <<'PY' || { echo "FAIL: get json fields"; fails=$((fails + 1)); }
import json, sys
j = json.load(open(sys.argv[1]))
assert j["slug"] == "what-are-stem-cells" and j["sources"] and j["sections"] and j["text"] and j["html"], j.keys()
assert all("id" in s and "n" in s for s in j["sources"])
PY
check "get unknown slug" 1 "$folio" get "$pack" no-such-article
contains "did you mean" "$tmp/err" "no such article"
check "get unknown anchor" 1 "$folio" get "$pack" "faq#no-such-anchor"
contains "unknown anchor of a known article" "$tmp/err" "^folio get: faq#no-such-anchor: no such section$"
contains "nothing near: the article's sections, in order" "$tmp/err" "^sections of faq:$"
checks=$((checks + 1)); [ "$(sed -n 3p "$tmp/err")" = "  faq#what-is-a-stem-cell" ] || { echo "FAIL: first section of faq listed first"; fails=$((fails + 1)); }
# a misspelled slug, title or anchor: what the pack has nearest ("did you mean" on stderr, still exit 1)
check "get misspelled slug" 1 "$folio" get "$pack" knee-surgry; contains "slug typo" "$tmp/err" "^did you mean: knee-surgery$"
check "get misspelled anchor" 1 "$folio" get "$pack" "knee-surgery#keyhole-surgry-arthroscopy"
contains "anchor typo" "$tmp/err" "^did you mean: knee-surgery#keyhole-surgery-arthroscopy$"
check "get anchor started" 1 "$folio" get "$pack" "knee-surgery#keyhole"
contains "anchor prefix" "$tmp/err" "^did you mean: knee-surgery#keyhole-surgery-arthroscopy$"
check "get misspelled slug and anchor" 1 "$folio" get "$pack" "kne-surgery#keyhole-surgery-arthroscop"
contains "both typos" "$tmp/err" "^did you mean: knee-surgery#keyhole-surgery-arthroscopy$"
check "get title with anchor" 0 "$folio" get "$pack" "Knee surgery and when it makes sense#keyhole-surgery-arthroscopy"
contains "title#anchor" "$tmp/out" "^Keyhole surgery \(arthroscopy\)$"
check "get misspelled title" 1 "$folio" get "$pack" "Knee surgry and when it makes sense"
contains "title typo" "$tmp/err" "^did you mean: knee-surgery$"

# suggest
check "suggest" 0 "$folio" suggest "$pack" kne; contains "suggest knee" "$tmp/out" "[Kk]nee"
check "suggest accent/case folded" 0 "$folio" suggest "$pack" "KNÉE"
check "suggest --json" 0 "$folio" suggest "$pack" st --limit 3 --json; json_ok "suggest json" "$tmp/out"
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert 1 <= len(a) <= 3 and all("slug" in e for e in a)' "$tmp/out" \
  || { echo "FAIL: suggest --limit"; fails=$((fails + 1)); }
check "suggest nothing" 1 "$folio" suggest "$pack" zzzzqx
# nothing starts with a misspelled prefix: the suggestions for it as the search corrects it, reported
check "suggest misspelled" 0 "$folio" suggest "$pack" injecton; contains "suggest typo reported" "$tmp/out" "^Showing suggestions for: injection$"
contains "suggest typo finds" "$tmp/out" "^injection-options "
check "suggest misspelled json" 0 "$folio" suggest "$pack" stem cel kne --json
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert a and all(e["corrected"] == "stem cell kne" for e in a), a' "$tmp/out" \
  || { echo "FAIL: suggest corrected json"; fails=$((fails + 1)); }
check "suggest exact keeps no correction" 0 "$folio" suggest "$pack" injection --json
checks=$((checks + 1)); grep -q corrected "$tmp/out" && { echo "FAIL: suggest reported a correction it did not make"; fails=$((fails + 1)); }
check "suggest bad limit" 2 "$folio" suggest "$pack" kne --limit 0

# glossary
check "glossary everyday word" 0 "$folio" glossary "$pack" kneecap; contains "kneecap → patella" "$tmp/out" "^Patella"
check "glossary abbreviation" 0 "$folio" glossary "$pack" OA --json; json_ok "glossary json" "$tmp/out"
contains "OA → osteoarthritis" "$tmp/out" '"term": ?"Osteoarthritis"'
check "glossary unknown" 1 "$folio" glossary "$pack" "flux capacitor"
checks=$((checks + 1)); grep -q "did you mean" "$tmp/err" && { echo "FAIL: glossary offered a term for flux capacitor"; fails=$((fails + 1)); }
check "glossary as the glossary writes it" 0 "$folio" glossary "$pack" "Platelet-rich plasma (PRP)"; contains "term (ABBR)" "$tmp/out" "^Platelet-rich plasma \(PRP\)$"
check "glossary misspelled" 1 "$folio" glossary "$pack" bmca
contains "glossary typo" "$tmp/err" "^did you mean: bmac \(Bone marrow aspirate concentrate\)\?$"
check "glossary misspelled question" 1 "$folio" glossary "$pack" "what is a placbo"
contains "glossary question typo" "$tmp/err" "^did you mean: what is a placebo \(Placebo\)\?$"
check "glossary question" 0 "$folio" glossary "$pack" "What does BMAC stand for?"; contains "question → BMAC" "$tmp/out" "^Bone marrow aspirate concentrate"
check "glossary plural" 0 "$folio" glossary "$pack" "stem cells"; contains "plural → stem cell" "$tmp/out" "^Stem cell$"
check "glossary: a query about something else" 1 "$folio" glossary "$pack" "placebo for knee pain"
check "glossary unquoted words" 0 "$folio" glossary "$pack" what is a placebo; contains "unquoted question" "$tmp/out" "^Placebo$"
check "suggest unquoted words" 0 "$folio" suggest "$pack" stem cell r --json; json_ok "suggest words json" "$tmp/out"
contains "suggest words are one prefix" "$tmp/out" '"matched": ?"stem cell r'
# search: a definition card above the hits when the query asks about a glossary term; none otherwise;
# --json stays an array of hits
check "search card" 0 "$folio" search "$pack" "what is a placebo?"; contains "search card" "$tmp/out" "^Placebo \(glossary\): A dummy treatment"
contains "search card then hits" "$tmp/out" "^ 1\. "
# the card follows the query as searched: corrected when it was
check "search card corrected" 0 "$folio" search "$pack" "what is a placbo" --limit 1
contains "corrected card" "$tmp/out" "^Placebo \(glossary\): A dummy treatment"
contains "corrected card reported" "$tmp/out" "^Showing results for: what is a placebo$"
check "search card corrected abbreviation" 0 "$folio" search "$pack" bmca --limit 1
contains "bmca card" "$tmp/out" "^Bone marrow aspirate concentrate \(glossary\)"
# letters spelled out by voice dictation: the card of the abbreviation ("a" is a letter here, not an
# article), and hits with the abbreviation itself, not the letters
check "search spelled letters" 0 "$folio" search "$pack" "what is a c l"; contains "a c l card" "$tmp/out" "^Anterior cruciate ligament \(glossary\)"
check "search spelled letters json" 0 "$folio" search "$pack" "the doctor wants to do b m a c what does b m a c stand for" --json --limit 1
contains "b m a c hit" "$tmp/out" '"section": ?"bmac"'
check "search no card" 0 "$folio" search "$pack" "placebo for knee pain"
checks=$((checks + 1)); grep -q "(glossary)" "$tmp/out" && { echo "FAIL: a card for a query that is not about a term"; fails=$((fails + 1)); }
# typo correction: a real word the content lacks is kept as typed unless one edit fits the other words
check "search real word" 0 "$folio" search "$pack" "can I play darts afterwards"
checks=$((checks + 1)); grep -q "Showing results for" "$tmp/out" && { echo "FAIL: darts/afterwards corrected"; fails=$((fails + 1)); }
check "search real-word typo" 0 "$folio" search "$pack" "clinical trail"; contains "trail -> trial" "$tmp/out" "^Showing results for: clinical trial$"
check "search real word alone" 1 "$folio" search "$pack" "knew"; contains "did you mean" "$tmp/out" "^no results; did you mean: knee\?$"
contains "knew is in no section" "$tmp/out" "^no section has: knew$"
# the words no section has are named above partial hits, in --json per hit, and on stderr with no hit
check "search missing word" 0 "$folio" search "$pack" "hovercraft knee" --limit 1 --no-snippets
contains "missing word named" "$tmp/out" "^\(no section has: hovercraft; best matches for the other words\)$"
check "search missing json" 0 "$folio" search "$pack" "hovercraft knee" --limit 1 --json; json_ok "missing json" "$tmp/out"
contains "missing in json" "$tmp/out" '"missing": ?"hovercraft"'
check "search missing json no hit" 1 "$folio" search "$pack" "hovercraft" --json
contains "no hit: empty array" "$tmp/out" '^\[\]$'
contains "no hit: missing on stderr" "$tmp/err" "^folio search: no section has: hovercraft$"
check "search typo" 0 "$folio" search "$pack" "osteoarthritus"; contains "typo corrected" "$tmp/out" "^Showing results for: osteoarthritis$"
check "search prefix typo" 0 "$folio" search "$pack" "mensic*"; contains "misspelled prefix corrected" "$tmp/out" "^Showing results for: menisc\\*$"
contains "misspelled prefix finds the meniscus section" "$tmp/out" "#meniscus\\]"
check "search synonym completion" 0 "$folio" search --prefix-last "$pack" "why is it so expens"; contains "a prefix of a synonym-only word" "$tmp/out" "cost-and-insurance#"
check "search card json" 0 "$folio" search "$pack" "what is a placebo?" --json; json_ok "search json" "$tmp/out"
# a query that starts with an exclusion is a query, not an unknown option; unquoted words are one query
check "search leading exclusion" 0 "$folio" search "$pack" "-surgery knee replacement" --limit 3 --no-snippets
contains "leading exclusion hits" "$tmp/out" "^ 1\. "
if grep -q "knee-surgery#" "$tmp/out"; then echo "FAIL: -surgery did not exclude"; fails=$((fails + 1)); fi
checks=$((checks + 1))
check "search words unquoted" 0 "$folio" search "$pack" -n 1 steroid shot vs stem cells --no-snippets
contains "unquoted words are one query" "$tmp/out" "injection-options#steroid-shot-versus-stem-cells"
check "search only exclusions" 2 "$folio" search "$pack" -- -knee; contains "nothing to search" "$tmp/err" "nothing to search for"
check "search unknown long option" 2 "$folio" search "$pack" knee --nosuch; contains "unknown option" "$tmp/err" "unknown option --nosuch"
check "search -n value" 0 "$folio" search "$pack" knee -n2 --json; json_ok "search -n2 json" "$tmp/out"
python3 - "$tmp/out" <<'PY' || { echo "FAIL: -n2 gave other than 2 hits"; fails=$((fails + 1)); }
import json, sys
assert len(json.load(open(sys.argv[1]))) == 2
PY
python3 - "$tmp/out" <<'PY' || { echo "FAIL: search --json is not an array of hits"; fails=$((fails + 1)); }
import json, sys
j = json.load(open(sys.argv[1]))
assert isinstance(j, list) and j and all("slug" in h and "snippet" in h for h in j), j
PY

# topics, export, verify
check "topics" 0 "$folio" topics "$pack" --json; json_ok "topics json" "$tmp/out"
check "topic unknown" 1 "$folio" topics "$pack" no-such-topic
check "export" 0 "$folio" export "$pack" --format jsonl
python3 - "$tmp/out" "$folio" "$pack" <<'PY' || { echo "FAIL: export lines"; fails=$((fails + 1)); }
import json, subprocess, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
info = json.loads(subprocess.run([sys.argv[2], "info", sys.argv[3], "--json"], capture_output=True, text=True).stdout)
assert len(lines) == info["sections"], (len(lines), info["sections"])
assert all(set(l) == {"slug", "section", "title", "heading", "text"} for l in lines)
assert sum(1 for l in lines if l["section"] == "") == info["articles"]   # one lead per article
PY
check "verify" 0 "$folio" verify "$pack"

# browse (stdin not a terminal): suggestions, search hits with snippets, opening a numbered result
checks=$((checks + 1))
printf 'steroid shot\n2\n:get faq\nwhat is OA\ntopic:costs\n:q\n' | "$folio" browse "$pack" >"$tmp/browse" 2>&1 || { echo "FAIL: browse exit"; fails=$((fails + 1)); }
contains "browse suggestion" "$tmp/browse" "^  1\. Knee injections compared"
contains "browse search hit" "$tmp/browse" "^  2\. .* › "
contains "browse opens a section" "$tmp/browse" "^-{5,}"
contains "browse :get" "$tmp/browse" "^Frequently asked questions"
contains "browse definition card" "$tmp/browse" "^  Osteoarthritis: The most common"
contains "browse names an unknown topic and the nearest" "$tmp/browse" "^  \(did you mean: topic:cost\?\)$"
# a misspelled word: the titles and the card for it as the search corrected it
printf 'injecton\nwhat is a placbo\n:q\n' | "$folio" browse "$pack" >"$tmp/browse" 2>&1 || { echo "FAIL: browse typo exit"; fails=$((fails + 1)); }
contains "browse corrected suggestion" "$tmp/browse" "^  1\. Risks and side effects of stem cell knee injections  \[risks-and-side-effects\]$"
contains "browse corrected card" "$tmp/browse" "^  Placebo: A dummy treatment"
# :get takes what folio get takes (a title, a misspelled slug gets its did-you-mean); :help; an unknown command
printf ':help\n:get knee-surgry\n:get Knee surgery and when it makes sense#keyhole-surgery-arthroscopy\n:x\n:q\n' |
  "$folio" browse "$pack" >"$tmp/browse" 2>&1 || { echo "FAIL: browse :get exit"; fails=$((fails + 1)); }
contains "browse :help" "$tmp/browse" "^  :get SLUG\[#anchor\] \(or a title\) opens an article or section; :q quits\.$"
contains "browse :get did you mean" "$tmp/browse" "^  knee-surgry: no such article or section$"
contains "browse :get did you mean names it" "$tmp/browse" "^  did you mean: knee-surgery$"
contains "browse :get title#anchor" "$tmp/browse" "^Keyhole surgery \(arthroscopy\)$"
contains "browse unknown command" "$tmp/browse" "^  unknown command :x "
check "browse usage" 2 "$folio" browse
# browse while an update rewrites the pack: the pack is read into memory, so an in-place rewrite cannot
# reach it; a truncated file on disk is refused and the old pack goes on answering; a complete new pack is
# opened and used. Each step waits for the prompt's answer to the line before (up to 30 s), so the order
# of file changes and lines is fixed.
wait_for() {  # wait_for NAME FILE PATTERN: until PATTERN appears in FILE
  local i
  checks=$((checks + 1))
  for i in $(seq 300); do grep -qE -- "$3" "$2" && return 0; sleep 0.1; done
  echo "FAIL: $1: no '$3' after 30 s"; head -c 600 "$2" | sed 's/^/    /'; fails=$((fails + 1)); return 1
}
cp "$pack" "$tmp/live.folio"
"$folio" build "$src/platforms/baremetal/fixture.jsonl" -o "$tmp/small.folio" --quiet
mkfifo "$tmp/browse_in"
"$folio" browse "$tmp/live.folio" <"$tmp/browse_in" >"$tmp/browse_live" 2>&1 &
browse_pid=$!
exec 7>"$tmp/browse_in"
wait_for "browse live: banner" "$tmp/browse_live" "^Stem cell therapy for knees — "
echo "steroid shot" >&7
wait_for "browse live: first answer" "$tmp/browse_live" "Steroid shot versus stem cells"
head -c 5000 "$pack" >"$tmp/live.folio"   # rewritten in place and cut short, as a failing copy leaves it
echo "hip bone" >&7
wait_for "browse live: truncated update refused" "$tmp/browse_live" "changed but does not open: pack is truncated; still answering"
wait_for "browse live: old pack still answers" "$tmp/browse_live" "Bone marrow or fat\\? Cell sources compared › Bone marrow aspirate"
echo ":get faq" >&7
wait_for "browse live: old pack still renders" "$tmp/browse_live" "^Frequently asked questions"
cp "$tmp/small.folio" "$tmp/live.folio"
echo "cartilage" >&7
wait_for "browse live: new pack opened" "$tmp/browse_live" "updated on disk: now fixture, 5 articles"
wait_for "browse live: new pack answers" "$tmp/browse_live" "^  1\. Cartilage  \[cartilage\]"
echo ":q" >&7
exec 7>&-
wait "$browse_pid"; browse_rc=$?
checks=$((checks + 1))
[ "$browse_rc" -eq 0 ] || { echo "FAIL: browse live: exit $browse_rc"; fails=$((fails + 1)); }
checks=$((checks + 1))
[ "$(grep -c 'does not open' "$tmp/browse_live")" -eq 1 ] || { echo "FAIL: browse live: the same refusal said twice"; fails=$((fails + 1)); }

# the README's example sessions (`$ folio suggest|glossary|search build/content.folio …`) print what the
# README shows (scores aside), so the examples stay true when the content or the ranking changes
python3 - "$src/README.md" "$folio" "$pack" <<'PY' || { echo "FAIL: README examples differ from the CLI's output"; fails=$((fails + 1)); }
import re, shlex, subprocess, sys
readme, folio, pack = sys.argv[1:4]
lines = open(readme, encoding="utf-8").read().splitlines()
bad = n = 0
for i, line in enumerate(lines):
    m = re.match(r"^\$ folio (suggest|glossary|search) build/content\.folio (.*)$", line)
    if not m:
        continue
    shown = []
    for l in lines[i + 1:]:
        if l.startswith("$ ") or l.startswith("```"):
            break
        shown.append(l)
    args = shlex.split(m.group(2).split("#")[0])
    out = subprocess.run([folio, m.group(1), pack] + args, capture_output=True, text=True).stdout.splitlines()
    strip = lambda ls: [re.sub(r"  -?[0-9]+\.[0-9]+$", "", l) for l in ls if l.strip()]
    n += 1
    if strip(shown) != strip(out)[:len(strip(shown))] or len(strip(out)) != len(strip(shown)):
        bad += 1
        print(f"README line {i + 1}: {line}\n  README shows: {strip(shown)}\n  CLI prints:   {strip(out)}")
print(f"README examples: {n} checked, {bad} differ")
sys.exit(1 if bad or n < 3 else 0)
PY

# corrupt packs → 3; missing file → 2
head -c 1000 "$pack" >"$tmp/trunc.folio"
check "truncated pack" 3 "$folio" info "$tmp/trunc.folio"
python3 - "$pack" "$tmp/flip.folio" <<'PY'
import sys
d = bytearray(open(sys.argv[1], "rb").read()); d[-100] ^= 0xFF   # inside the last article's frame
open(sys.argv[2], "wb").write(d)
PY
check "flipped byte: verify" 3 "$folio" verify "$tmp/flip.folio"
printf 'not a pack at all, just text\n%.0s' {1..10} >"$tmp/text.folio"
check "not a pack" 3 "$folio" info "$tmp/text.folio"
check "missing file" 2 "$folio" info "$tmp/nope.folio"
check "missing file: verify --json" 2 "$folio" verify "$tmp/nope.folio" --json; json_ok "verify failure json" "$tmp/out"
contains "verify failure says why" "$tmp/out" '"status": ?"cannot read: no such file"'
check "truncated pack: verify --json" 3 "$folio" verify "$tmp/trunc.folio" --json
contains "verify truncated says why" "$tmp/out" '"status": ?"pack is truncated"'
# a directory or a query file with no query: a message and exit 2 from every command (search and eval
# once threw std::length_error on a directory and aborted)
mkdir "$tmp/dir"
for c in info search eval; do
  case $c in
    info) check "$c on a directory" 2 "$folio" info "$tmp/dir" ;;
    search) check "$c on a directory" 2 "$folio" search "$tmp/dir" knee ;;
    eval) check "$c on a directory" 2 "$folio" eval "$tmp/dir" "$src/tests/relevance/queries.tsv" ;;
  esac
  contains "$c: is a directory" "$tmp/err" "cannot read: is a directory"
done
check "eval: queries file is a directory" 2 "$folio" eval "$pack" "$tmp/dir"; contains "eval dir queries" "$tmp/err" "is a directory"
: >"$tmp/none.tsv"
check "eval: no queries" 2 "$folio" eval "$pack" "$tmp/none.tsv"; contains "eval no queries" "$tmp/err" "no queries"
# several query files are scored as one set; the gate's floors can be set, and only with --gate
printf 'title\twhat are stem cells\twhat-are-stem-cells=3\n' >"$tmp/q1.tsv"
printf 'title\tthis matches nothing zzqx\tfaq#no-such-anchor\n' >"$tmp/q2.tsv"
check "eval: two files" 0 "$folio" eval "$pack" "$tmp/q1.tsv" "$tmp/q2.tsv" --json; json_ok "eval two files json" "$tmp/out"
python3 - "$tmp/out" <<'PY' || { echo "FAIL: eval two files scored as one set"; fails=$((fails + 1)); }
import json, sys
j = json.load(open(sys.argv[1]))
assert j["all"]["n"] == 2 and abs(j["all"]["mrr10"] - 0.5) < 1e-9, j["all"]
PY
check "eval: floor met" 0 "$folio" eval "$pack" "$tmp/q1.tsv" --gate --min-mrr 1 --min-s3 1
check "eval: floor missed" 1 "$folio" eval "$pack" "$tmp/q1.tsv" "$tmp/q2.tsv" --gate --min-mrr 0.6 --min-s3 0.4
contains "eval: floor named" "$tmp/out" "MRR@10 >= 0.60, S@3 >= 0.40.*FAIL"
check "eval: floor without --gate" 2 "$folio" eval "$pack" "$tmp/q1.tsv" --min-mrr 0.5; contains "eval floor needs gate" "$tmp/err" "requires --gate"
check "eval: floor out of range" 2 "$folio" eval "$pack" "$tmp/q1.tsv" --gate --min-s3 1.5
check "eval: one file missing" 2 "$folio" eval "$pack" "$tmp/q1.tsv" "$tmp/nope.tsv"; contains "eval missing file named" "$tmp/err" "nope.tsv: cannot read"
# an empty or invalid UTF-8 query argument: exit 2 and a message, as search does
for c in get suggest glossary; do
  check "$c empty" 2 "$folio" $c "$pack" ""; contains "$c empty says so" "$tmp/err" "is empty"
done
check "search empty" 2 "$folio" search "$pack" ""
if [ "$windows" = 1 ]; then
  # A Windows command line is UTF-16: a byte that is not UTF-8 reaches folio as U+FFFD, a valid (and
  # unknown) word, which folio reports as it is.
  for c in get glossary; do
    check "$c invalid UTF-8 (arrives as U+FFFD)" 1 "$folio" $c "$pack" "$(printf 'kne\xff')"
    contains "$c shows the U+FFFD it got" "$tmp/err" "$(printf 'kne\xef\xbf\xbd'): no such"
  done
  check "search invalid UTF-8 (arrives as U+FFFD)" 1 "$folio" search "$pack" "$(printf 'kne\xff')"
  check "suggest invalid UTF-8 (arrives as U+FFFD)" 0 "$folio" suggest "$pack" "$(printf 'kne\xff')"
else
  for c in get suggest glossary; do
    check "$c invalid UTF-8" 2 "$folio" $c "$pack" "$(printf 'kne\xff')"; contains "$c UTF-8 says so" "$tmp/err" "not valid UTF-8"
  done
  check "search invalid UTF-8" 2 "$folio" search "$pack" "$(printf 'kne\xff')"; contains "search UTF-8" "$tmp/err" "UTF-8"
fi
check "search unknown audience" 2 "$folio" search "$pack" "audience:foo knee"; contains "audience named" "$tmp/err" "unknown audience 'foo'"
check "search empty audience" 2 "$folio" search "$pack" "knee audience:"; contains "empty audience named" "$tmp/err" "unknown audience ''"
# searching as you type, a filter at the end is the start of its value (none yet: no filter)
check "search typed audience" 0 "$folio" search "$pack" "knee audience:cli" --prefix-last
check "search typed empty audience" 0 "$folio" search "$pack" "knee audience:" --prefix-last
check "search typed topic" 0 "$folio" search "$pack" "knee topic:basi" --prefix-last; contains "typed topic filters" "$tmp/out" "stem-cell"
check "search unknown topic" 1 "$folio" search "$pack" "topic:costs knee"; contains "unknown topic named" "$tmp/out" "no section has: topic:costs"
contains "unknown topic: the nearest named" "$tmp/out" "^did you mean: topic:cost\?$"
check "search unknown topic, none near" 1 "$folio" search "$pack" "topic:xq knee"; contains "none near: the topics listed" "$tmp/out" "^topics in this pack: .*cost"
check "search unknown article --json" 1 "$folio" search "$pack" "article:nosuch" --json; contains "unknown article on stderr" "$tmp/err" "no section has: article:nosuch"
check "search misspelled article" 1 "$folio" search "$pack" "knee article:knee-surgry"; contains "article typo" "$tmp/out" "^did you mean: article:knee-surgery\?$"
# folio topics: a topic in any case; an unknown one gets the nearest names, else the list
check "topics any case" 0 "$folio" topics "$pack" Cost; contains "Cost is cost" "$tmp/out" "^cost-and-insurance "
check "topics misspelled" 1 "$folio" topics "$pack" cots; contains "topic typo" "$tmp/err" "^did you mean: cost$"
check "topics unknown" 1 "$folio" topics "$pack" xq; contains "topics listed" "$tmp/err" "^topics in this pack: alternatives, "

# the bundled content lints clean: a warning (a synonym group too large to search whole, say) fails here
check "lint bundled content" 0 "$folio" lint "$src/content"; contains "bundled content has no warning" "$tmp/err" "ok: 0 warning\(s\)"

# build: atomic, deterministic, all errors reported, nothing written on failure. On the 5-article
# fixture, once with the bundled lexicon for --json's lexicon figures (1.3 s on the host; the bundled
# content takes 3 s, and half a minute under ASan or qemu):
# the bundled content's own build is compared with the test pack the CLI wrote, in every suite, by the
# Catch2 test "bundled content: lint result is stable and builds are reproducible".
fixture=$src/platforms/baremetal/fixture.jsonl
check "build --json" 0 "$folio" build "$fixture" -o "$tmp/a.folio" --json --quiet --lexicon "$src/content/lexicon.txt"; json_ok "build json" "$tmp/out"
cp "$tmp/out" "$tmp/build.json"
check "build again" 0 "$folio" build "$fixture" -o "$tmp/small2.folio" --quiet   # as small.folio above
checks=$((checks + 1)); cmp -s "$tmp/small.folio" "$tmp/small2.folio" || { echo "FAIL: two builds of the same input differ"; fails=$((fails + 1)); }
cp -r "$src/content" "$tmp/bad"
sed -i 's/^slug: faq$/slug: FAQ/' "$tmp/bad/articles/faq.md"
printf '\nSee [this](no-such-slug). [@fda-hct-p]\n' >>"$tmp/bad/articles/ethics.md"
printf '\nBad byte \xff here.\n' >>"$tmp/bad/articles/other-uses.md"
cp "$tmp/a.folio" "$tmp/keep.folio"
check "bad content" 2 "$folio" build "$tmp/bad" -o "$tmp/keep.folio"
contains "slug error with path:line" "$tmp/err" "articles/faq.md:[0-9]+: "
contains "dangling link reported" "$tmp/err" "ethics.md:[0-9]+: .*no-such-slug"
contains "invalid UTF-8 reported" "$tmp/err" "other-uses.md:[0-9]+: .*UTF-8"
checks=$((checks + 1)); cmp -s "$tmp/a.folio" "$tmp/keep.folio" || { echo "FAIL: failed build touched the existing pack"; fails=$((fails + 1)); }
checks=$((checks + 1)); ls "$tmp" | grep -q '\.tmp' && { echo "FAIL: temp file left behind"; fails=$((fails + 1)); }
# a write that fails half-way (a file size limit, as a full disk would): exit 1, the old pack kept, no temp file
# (the fixture without the lexicon, a 7 KB pack, against a 4 KB limit)
cp "$tmp/a.folio" "$tmp/keep.folio"
check "write fails half-way" 1 bash -c 'trap "" XFSZ; ulimit -f 4; exec "$0" build "$1" -o "$2" --quiet' "$folio" "$fixture" "$tmp/keep.folio"
contains "write failure reported" "$tmp/err" "cannot write .*keep\.folio\.tmp"
checks=$((checks + 1)); cmp -s "$tmp/a.folio" "$tmp/keep.folio" || { echo "FAIL: a failed write touched the existing pack"; fails=$((fails + 1)); }
checks=$((checks + 1)); ls "$tmp" | grep -q '\.tmp' && { echo "FAIL: temp file left behind after a failed write"; fails=$((fails + 1)); }
python3 - "$tmp/build.json" <<'PY' || { echo "FAIL: build json fields"; fails=$((fails + 1)); }
import json, sys
j = json.load(open(sys.argv[1]))
for k in ("articles", "sections", "raw_bytes", "pack_bytes", "index_bytes", "dictionary_bytes", "workspace_bytes", "seconds",
          "search_index_bytes", "search_index_share", "search_snippet_bytes", "zstd_level"):
    assert k in j, k
assert j["search_snippet_bytes"] > 0
assert j["zstd_level"] == 19, j["zstd_level"]
assert j["search_lexicon_words"] > 1000 and j["search_lexicon_bytes"] >= j["search_lexicon_words"], j
PY
# --no-snippet-store: a smaller pack without the snippet source, the same hits and snippets. On the
# 5-article fixture (small.folio above has the store): the option's way through the command; the same
# equivalence over a larger corpus is search_snippet_test.cpp's.
check "build --no-snippet-store" 0 "$folio" build "$fixture" -o "$tmp/ns.folio" --json --quiet --no-snippet-store
python3 - "$tmp/out" "$tmp/small.folio" "$tmp/ns.folio" <<'PY' || { echo "FAIL: --no-snippet-store sizes"; fails=$((fails + 1)); }
import json, os, sys
j = json.load(open(sys.argv[1]))
assert j["search_snippet_bytes"] == 0, j["search_snippet_bytes"]
assert os.path.getsize(sys.argv[3]) < os.path.getsize(sys.argv[2])
PY
for q in "knee pain" "cartilage tear" '"stem cells" -bone' "osteoarthritus" "physio*"; do
  check "search with the store: $q" 0 "$folio" search "$tmp/small.folio" "$q" --json; cp "$tmp/out" "$tmp/s1"
  checks=$((checks + 1))
  python3 -c 'import json, sys; h = json.load(open(sys.argv[1])); assert h and h[0]["snippet"] and h[0]["highlights"], h' "$tmp/s1" \
    || { echo "FAIL: no highlighted snippet with the store: $q"; fails=$((fails + 1)); }
  check "search without the store: $q" 0 "$folio" search "$tmp/ns.folio" "$q" --json
  checks=$((checks + 1)); cmp -s "$tmp/s1" "$tmp/out" || { echo "FAIL: snippets differ with and without the store: $q"; fails=$((fails + 1)); }
done

echo "cli_test: $((checks - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
