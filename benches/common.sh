# Shared by benches/compare.sh and benches/mnist_compare.sh (sourced, not run).

# secs CMD ARGS…: the wall seconds of a whole process, its output discarded.
secs() {
    python3 -c 'import subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(time.perf_counter() - t)' "$@"
}

# medians LAST_COLUMN: reads rounds (a round number, then figures) on stdin and prints
# "median" and the median of each column from the second to LAST_COLUMN.
medians() {
    awk -v last="$1" '
    { for (i = 2; i <= NF; i++) v[i, NR] = $i; n = NR }
    END {
        printf "median"
        for (i = 2; i <= last; i++) {
            for (j = 1; j <= n; j++) col[j] = v[i, j]
            # insertion sort, then the middle value
            for (j = 2; j <= n; j++) { x = col[j]; k = j - 1; while (k >= 1 && col[k] > x) { col[k + 1] = col[k]; k-- } col[k + 1] = x }
            printf "  %s", (n % 2) ? col[(n + 1) / 2] : (col[n / 2] + col[n / 2 + 1]) / 2
        }
        printf "\n"
    }'
}
