#!/usr/bin/env bash
# Measures the peak working set (VmHWM) of `pipeline serve` while it receives and ingests a
# 150 MB vacancy return sent to POST /api/uploads/vacancies (chunked, so the size limit is
# counted while streaming). Linux only (reads /proc). Usage: scripts/measure-serve-upload-memory.sh [MB]
set -euo pipefail
size_mb="${1:-150}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
port=18731
trap 'kill "${serve_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build "$repo/src/Pipeline.Runner" -c Release -v q --nologo -o "$work/bin" >/dev/null
pipeline=(dotnet "$work/bin/pipeline.dll")

printf 'id,name,sector,active\nnorth-trust,North Moor NHS Trust,nhs_trust,true\n' > "$work/partners.csv"
"${pipeline[@]}" partners import "$work/partners.csv" --lake "$work/lake" >/dev/null

# A valid return for last month: one row per (role, site), every site distinct.
period="$(date -u -d "$(date -u +%Y-%m-01) -1 month" +%Y-%m)"
awk -v period="$period" -v bytes=$((size_mb * 1024 * 1024)) 'BEGIN {
  split("care_worker senior_care_worker home_care_worker registered_nurse healthcare_assistant social_worker physiotherapist admin_clerical", roles, " ")
  print "period,role,site,staff_in_post_fte,staff_in_post_headcount,vacancies_fte,vacancies_advertised,applications,starters,leavers"
  for (row = 0; written < bytes; row++) {
    line = sprintf("%s,%s,Site %07d,%d,%d,%d,%d,%d,%d,%d", period, roles[row % 8 + 1], int(row / 8), 40 + row % 60, 45 + row % 60, row % 7, row % 4, row % 30, row % 3, row % 2)
    print line; written += length(line) + 1
  }
}' > "$work/return.csv"

"${pipeline[@]}" serve --lake "$work/lake" --as partner:north-trust --urls "http://127.0.0.1:$port" > "$work/serve.log" 2>&1 &
serve_pid=$!
until grep -q "/api/dashboard" "$work/serve.log"; do sleep 0.5; done

status="$(curl -s -o "$work/receipt.json" -w '%{http_code}' -H 'X-File-Name: large-return.csv' -H 'Transfer-Encoding: chunked' \
  --data-binary "@$work/return.csv" "http://127.0.0.1:$port/api/uploads/vacancies")"
peak_kb="$(awk '/VmHWM/ {print $2}' "/proc/$serve_pid/status")"
echo "upload: $(stat -c %s "$work/return.csv") bytes, HTTP $status, $(grep -o '"status":"[a-z_]*"' "$work/receipt.json")"
echo "pipeline serve peak working set: $((peak_kb / 1024)) MB"
