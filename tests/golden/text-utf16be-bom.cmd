{ printf '\376\377'; printf 'L\303\251on \342\200\231\r\nfin\n' | iconv -f UTF-8 -t UTF-16BE; } | $WA text --info | cut -f2-4
