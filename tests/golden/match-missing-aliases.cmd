printf 'a\tb\n' | $WA match --aliases no-such-aliases.tsv
