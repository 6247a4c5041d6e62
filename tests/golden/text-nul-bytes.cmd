printf 'a\0b\0\0c\n' | $WA text
