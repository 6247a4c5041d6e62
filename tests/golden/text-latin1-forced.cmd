printf 'caf\351 \200\n' | $WA text --encoding ISO-8859-1 | od -An -tx1
