// glibc's allocator settings (mallopt), which the Glibc module does not bring in. Linux only.
#if defined(__linux__)
#include <malloc.h>
#endif
