printf ' \t\r\n \r\r\n' | $WA text | od -An -c
