printf 'Le pr\303\251sident a d\303\251clar\303\251 : \302\253 Non. \302\273\n' | iconv -f UTF-8 -t UTF-16LE | $WA text
