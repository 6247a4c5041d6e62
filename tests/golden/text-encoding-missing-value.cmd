$WA text --encoding
