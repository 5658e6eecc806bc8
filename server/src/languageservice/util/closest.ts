/** Edit distance (insertions, deletions, substitutions; case-insensitive). */
export function editDistance(a: string, b: string): number {
  a = a.toUpperCase();
  b = b.toUpperCase();
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate closest to name, if it is close enough to be a plausible typo:
 * at most a third of the name's length in edits.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: a long word (a pasted line, a token
    // of garbage) is compared with nothing, instead of costing its length times every name.
    if (Math.abs(name.length - candidate.length) > limit) continue;
    const d = editDistance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
