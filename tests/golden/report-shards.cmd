sh ../e2e/report-shards.sh
