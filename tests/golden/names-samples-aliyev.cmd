# Ilham Aliyev keeps apart from any other Aliyev, with a wire about his father
# added to the samples: the variants of Ilham Aliyev's entity, then those of
# the entity holding Heydar Aliyev
t=$($WA names ../../samples/*.txt data/names/aliyev-family.txt)
i=$(printf '%s\n' "$t" | awk -F'\t' '$3 == "Ilham Aliyev" {print $1}')
h=$(printf '%s\n' "$t" | awk -F'\t' '$3 == "Heydar Aliyev" {print $1}')
printf '%s\n' "$t" | awk -F'\t' -v e="$i" '$1 == e {print "ilham: " $3 " " $6}'
printf '%s\n' "$t" | awk -F'\t' -v e="$h" '$1 == e {print "heydar: " $3 " " $6}'
printf '%s\n' "$t" | awk -F'\t' '$3 ~ /Aliyeva/ {print "other: " $3}'
