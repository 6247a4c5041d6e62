printf 'Gr\374\337e aus K\366ln: \253 \311t\351 \340 Gen\350ve \273, na\357ve fa\347ade, c\364te, \374ber.\n' | $WA text
