#!/usr/bin/env bash
# The manager's end-of-day script: writes today's team report as HTML and Markdown into a folder.
#
#   examples/end-of-day.sh [OUTPUT_DIR]        (default ./reports)
#
# Put it in cron, acting as the manager (every person who reports to them is in the report):
#   30 18 * * 1-5  REGULA_USER=boss REGULA_DB=/srv/team/regula.db /opt/regula/examples/end-of-day.sh /srv/team/reports
#
# REGULA_TASK may name the program (default: the bin/task.js next to this script).
set -euo pipefail

out="${1:-./reports}"
task="${REGULA_TASK:-$(cd "$(dirname "$0")/.." && pwd)/bin/task.js}"
# The report's day: REGULA_NOW when the clock is fixed (tests, back-filling), otherwise today.
day="${REGULA_NOW:-$(date +%F)}"
day="${day:0:10}"

mkdir -p "$out"
for format in html md; do
  target="$out/team-$day.$format"
  # Written beside the target and moved into place, so a reader never sees half a report.
  "$task" report --team --date "$day" --format "$format" > "$target.tmp"
  mv "$target.tmp" "$target"
  echo "$target"
done
