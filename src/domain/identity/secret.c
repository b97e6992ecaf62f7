#include "domain/identity/secret.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/dirs.h"
#include "core/log.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char key_path[512] = "var/secret.key";
static unsigned char key[crypto_secretbox_KEYBYTES];
static int key_loaded;

void sh_secret_use_key_file(const char *path)
{
    pthread_mutex_lock(&lock);
    if (strcmp(path, key_path) != 0) {
        snprintf(key_path, sizeof key_path, "%s", path);
        sodium_memzero(key, sizeof key);
        key_loaded = 0;
    }
    pthread_mutex_unlock(&lock);
}

static int read_key(const char *path, unsigned char out[crypto_secretbox_KEYBYTES])
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    unsigned char buf[crypto_secretbox_KEYBYTES + 1];
    ssize_t n = read(fd, buf, sizeof buf);
    close(fd);
    if (n != crypto_secretbox_KEYBYTES) {
        sodium_memzero(buf, sizeof buf);
        errno = EINVAL;
        return -2;
    }
    memcpy(out, buf, crypto_secretbox_KEYBYTES);
    sodium_memzero(buf, sizeof buf);
    return 0;
}

/* Creates the key file: written under a temporary name, then linked into place, so that two
 * processes starting together agree on one key and no reader sees a half-written file. */
static int create_key(const char *path)
{
    if (sh_make_parent_dirs(path, 0700) != 0)
        return -1;
    char tmp[560];
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    unsigned char k[crypto_secretbox_KEYBYTES];
    crypto_secretbox_keygen(k);
    int ok = write(fd, k, sizeof k) == (ssize_t)sizeof k && fsync(fd) == 0;
    sodium_memzero(k, sizeof k);
    ok = close(fd) == 0 && ok;
    if (ok && link(tmp, path) != 0 && errno != EEXIST)
        ok = 0;
    unlink(tmp);
    return ok ? 0 : -1;
}

/* Copies the key (loading or creating the file the first time). Called with the lock held. */
static int get_key(unsigned char out[crypto_secretbox_KEYBYTES], sh_err *err)
{
    if (sodium_init() < 0)
        return sh_fail(err, SH_EINTERNAL, "", "libsodium failed to initialise");
    if (!key_loaded) {
        int rc = read_key(key_path, key);
        if (rc == -1 && errno == ENOENT) {
            if (create_key(key_path) != 0) {
                sh_error("secret: cannot create the key file %s: %s", key_path, strerror(errno));
                return sh_fail(err, SH_EINTERNAL, "", "cannot create the secret key file");
            }
            sh_info("secret: created the secret key file %s", key_path);
            rc = read_key(key_path, key);
        }
        if (rc != 0) {
            sh_error("secret: cannot read the key file %s (%d bytes expected): %s", key_path, crypto_secretbox_KEYBYTES,
                     strerror(errno));
            return sh_fail(err, SH_EINTERNAL, "", "cannot read the secret key file");
        }
        struct stat sb;
        if (stat(key_path, &sb) == 0 && (sb.st_mode & 077))
            sh_warn("secret: %s is readable by others; chmod 600 it", key_path);
        key_loaded = 1;
    }
    memcpy(out, key, crypto_secretbox_KEYBYTES);
    return 0;
}

int sh_secret_seal(const char *plain, char **ret_b64, sh_err *err)
{
    unsigned char k[crypto_secretbox_KEYBYTES];
    pthread_mutex_lock(&lock);
    int rc = get_key(k, err);
    pthread_mutex_unlock(&lock);
    if (rc)
        return rc;
    size_t mlen = strlen(plain), blen = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + mlen;
    unsigned char *box = sh_xmalloc(blen);
    randombytes_buf(box, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, (const unsigned char *)plain, mlen, box, k);
    sodium_memzero(k, sizeof k);
    size_t b64len = sodium_base64_ENCODED_LEN(blen, sodium_base64_VARIANT_ORIGINAL);
    char *out = sh_xmalloc(b64len);
    sodium_bin2base64(out, b64len, box, blen, sodium_base64_VARIANT_ORIGINAL);
    free(box);
    *ret_b64 = out;
    return 0;
}

int sh_secret_open(const char *b64, char **ret_plain, sh_err *err)
{
    size_t n = strlen(b64), blen = 0;
    unsigned char *box = sh_xmalloc(n / 4 * 3 + 3);
    if (sodium_base642bin(box, n / 4 * 3 + 3, b64, n, NULL, &blen, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        blen < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
        free(box);
        return sh_fail(err, SH_EINTERNAL, "", "a sealed secret is damaged");
    }
    unsigned char k[crypto_secretbox_KEYBYTES];
    pthread_mutex_lock(&lock);
    int rc = get_key(k, err);
    pthread_mutex_unlock(&lock);
    if (rc) {
        free(box);
        return rc;
    }
    size_t mlen = blen - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
    char *plain = sh_xmalloc(mlen + 1);
    rc = crypto_secretbox_open_easy((unsigned char *)plain, box + crypto_secretbox_NONCEBYTES,
                                    blen - crypto_secretbox_NONCEBYTES, box, k);
    sodium_memzero(k, sizeof k);
    free(box);
    if (rc != 0) {
        free(plain);
        return sh_fail(err, SH_EINTERNAL, "", "a sealed secret does not open with this server's key");
    }
    plain[mlen] = '\0';
    *ret_plain = plain;
    return 0;
}

int sh_secret_keyed_hash(const char *context, const void *data, size_t len, char out_hex[65], sh_err *err)
{
    unsigned char k[crypto_secretbox_KEYBYTES], sub[crypto_generichash_KEYBYTES], h[32];
    pthread_mutex_lock(&lock);
    int rc = get_key(k, err);
    pthread_mutex_unlock(&lock);
    if (rc)
        return rc;
    /* a subkey per purpose: the sealing key itself never keys a hash */
    crypto_generichash(sub, sizeof sub, (const unsigned char *)context, strlen(context), k, sizeof k);
    sodium_memzero(k, sizeof k);
    crypto_generichash(h, sizeof h, data, len, sub, sizeof sub);
    sodium_memzero(sub, sizeof sub);
    sodium_bin2hex(out_hex, 65, h, sizeof h);
    return 0;
}
