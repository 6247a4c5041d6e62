printf '' | $WA split
