# Sergueï Choïgou and Sergei Shoigu: one entity
$WA names ../../samples/*.txt | awk -F'\t' '$4 ~ /xoigu$/ {ids[$1]++; print $3} END {n = 0; for (i in ids) n++; print n " entity"}' | sort
