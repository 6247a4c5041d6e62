$WA split .
