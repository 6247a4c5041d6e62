printf 'Azerba\303\203\302\257djan et l\303\242\342\202\254\342\204\242Arm\303\251nie\n' | $WA text
