sh ../e2e/report-atomic.sh
