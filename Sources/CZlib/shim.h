// The system zlib (zlib1g-dev on Debian), for its CRC-32: the checksum of every index file block.
// TalkSearch links it; it never vendors it.
#include <zlib.h>
