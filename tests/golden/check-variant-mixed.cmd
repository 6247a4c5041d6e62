cat ../../samples/fr-afp-style.txt ../../samples/fr-spun-machine-translation.txt ../../samples/fr-translated-agency-wire.txt | $WA check --only variant -
