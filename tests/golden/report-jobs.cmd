sh ../e2e/report-jobs.sh
