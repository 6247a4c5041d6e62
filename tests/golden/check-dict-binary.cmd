DICPATH= $WA --dict ../cases/dict/binaryaff check ../../samples/fr-afp-style.txt
