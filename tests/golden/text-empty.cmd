printf '' | $WA text
