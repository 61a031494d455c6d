#!/usr/bin/env bash
# Two (or more) builds of the same program, run alternately, so that each sees the same states of
# a noisy machine: the minimum and the median wall time of each over the rounds.
#
#   benches/ab.sh ROUNDS PROGRAM...      e.g. benches/ab.sh 40 ./article_run_old ./article_run_new
set -euo pipefail
rounds=$1
shift
for _ in $(seq "$rounds"); do
    for program in "$@"; do
        start=$(date +%s%N)
        "$program" > /dev/null
        end=$(date +%s%N)
        echo "$program $(( (end - start) / 1000 ))"
    done
done | sort -k1,1 -k2,2n | awk '
    { times[$1] = times[$1] " " $2; count[$1]++ }
    END {
        for (p in times) {
            split(substr(times[p], 2), t, " ")
            printf "%s: min %.1f ms, median %.1f ms (%d runs)\n", p, t[1] / 1000, t[int((count[p] + 1) / 2)] / 1000, count[p]
        }
    }'
