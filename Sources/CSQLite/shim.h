// The system SQLite (libsqlite3-dev on Debian). TalkSearch links it; it never vendors it.
#include <sqlite3.h>
