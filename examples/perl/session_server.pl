#!/usr/bin/perl
# A Net::SSLeay TLS server that asks for client certificates and caches sessions, but sets no
# session id context: with peer verification on, OpenSSL refuses to resume such sessions.
use strict;
use warnings;
use Socket;
use Net::SSLeay;

Net::SSLeay::initialize();
my $ctx = Net::SSLeay::CTX_new() or die "CTX_new failed";
Net::SSLeay::CTX_use_certificate_file($ctx, 'server.pem', &Net::SSLeay::FILETYPE_PEM);
Net::SSLeay::CTX_use_PrivateKey_file($ctx, 'server.key', &Net::SSLeay::FILETYPE_PEM);
Net::SSLeay::CTX_set_verify($ctx, &Net::SSLeay::VERIFY_PEER, undef);
Net::SSLeay::CTX_set_session_cache_mode($ctx, &Net::SSLeay::SESS_CACHE_SERVER);
Net::SSLeay::CTX_set_timeout($ctx, 3600);

socket(my $listener, PF_INET, SOCK_STREAM, getprotobyname('tcp')) or die "socket: $!";
bind($listener, pack_sockaddr_in(8443, INADDR_ANY)) or die "bind: $!";
listen($listener, 16) or die "listen: $!";
while (accept(my $client, $listener)) {
    my $ssl = Net::SSLeay::new($ctx);
    Net::SSLeay::set_fd($ssl, fileno($client));
    Net::SSLeay::accept($ssl) or next;
    Net::SSLeay::write($ssl, "hello\n");
    Net::SSLeay::free($ssl);
    close $client;
}
