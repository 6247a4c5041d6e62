printf 'Pachinian\tNikol Pashinyan\nIlham Aliyev\tHeydar Aliyev\nPutin\tPotanin\nNiger\tNigeria\nMoscou\tMoskau\n# comment\n\nKim Jong-un\tKim Jong-il\n' | $WA match --explain
