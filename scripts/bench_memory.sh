#!/usr/bin/env bash
# Peak memory of `frontwatch analyze` and `frontwatch ingest` streaming N articles (default
# 20,000) built from the FA-KES dev texts (each copy made distinct so none is deduplicated).
# Usage: scripts/bench_memory.sh [FAKES_CSV] [N]
set -euo pipefail
csv=${1:-../shared/data/fakes-dev.csv}
n=${2:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/python - "$csv" "$n" "$work/corpus.jsonl" <<'PY'
import csv, json, sys
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = list(csv.DictReader(open(src, encoding="utf-8")))
with open(out, "w", encoding="utf-8") as fh:
    for i in range(n):
        row = rows[i % len(rows)]
        text = row["article_content"] + f"\n(Copy {i} for the memory benchmark.)"
        fh.write(json.dumps({"id": f"m{i}", "title": row["article_title"], "text": text}) + "\n")
PY
peak() { grep "Maximum resident set size" | awk '{printf "%.0f MB\n", $6/1024}'; }
echo "articles: $n ($(du -m "$work/corpus.jsonl" | cut -f1) MB of JSONL)"
printf "analyze --json peak RSS: "
/usr/bin/time -v .venv/bin/frontwatch analyze "$work/corpus.jsonl" --json 2>&1 >/dev/null | peak
printf "ingest peak RSS:         "
/usr/bin/time -v .venv/bin/frontwatch ingest "$work/corpus.jsonl" --db "$work/m.duckdb" 2>&1 >/dev/null | peak
