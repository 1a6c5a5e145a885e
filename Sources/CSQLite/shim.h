// SQLite's C API (Debian's libsqlite3-dev), behind the SQLite sink and source connectors.
#ifndef SAMSA_CSQLITE_SHIM_H
#define SAMSA_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
