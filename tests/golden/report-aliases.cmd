sh ../e2e/report-aliases.sh
