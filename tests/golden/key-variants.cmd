$WA key "Sergueï Choïgou" "Sergei Shoigu" "Сергей Шойгу" "Nikol Pachinian" "Փաշինյան" "le président Vladimir Poutine"
