#!/usr/bin/env bash
set -euo pipefail
export PGPASSWORD="${BACKUP_DB_PASSWORD}"
pg_dump -h db.internal -U backup orders > /backup/orders.sql
mysql -u root -pR00t-Backup-55 legacy < /backup/legacy.sql
export AWS_SECRET_ACCESS_KEY=@@token:aws-secret-access-key@@
export AWS_ACCESS_KEY_ID=@@token:aws-access-key-id@@
aws s3 cp /backup s3://orders-backups/ --recursive
