printf 'Le Kremlin a répondu depuis Moscou. Moscow a ensuite précisé.\n' | $WA check --only variant --no-default-aliases -
