printf 'Le pr\351sident de l\222Arm\351nie a d\351clar\351 \253 nous ne c\351derons pas \273 \340 Erevan, o\371 l\222on pr\351parait d\351j\340 la r\351ponse \205\r\n' | $WA text
