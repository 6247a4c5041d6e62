printf 'Azerba\303\203\302\257djan\n' | $WA text --no-repair
