$WA text --help | head -1
