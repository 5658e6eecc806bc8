// Objective-C (macOS/iOS) client wrapper over OpenSSL: the client ctx
// (_ctx = SSL_CTX_new(TLS_client_method())) registers a new_session_cb that saves
// sessions to NSUserDefaults, but no cache mode is set (default SERVER), so the
// callback is never called. Not compiled here (needs Foundation).
// Expected: client-new-cb-without-client-bit (error) on the
// SSL_CTX_sess_set_new_cb call, nothing else.
#import <Foundation/Foundation.h>
#include <openssl/ssl.h>

static int SaveSession(SSL *ssl, SSL_SESSION *session)
{
    int len = i2d_SSL_SESSION(session, NULL);
    if (len <= 0) {
        return 0;
    }
    NSMutableData *der = [NSMutableData dataWithLength:(NSUInteger)len];
    unsigned char *p = der.mutableBytes;
    i2d_SSL_SESSION(session, &p);
    const char *host = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    if (host != NULL) {
        [[NSUserDefaults standardUserDefaults] setObject:der forKey:@(host)];
    }
    return 0;
}

@interface SessionStoreClient : NSObject
- (instancetype)initWithHost:(NSString *)host;
- (SSL *)newConnection;
@end

@implementation SessionStoreClient {
    SSL_CTX *_ctx;
    NSString *_host;
}

- (instancetype)initWithHost:(NSString *)host
{
    self = [super init];
    if (self) {
        _host = [host copy];
        _ctx = SSL_CTX_new(TLS_client_method());
        SSL_CTX_set_verify(_ctx, SSL_VERIFY_PEER, NULL);
        SSL_CTX_sess_set_new_cb(_ctx, SaveSession);
    }
    return self;
}

- (SSL *)newConnection
{
    SSL *ssl = SSL_new(_ctx);
    SSL_set_tlsext_host_name(ssl, _host.UTF8String);
    NSData *der = [[NSUserDefaults standardUserDefaults] dataForKey:_host];
    if (der.length > 0) {
        const unsigned char *p = der.bytes;
        SSL_SESSION *session = d2i_SSL_SESSION(NULL, &p, (long)der.length);
        if (session != NULL) {
            SSL_set_session(ssl, session);
            SSL_SESSION_free(session);
        }
    }
    return ssl;
}

- (void)dealloc
{
    SSL_CTX_free(_ctx);
}

@end
