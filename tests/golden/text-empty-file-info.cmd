f=$(mktemp); $WA text --info "$f" | cut -f2-; s=$?; rm -f "$f"; exit $s
