import type { Dialect } from '../../testing/fuzz/mutations';
import type { Shape } from '../../testing/fuzz/targets';

/**
 * The Perl (Net::SSLeay) fuzz dialect and pathological shapes: PERL_TARGET in
 * server/src/testing/fuzz/targets.ts mutates with them (`npm run fuzz` times the shapes' growth).
 */

export const PERL_DIALECT: Dialect = {
  specials: [
    '#', '"', "'", '`', '\\', '$', '@', '%', '&', '(', ')', '{', '}', '[', ']', ',', ';', '|', '/', '->', '::', '\n', '\n=pod\n', '\n=cut\n', '\n__END__\n',
    'q(', 'qq{', 'qw/', 'm/', 's/', 's{', 'tr/', 'qr/', '=~ /', '<<"EOT"', '<<~EOT', '\nEOT\n', '$#', '$/', '$$',
    'Net::SSLeay::', '&Net::SSLeay::SESS_CACHE_SERVER', 'Net::SSLeay::SESS_CACHE_CLIENT()', 'SESS_CACHE_NO_INTERNAL', '&Net::SSLeay::OP_NO_TICKET',
    'Net::SSLeay::CTX_set_session_cache_mode($ctx, ', 'Net::SSLeay::CTX_set_timeout($ctx, ', 'CTX_sess_set_cache_size $ctx, ', 'Net::SSLeay::CTX_sess_set_new_cb($ctx, sub { 1 });',
    'Net::SSLeay::CTX_set_verify($ctx, &Net::SSLeay::VERIFY_PEER);', 'Net::SSLeay::accept($ssl);', 'Net::SSLeay::connect($ssl);', 'use Net::SSLeay qw(CTX_set_session_cache_mode);\n',
  ],
};

export const PERL_SHAPES: readonly Shape[] = [
  { name: 'n unclosed calls', make: (n) => 'Net::SSLeay::CTX_set_timeout('.repeat(n) },
  { name: 'calls nested n deep', make: (n) => `${'Net::SSLeay::CTX_set_session_cache_mode($ctx, '.repeat(n)}1${')'.repeat(n)}` },
  { name: 'n calls without parentheses or semicolons', make: (n) => `use Net::SSLeay;\n${'CTX_set_timeout $ctx, '.repeat(n)}` },
  { name: 'a mode of n flags', make: (n) => `Net::SSLeay::CTX_set_session_cache_mode($ctx, ${'&Net::SSLeay::SESS_CACHE_SERVER |\n'.repeat(n)}0);` },
  { name: 'n contexts', make: (n) => Array.from({ length: n }, (_, i) => `Net::SSLeay::CTX_set_session_cache_mode($c${i}, Net::SSLeay::SESS_CACHE_SERVER());\n`).join('') },
  { name: 'an unterminated string of n escapes', make: (n) => `"${'\\"'.repeat(n)}` },
  { name: 'n heredocs never terminated', make: (n) => `${'<<"EOT";'.repeat(n)}\n${'x\n'.repeat(n)}` },
  { name: 'n POD starts without =cut', make: (n) => '=pod\n=cutting\n'.repeat(n) },
  { name: 'n nested quote-like brackets', make: (n) => `q${'{'.repeat(n)}` },
  { name: 'n substitutions with bracket delimiters', make: (n) => 's{a}{b}g;'.repeat(n) },
  { name: 'a receiver of n subscripts', make: (n) => `Net::SSLeay::CTX_set_timeout(${'$s->{c}'.repeat(n)}, 1);` },
  { name: 'n divisions and regexes', make: (n) => '$x = 1 / 2 / 3; $y =~ /a/; '.repeat(n) },
];
