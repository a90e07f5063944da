"""Django's PostgreSQL backend, with the embedded server started on first connect.

Starting the server lazily (instead of in settings.py) keeps imports free of side
effects: ``manage.py check`` or ``makemessages`` never start a database.
"""

from django.db import OperationalError
from django.db.backends.postgresql.base import Database
from psycopg import errors

from infopoint.db.postgresql.base import DatabaseWrapper as PostgresDatabaseWrapper
from infopoint.db.postgresql.base import ServerNotAnswering
from infopoint.lib import embedded_db


def _server() -> embedded_db.EmbeddedServer:
    """Start the server; a failure to start is a database error, not a crash of the page."""
    try:
        return embedded_db.ensure_running()
    except Exception as exc:  # pgserver raises CalledProcessError, TimeoutExpired, OSError …
        raise OperationalError(f"The embedded PostgreSQL could not be started: {exc}") from exc


class DatabaseWrapper(PostgresDatabaseWrapper):
    def get_new_connection(self, conn_params):
        try:
            return super().get_new_connection(conn_params)
        except (ServerNotAnswering, errors.ConnectionTimeout):
            raise  # frozen, not stopped: starting it again would wait on it too
        except Database.OperationalError:
            # The server may have been stopped (make db-stop) or crashed: start it again once.
            embedded_db.ensure_running.cache_clear()
            conn_params.update(host=_server().socket_dir)
            return super().get_new_connection(conn_params)

    def get_connection_params(self):
        # The role comes from the settings (issue 21: infopoint_app, or infopoint_owner while
        # infopoint.lib.db_roles.as_owner() is active), never the server's superuser.
        server = _server()
        self.settings_dict["HOST"] = server.socket_dir
        params = super().get_connection_params()
        params["host"] = server.socket_dir
        return params
