printf "Das ist gut. Wir gehen.\n" | $WA split --lang de
