// The system Zstandard library (libzstd-dev on Debian), which compresses the index file's stored
// documents. TalkSearch links it; it never vendors it.
#include <zstd.h>
