import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NginxDirective } from './parser';
import { expandIncludes, parseNginx } from './parser';

function names(list: readonly NginxDirective[]): string[] {
  return list.map((d) => d.name);
}

describe('nginx parser: tokens', () => {
  it('reads directives, blocks, comments and offsets', () => {
    const text = 'worker_processes 4; # four\nhttp {\n  server { listen 443 ssl; }\n}\n';
    const doc = parseNginx(text);
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(names(doc.directives), ['worker_processes', 'http']);
    const [wp, http] = doc.directives;
    assert.equal(text.slice(wp.start, wp.end), 'worker_processes 4;');
    assert.deepEqual(wp.args.map((a) => a.value), ['4']);
    assert.equal(text.slice(http.braceOpen!, http.braceOpen! + 1), '{');
    assert.equal(text.slice(http.braceClose!, http.braceClose! + 1), '}');
    const server = http.children![0];
    const listen = server.children![0];
    assert.equal(text.slice(listen.nameStart, listen.nameEnd), 'listen');
    assert.deepEqual(listen.args.map((a) => text.slice(a.start, a.end)), ['443', 'ssl']);
    assert.ok(listen.terminated);
  });

  it('unquotes strings and processes nginx escapes', () => {
    const doc = parseNginx(`add_header X "a \\"b\\" \\\\ c" 'it\\'s';\nreturn 200 "line\\nnext";`);
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(doc.directives[0].args.map((a) => a.value), ['X', 'a "b" \\ c', "it's"]);
    assert.ok(doc.directives[0].args[1].quoted);
    assert.equal(doc.directives[1].args[1].value, 'line\nnext');
  });

  it('keeps ${variables} in words and # inside a word', () => {
    const doc = parseNginx('return 301 https://${host}$request_uri#frag;\nset $a b#c;');
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(doc.directives[0].args.map((a) => a.value), ['301', 'https://${host}$request_uri#frag']);
    assert.deepEqual(doc.directives[1].args.map((a) => a.value), ['$a', 'b#c']);
  });

  it('allows strings across lines when they close properly', () => {
    const doc = parseNginx("log_format main '$a'\n                '$b';\nreturn 200 \"one\ntwo\";\n");
    assert.deepEqual(doc.errors, []);
    assert.equal(doc.directives[1].args[1].value, 'one\ntwo');
  });

  it('skips the Lua code of *_by_lua_block', () => {
    const doc = parseNginx('location / {\n  content_by_lua_block {\n    local t = { a = "}" } -- }\n    ngx.say([[ } ]])\n  }\n}\nlisten 80;');
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(names(doc.directives), ['location', 'listen']);
  });
});

describe('nginx parser: errors with ranges, and recovery', () => {
  it('missing ; before the next known directive', () => {
    const text = 'server {\n    listen 443 ssl\n    server_name a.example;\n}\n';
    const doc = parseNginx(text);
    assert.equal(doc.errors.length, 1);
    const e = doc.errors[0];
    assert.match(e.message, /missing ';' after "listen"/);
    assert.equal(text.slice(e.start, e.end), 'ssl');
    assert.equal(e.fixes[0].edits[0].newText, ';');
    assert.deepEqual(names(doc.directives[0].children!), ['listen', 'server_name']);
  });

  it('missing ; before } and at the end of the file', () => {
    const text = 'server { listen 443 }\nworker_processes 2';
    const doc = parseNginx(text);
    assert.deepEqual(
      doc.errors.map((e) => [e.message.replace(/ after.*| at the end.*/, ''), text.slice(e.start, e.end)]),
      [
        ["missing ';' before \"}\"", '443'],
        ["missing ';'", '2'],
      ],
    );
    assert.deepEqual(names(doc.directives), ['server', 'worker_processes']);
  });

  it('a } glued to a word closes the block and reports the missing ;', () => {
    const text = 'location / { return 200 ok}\nlisten 80;';
    const doc = parseNginx(text);
    assert.equal(doc.errors.length, 1);
    assert.equal(text.slice(doc.errors[0].start, doc.errors[0].end), 'ok');
    assert.deepEqual(names(doc.directives), ['location', 'listen']);
  });

  it('unbalanced braces: an unexpected } and an unclosed block', () => {
    const text = '}\nhttp {\n  server {\n    listen 443 ssl;\n';
    const doc = parseNginx(text);
    const messages = doc.errors.map((e) => [e.message, text.slice(e.start, e.end)]);
    assert.deepEqual(messages, [
      ['unexpected "}": no block is open here', '}'],
      ['missing "}" for the "http" block opened here', 'http {'],
      ['missing "}" for the "server" block opened here', 'server {'],
    ]);
    assert.equal(doc.directives[0].children![0].children![0].name, 'listen');
  });

  it('an unterminated string ends at its line', () => {
    const text = 'server_name "example.com;\nlisten 443 ssl;\n';
    const doc = parseNginx(text);
    const unterminated = doc.errors.find((e) => /unterminated/.test(e.message))!;
    assert.equal(text.slice(unterminated.start, unterminated.end), '"example.com;');
    assert.deepEqual(unterminated.fixes[0].edits, [{ start: text.indexOf('\n'), end: text.indexOf('\n'), newText: '"' }]);
    assert.deepEqual(names(doc.directives), ['server_name', 'listen']);
  });

  it('an opening quote that captures the next string is taken as unterminated', () => {
    const text = 'server_name "a.example;\nadd_header X "ok";\n';
    const doc = parseNginx(text);
    assert.ok(doc.errors.some((e) => /unterminated/.test(e.message) && text.slice(e.start, e.end) === '"a.example;'));
    assert.deepEqual(doc.directives.map((d) => [d.name, d.args.map((a) => a.value)]), [
      ['server_name', ['a.example;']],
      ['add_header', ['X', 'ok']],
    ]);
  });

  it('text glued to a closing quote', () => {
    const text = 'add_header X "a"b;';
    const doc = parseNginx(text);
    assert.equal(doc.errors.length, 1);
    assert.equal(text.slice(doc.errors[0].start, doc.errors[0].end), 'b');
  });

  it('stray ; and {', () => {
    const text = ';\n{ listen 80; }\n';
    const doc = parseNginx(text);
    assert.deepEqual(doc.errors.map((e) => text.slice(e.start, e.end)), [';', '{']);
  });
});

