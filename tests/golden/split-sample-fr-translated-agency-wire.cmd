$WA split ../../samples/fr-translated-agency-wire.txt
