printf "a\r\nb\0c\377\n" | $WA text
