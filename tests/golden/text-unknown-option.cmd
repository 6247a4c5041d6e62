$WA text --bogus
