/** Cursor markers in fixtures: ⟦name⟧ marks a position; the markers are removed before analysis. */
export interface MarkedText {
  text: string;
  markers: Map<string, number>;
}

const MARKER = /⟦([A-Za-z0-9_-]+)⟧/g;

export function extractMarkers(source: string): MarkedText {
  const markers = new Map<string, number>();
  let text = '';
  let last = 0;
  for (const m of source.matchAll(MARKER)) {
    text += source.slice(last, m.index);
    if (markers.has(m[1])) throw new Error(`duplicate marker ${m[1]}`);
    markers.set(m[1], text.length);
    last = m.index! + m[0].length;
  }
  text += source.slice(last);
  return { text, markers };
}
