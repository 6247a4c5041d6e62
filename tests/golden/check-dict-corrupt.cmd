DICPATH= $WA --dict ../cases/dict/corrupt check ../../samples/fr-afp-style.txt
