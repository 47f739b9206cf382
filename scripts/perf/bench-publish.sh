#!/usr/bin/env bash
# The publish command at scale (issue 13; docs/performance.md § Publishing): a paper of N
# articles from gen_paper in a copy of a release build, published in full, then again after
# adding, editing and removing one article. Prints the time and peak memory of each run and
# the size of the result, as a Markdown table.
#   scripts/perf/bench-publish.sh DIST [N ...]     (DIST: trunk build --release --offline; default N: 10000)
# Outside scripts/test: at 100,000 articles it takes several minutes and ≈ 8 GB of disk (docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
dist=${1:?usage: scripts/perf/bench-publish.sh DIST [N ...]}
shift
sizes=("${@:-10000}")
cargo build --quiet --release --bin gen_paper
cargo build --quiet --profile native --no-default-features --features ssr --bin publish
publish=target/native/publish
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# "seconds peak-MB" of one run of the publish command: the peak of the resident memory of
# all its processes together (it renders pages in processes of its own), sampled every 0.2 s.
run() {
  /usr/bin/time -f '%e' -o "$work/time" "$publish" "$work/paper" --url https://paper.example/ >"$work/out" 2>"$work/err" &
  local pid=$! peak=0 now
  while kill -0 "$pid" 2>/dev/null; do
    # (`ps` fails while no process is called publish yet: `time` has not started it.)
    now=$({ ps -C publish -o rss= || true; } | awk '{ s += $1 } END { print s + 0 }')
    [ "$now" -gt "$peak" ] && peak=$now
    sleep 0.2
  done
  wait "$pid" || {
    local rc=$?
    [ "$rc" = 3 ] || { cat "$work/err" >&2; exit "$rc"; }
  }
  tail -1 "$work/out" >>"$work/summaries"
  echo "$(cat "$work/time") $((peak / 1024))"
}

# Where the disk goes: files, bytes and disk blocks (MB) by kind of file.
breakdown() {
  echo "| $1 articles: kind | files | MB of bytes | MB on disk |"
  echo "|---|---|---|---|"
  (cd "$2" && find . -type f -printf '%s %b %P\n') | awk '
    { p = $3; kind = "the build, feeds, sitemaps"
      if (p ~ /^\.publish\//) kind = "the publish state"
      else if (p ~ /^api\/articles\/[^\/]+\.json/) kind = "article files"
      else if (p ~ /^api\/rails\//) kind = "rail files"
      else if (p ~ /^api\/search\//) kind = "search index"
      else if (p ~ /^api\//) kind = "index pages, other content"
      else if (p ~ /^[^\/]+\/[^\/]+\/index\.html/) kind = "article pages"
      else if (p ~ /index\.html/) kind = "front and section pages"
      if (p ~ /\.(br|gz)$/) kind = kind ": .br, .gz"
      files[kind]++; bytes[kind] += $1; disk[kind] += $2 * 512 }
    END { for (k in files) printf "| %s | %d | %.0f | %.0f |\n", k, files[k], bytes[k] / 1e6, disk[k] / 1e6 }' |
    sort -t'|' -k5 -nr
  echo
}

echo "publish at scale on $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| articles | full publish | peak memory | add one | edit one | remove one | nothing changed | dist/ |"
echo "|---|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  rm -rf "$work/paper"
  mkdir -p "$work/paper"
  find "$dist" -maxdepth 1 -type f -exec cp {} "$work/paper/" \;
  rm -f "$work/paper/index.html"
  target/release/gen_paper "$work/paper" --articles "$n" --shard 500 --seed 1 >/dev/null
  read -r full mem < <(run)
  articles="$work/paper/api/articles"
  first=$(cd "$articles" && set -- *.json && echo "$1")
  # Add: a copy of an article under a new slug, newest of all.
  sed -e "s/\"slug\": *\"${first%.json}\"/\"slug\": \"bench-added\"/" \
      -e 's/"published": *"[^"]*"/"published": "2099-01-01T00:00:00Z"/' "$articles/$first" >"$articles/bench-added.json"
  read -r add _ < <(run)
  # Edit: a new title.
  sed -i 's/"title": *"/"title": "Edited: /' "$articles/$first"
  read -r edit _ < <(run)
  rm "$articles/bench-added.json"
  read -r remove _ < <(run)
  read -r same _ < <(run)
  size=$(du -sm "$work/paper" | cut -f1)
  breakdown "$n" "$work/paper" >>"$work/breakdowns"
  echo "| $n | ${full} s | ${mem} MB | ${add} s | ${edit} s | ${remove} s | ${same} s | ${size} MB |"
done
echo
echo "Where the disk goes (\`du\` counts disk blocks of 4 KB: a file of 0.7 KB takes 4 KB):"
echo
cat "$work/breakdowns"
echo "What each run printed (the time of each step in seconds in brackets):"
echo
sed 's/^/    /' "$work/summaries"