describe('nginx parser: include', () => {
  const files: Record<string, string> = {
    'conf.d/a.conf': 'ssl_session_cache shared:A:1m;\n',
    'conf.d/b.conf': 'ssl_session_timeout 1h;\ninclude nested.conf;\n',
    'nested.conf': 'ssl_session_tickets off;\n',
    'loop.conf': 'include loop.conf;\n',
    'bad.conf': 'server {\n  listen 443 ssl\n',
  };
  const loader = (name: string) => {
    if (name === 'conf.d/*.conf') return ['conf.d/a.conf', 'conf.d/b.conf'].map((n) => ({ name: n, text: files[n] }));
    return files[name] === undefined ? undefined : [{ name, text: files[name] }];
  };

  it('attaches included files, marks their nodes, and expands them in order', () => {
    const text = 'http {\n  include conf.d/*.conf;\n  server_tokens off;\n}\n';
    const doc = parseNginx(text, { loadInclude: loader });
    assert.deepEqual(doc.errors, []);
    const http = doc.directives[0];
    const include = http.children![0];
    assert.deepEqual(include.included!.map((f) => f.name), ['conf.d/a.conf', 'conf.d/b.conf']);
    assert.equal(include.included![0].directives[0].file, 'conf.d/a.conf');
    const expanded = expandIncludes(http.children!, undefined, { left: 1000 });
    assert.deepEqual(
      expanded.map((e) => [e.node.name, e.anchor === include || e.anchor === e.node ? text.slice(e.anchor.nameStart, e.anchor.nameEnd) : '?']),
      [
        ['include', 'include'],
        ['ssl_session_cache', 'include'],
        ['ssl_session_timeout', 'include'],
        ['include', 'include'],
        ['ssl_session_tickets', 'include'],
        ['server_tokens', 'server_tokens'],
      ],
    );
  });

  it('reports include cycles and the errors of included files on the include line', () => {
    const text = 'include loop.conf;\ninclude bad.conf;\ninclude missing.conf;\n';
    const doc = parseNginx(text, { loadInclude: loader });
    const byLine = doc.errors.map((e) => [text.slice(e.start, e.end), e.message]);
    assert.ok(byLine.some(([at, m]) => at === 'include loop.conf' && /cycle/.test(m)), JSON.stringify(byLine));
    assert.ok(byLine.some(([at, m]) => at === 'include bad.conf' && /^in bad\.conf, line 2: missing ';'/.test(m)), JSON.stringify(byLine));
    assert.ok(!byLine.some(([at]) => at.includes('missing.conf')));
  });

  it('survives a loader that throws or returns junk', () => {
    const doc = parseNginx('include a;\ninclude b;', {
      loadInclude: (name) => {
        if (name === 'a') throw new Error('boom');
        return [{ name: 'x' } as unknown as { name: string; text: string }];
      },
    });
    assert.equal(doc.directives.length, 2);
  });
});
