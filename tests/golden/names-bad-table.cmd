printf '1\tA\tA\ta\t2\td=1\n' | $WA names --merge
