#!/bin/sh
# Issue 21: the Infopoint's two database roles, created once when the volume is initialised
# (postgres image: /docker-entrypoint-initdb.d). POSTGRES_USER stays the superuser for the
# operator only; the app never uses it.
#   infopoint_owner  runs migrations, owns every table (DATABASE_MIGRATE_URL)
#   infopoint_app    what the running app connects as (DATABASE_URL): privileges only from
#                    the owner's grants after each migrate (infopoint/lib/db_roles.py)
set -eu
: "${INFOPOINT_OWNER_PASSWORD:?Set INFOPOINT_OWNER_PASSWORD in .env}"
: "${INFOPOINT_APP_PASSWORD:?Set INFOPOINT_APP_PASSWORD in .env}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v owner_password="${INFOPOINT_OWNER_PASSWORD}" -v app_password="${INFOPOINT_APP_PASSWORD}" <<'SQL'
SELECT 'CREATE ROLE infopoint_owner LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'infopoint_owner')\gexec
SELECT 'CREATE ROLE infopoint_app LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'infopoint_app')\gexec
ALTER ROLE infopoint_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER ROLE infopoint_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
SELECT format('ALTER ROLE infopoint_owner PASSWORD %L', :'owner_password')\gexec
SELECT format('ALTER ROLE infopoint_app PASSWORD %L', :'app_password')\gexec
ALTER DATABASE :"DBNAME" OWNER TO infopoint_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE :"DBNAME" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"DBNAME" TO infopoint_app;
SQL
