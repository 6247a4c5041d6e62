# Pachinian, Pashinyan and Nikol Pashinyan: one entity, every variant listed
$WA names ../../samples/*.txt | awk -F'\t' '$3 ~ /^(Nikol )?Pa(ch|sh)in(i|y)an$/ {ids[$1]++; print $3} END {n = 0; for (i in ids) n++; print n " entity"}' | sort
