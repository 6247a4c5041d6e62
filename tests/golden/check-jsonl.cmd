printf "Les combats au level mort.\n" | $WA check --format jsonl
