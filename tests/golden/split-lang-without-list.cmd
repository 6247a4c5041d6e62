printf "Il Dr. Rossi è arrivato. Poi è partito.\n" | $WA split --lang it
