$WA names --format solr no-such-wire.txt data/names/aliyev-family.txt
