printf 'x\r\ny' | $WA text -
