"""Django's PostgreSQL backend, with the embedded server started on first connect.

Starting the server lazily (instead of in settings.py) keeps imports free of side
effects: ``manage.py check`` or ``makemessages`` never start a database.
"""

from django.db.backends.postgresql.base import DatabaseWrapper as PostgresDatabaseWrapper

from infopoint.lib import embedded_db


class DatabaseWrapper(PostgresDatabaseWrapper):
    def get_connection_params(self):
        server = embedded_db.ensure_running()
        self.settings_dict["HOST"] = server.socket_dir
        self.settings_dict["USER"] = server.user
        params = super().get_connection_params()
        params["host"] = server.socket_dir
        params["user"] = server.user
        return params
