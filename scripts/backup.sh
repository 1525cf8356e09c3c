#!/usr/bin/env bash
# Back up Ruang Runding: the PostgreSQL database (pg_dump custom format) and the
# media folder (a tarball), into a new timestamped folder with checksums.
#
#   DATABASE_URL=postgres://... MEDIA_ROOT=/srv/ruangrunding/media \
#   PRIVATE_MEDIA_ROOT=/srv/ruangrunding/private-media \
#       scripts/backup.sh [DESTINATION]        (default: ./backups)
#
# Prints the folder it wrote. Media kept in S3-compatible storage is not copied:
# use the bucket's versioning or replication for it (docs/deploy.md).
set -euo pipefail

: "${DATABASE_URL:?Set DATABASE_URL to the database to back up}"
here="$(cd "$(dirname "$0")/.." && pwd)"
media_root="${MEDIA_ROOT:-$here/media}"
private_media_root="${PRIVATE_MEDIA_ROOT:-$here/private-media}"
destination="${1:-$here/backups}"
folder="$destination/ruangrunding-$(date -u +%Y%m%dT%H%M%SZ)"

mkdir -p "$folder"
chmod 700 "$folder"

# A consistent snapshot of the whole database, restorable into an empty one.
pg_dump --format=custom --no-owner --no-privileges \
    --file="$folder/database.dump" --dbname="$DATABASE_URL"

if [ -d "$media_root" ]; then
    tar -C "$media_root" -czf "$folder/media.tar.gz" .
else
    echo "No media folder at $media_root; only the database was backed up." >&2
fi

# Consultation attachments live outside media; without them a restore loses them.
if [ -d "$private_media_root" ]; then
    tar -C "$private_media_root" -czf "$folder/private-media.tar.gz" .
fi

(cd "$folder" && sha256sum ./* > SHA256SUMS)
echo "$folder"
