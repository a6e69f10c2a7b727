#include <fcgiapp.h>
/* The FastCGI wrapper's connection poller; Glibc's Swift module does not include it. */
#include <sys/epoll.h>
