printf 'Putin\tPoutine\nno tab on this line\n' | $WA match
