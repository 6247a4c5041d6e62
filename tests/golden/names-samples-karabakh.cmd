# Haut-Karabakh, Nagorny Karabakh, Karabakh and Artsakh: one entity
$WA names ../../samples/*.txt | awk -F'\t' '$3 ~ /Karabakh|Artsakh/ {ids[$1]++; print $3} END {n = 0; for (i in ids) n++; print n " entity"}' | sort
