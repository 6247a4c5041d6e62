printf 'caf\303\251 cr\303\250me br\303\273l\303\251e \342\200\224 \377 fin\n' | $WA text --info | cut -f2,3,4,8
