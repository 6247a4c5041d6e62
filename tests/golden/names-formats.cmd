# the three formats on one small wire
f=data/names/aliyev-family.txt
$WA names --format json $f; $WA names --format solr $f; $WA names --format solr-equiv --prefer en $f; $WA names $f
