{ printf '\377\376\0\0'; printf 'Erevan \325\200\n' | iconv -f UTF-8 -t UTF-32LE; } | $WA text
