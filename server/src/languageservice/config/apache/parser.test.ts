import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandApache, parseApache } from './parser';

describe('Apache parser', () => {
  it('reads directives, sections, comments and offsets', () => {
    const text = '# comment\nServerName www.example.com\n<VirtualHost *:443>\n    SSLEngine on\n</VirtualHost>\n';
    const doc = parseApache(text);
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(doc.directives.map((d) => d.name), ['ServerName', 'VirtualHost']);
    const vh = doc.directives[1];
    assert.equal(text.slice(vh.start, vh.section!.openEnd), '<VirtualHost *:443>');
    assert.equal(text.slice(vh.nameStart, vh.nameEnd), 'VirtualHost');
    assert.equal(text.slice(vh.section!.closeStart!, vh.section!.closeEnd!), '</VirtualHost>');
    assert.deepEqual(vh.args.map((a) => a.value), ['*:443']);
    const engine = vh.section!.children[0];
    assert.equal(text.slice(engine.start, engine.end), 'SSLEngine on');
    assert.equal(engine.lower, 'sslengine');
  });

  it('joins continuation lines and splits quoted words', () => {
    const text = 'LogFormat "%h \\"%r\\"" \\\n    combined\nSSLSessionCache \'shmcb:/a b(1)\'\n';
    const doc = parseApache(text);
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(doc.directives[0].args.map((a) => a.value), ['%h "%r"', 'combined']);
    assert.equal(text.slice(doc.directives[0].start, doc.directives[0].end), 'LogFormat "%h \\"%r\\"" \\\n    combined');
    assert.deepEqual(doc.directives[1].args.map((a) => a.value), ['shmcb:/a b(1)']);
  });

  it('a comment line is not continued into a directive, and # mid-line is an argument', () => {
    const doc = parseApache('# note\nSSLEngine on # really\n');
    assert.deepEqual(doc.directives[0].args.map((a) => a.value), ['on', '#', 'really']);
  });

  it('matches section names without case', () => {
    const doc = parseApache('<ifmodule mod_ssl.c>\nSSLEngine on\n</IfModule>\n');
    assert.deepEqual(doc.errors, []);
  });

  it('errors: missing >, unmatched close, a section closed over an open one, never closed, unterminated quote', () => {
    const text = '<VirtualHost *:443\n</Directory>\n<VirtualHost *:80>\n<Directory /x>\n</VirtualHost>\nServerName "x\n<IfModule a>\n';
    const doc = parseApache(text);
    assert.deepEqual(
      doc.errors.map((e) => [e.message, text.slice(e.start, e.end)]),
      [
        ['<VirtualHost> is missing its closing ">"', '<VirtualHost *:443'],
        ['</Directory> without a matching <Directory> (expected </VirtualHost>)', '</Directory>'],
        ['<Directory> is not closed before </VirtualHost>', '<Directory /x>'],
        ['unterminated quoted string: missing closing "', '"x'],
        ['<IfModule> is never closed (missing </IfModule>)', '<IfModule a>'],
        ['<VirtualHost> is never closed (missing </VirtualHost>)', '<VirtualHost *:443'],
      ].sort((a, b) => text.indexOf(a[1]) - text.indexOf(b[1])),
    );
  });

  it('Include and IncludeOptional through the loader; conditional sections are transparent when expanded', () => {
    const files: Record<string, string> = { 'mods/ssl.conf': '<IfModule mod_ssl.c>\nSSLSessionCache none\n</IfModule>\n', 'bad.conf': '<VirtualHost *:443>\n' };
    const load = (n: string) => (files[n] === undefined ? undefined : [{ name: n, text: files[n] }]);
    const text = 'IncludeOptional mods/ssl.conf\nInclude bad.conf\nInclude missing.conf\n';
    const doc = parseApache(text, { loadInclude: load });
    assert.equal(doc.directives[0].included![0].directives[0].file, 'mods/ssl.conf');
    assert.deepEqual(doc.errors.map((e) => [text.slice(e.start, e.end), e.message]), [['Include bad.conf', 'in bad.conf, line 1: <VirtualHost> is never closed (missing </VirtualHost>)']]);
    const expanded = expandApache(doc.directives, undefined, { left: 100 });
    assert.deepEqual(
      expanded.map((e) => [e.node.name, text.slice(e.anchor.nameStart, e.anchor.nameEnd)]),
      [
        ['IncludeOptional', 'IncludeOptional'],
        ['SSLSessionCache', 'IncludeOptional'],
        ['Include', 'Include'],
        ['VirtualHost', 'Include'],
        ['Include', 'Include'],
      ],
    );
  });

  it('include cycles are reported', () => {
    const doc = parseApache('Include a.conf\n', { loadInclude: () => [{ name: 'a.conf', text: 'Include a.conf\n' }] });
    assert.ok(doc.errors.some((e) => /cycle/.test(e.message)));
  });
});
