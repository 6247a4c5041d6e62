{ printf '\377\376'; printf 'L\303\251on \342\200\231\r\nfin\n' | iconv -f UTF-8 -t UTF-16LE; } | $WA text
