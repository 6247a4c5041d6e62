$WA text .
