head -c 10000000 /dev/zero | tr '\0' a | $WA split | wc -c
