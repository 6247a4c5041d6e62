awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "abcdefghi " }' | $WA text --info | cut -f5-7
