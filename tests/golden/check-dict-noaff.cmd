DICPATH= $WA --dict ../cases/dict/noaff check ../../samples/fr-afp-style.txt
