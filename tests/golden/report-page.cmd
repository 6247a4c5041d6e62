sh ../e2e/report-page.sh
