printf "Les combats ont cessé mardi soir.\n" | $WA check
