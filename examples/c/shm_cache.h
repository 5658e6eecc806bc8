/* The shared-memory store behind the example server's session callbacks. */
#include <stddef.h>

void shm_cache_put(const unsigned char *id, unsigned int id_len, const unsigned char *der, size_t len, long timeout);
size_t shm_cache_get(const unsigned char *id, size_t id_len, unsigned char *out, size_t max);
void shm_cache_delete(const unsigned char *id, unsigned int id_len);
