sh ../e2e/report-browser.sh
