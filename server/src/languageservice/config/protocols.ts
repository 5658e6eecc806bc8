export type TlsProtocol = 'TLSv1.2' | 'TLSv1.3';

/**
 * The protocols the simulator models (TLS 1.2 and 1.3) that a min/max version pair allows, the
 * names lower-cased as the products write them (`tlsv1.2`, `tlsv1.3`; `all` or none is no bound).
 * A pair that allows neither falls back to TLS 1.2 rather than to nothing.
 */
export function protocolsBetween(min: string | undefined, max: string | undefined): TlsProtocol[] {
  const protocols: TlsProtocol[] = [];
  if (min !== 'tlsv1.3') protocols.push('TLSv1.2');
  if (!max || max === 'tlsv1.3' || max === 'all') protocols.push('TLSv1.3');
  return protocols.length ? protocols : ['TLSv1.2'];
}
