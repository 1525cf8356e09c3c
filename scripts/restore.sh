#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database and an empty
# media folder. Refuses to overwrite anything: create a fresh database first
# (createdb ruangrunding_restored), point DATABASE_URL at it, then:
#
#   DATABASE_URL=postgres://.../ruangrunding_restored MEDIA_ROOT=/srv/.../media \
#       scripts/restore.sh backups/ruangrunding-20250101T000000Z
#
# Afterwards run `manage.py migrate` (a no-op unless the code is newer than the
# backup) and start the site.
set -euo pipefail

folder="${1:?Usage: scripts/restore.sh BACKUP_FOLDER}"
: "${DATABASE_URL:?Set DATABASE_URL to the empty database to restore into}"
here="$(cd "$(dirname "$0")/.." && pwd)"
media_root="${MEDIA_ROOT:-$here/media}"
private_media_root="${PRIVATE_MEDIA_ROOT:-$here/private-media}"

(cd "$folder" && sha256sum --check --quiet SHA256SUMS)

tables=$(psql "$DATABASE_URL" --tuples-only --no-align --command \
    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
if [ "$tables" != "0" ]; then
    echo "Refusing to restore: the database already has $tables tables." >&2
    exit 1
fi

if [ -f "$folder/media.tar.gz" ]; then
    if [ -d "$media_root" ] && [ -n "$(ls -A "$media_root")" ]; then
        echo "Refusing to restore: the media folder $media_root is not empty." >&2
        exit 1
    fi
fi

if [ -f "$folder/private-media.tar.gz" ]; then
    if [ -d "$private_media_root" ] && [ -n "$(ls -A "$private_media_root")" ]; then
        echo "Refusing to restore: the folder $private_media_root is not empty." >&2
        exit 1
    fi
fi

# All or nothing: one transaction, stop at the first error.
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="$DATABASE_URL" "$folder/database.dump"

if [ -f "$folder/media.tar.gz" ]; then
    mkdir -p "$media_root"
    tar -C "$media_root" -xzf "$folder/media.tar.gz"
fi

if [ -f "$folder/private-media.tar.gz" ]; then
    mkdir -p "$private_media_root"
    chmod 700 "$private_media_root"
    tar -C "$private_media_root" -xzf "$folder/private-media.tar.gz"
fi

echo "Restored $folder"
