$WA text --encoding NO-SUCH-CHARSET ../../samples/fr-afp-style.txt
