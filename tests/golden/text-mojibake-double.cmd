printf 'Azerba\303\203\306\222\303\202\302\257djan\n' | $WA text
