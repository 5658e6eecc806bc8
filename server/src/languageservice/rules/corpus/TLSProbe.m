// Objective-C client following the "client via callback" recipe: a client ctx
// (_ctx = SSL_CTX_new(TLS_client_method())) with CLIENT | NO_INTERNAL_STORE, a
// new_session_cb that keeps the DER in an NSCache, and SSL_set_session on the next
// connection. Not compiled here (needs Foundation).
// Expected: nothing (clean).
#import <Foundation/Foundation.h>
#include <openssl/ssl.h>

static NSCache<NSString *, NSData *> *ProbeSessions;

static int ProbeNewSession(SSL *ssl, SSL_SESSION *session)
{
    const char *host = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    int len = i2d_SSL_SESSION(session, NULL);
    if (host == NULL || len <= 0) {
        return 0;
    }
    NSMutableData *der = [NSMutableData dataWithLength:(NSUInteger)len];
    unsigned char *p = der.mutableBytes;
    i2d_SSL_SESSION(session, &p);
    [ProbeSessions setObject:der forKey:@(host)];
    return 0;
}

@interface TLSProbe : NSObject
@end

@implementation TLSProbe {
    SSL_CTX *_ctx;
}

+ (void)initialize
{
    if (self == [TLSProbe class]) {
        ProbeSessions = [[NSCache alloc] init];
    }
}

- (instancetype)init
{
    if ((self = [super init])) {
        _ctx = SSL_CTX_new(TLS_client_method());
        SSL_CTX_set_verify(_ctx, SSL_VERIFY_PEER, NULL);
        SSL_CTX_set_session_cache_mode(_ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
        SSL_CTX_sess_set_new_cb(_ctx, ProbeNewSession);
    }
    return self;
}

- (SSL *)connectionForHost:(NSString *)host
{
    SSL *ssl = SSL_new(_ctx);
    SSL_set_tlsext_host_name(ssl, host.UTF8String);
    NSData *der = [ProbeSessions objectForKey:host];
    if (der != nil) {
        const unsigned char *p = der.bytes;
        SSL_SESSION *session = d2i_SSL_SESSION(NULL, &p, (long)der.length);
        if (session != NULL) {
            SSL_set_session(ssl, session);
            SSL_SESSION_free(session);
        }
    }
    return ssl;
}

@end
