/**
 * Synthetic practice documents for the lab: invented names, no real data. File names look like
 * what practices really store (type, patient name, date) because that is what the checks must
 * learn to count without printing.
 */
export interface FakeDocument {
  /** Path below the document root, e.g. "befunde/Befund_Quellmann_Ilse_2019-03-04.pdf". */
  path: string;
  content: Buffer;
}

const SURNAMES = ['Quellmann', 'Birkholt', 'Ostendarp', 'Wiesenkamp', 'Tannwald', 'Lohbrink', 'Feldhaus', 'Rautenberg'];
const GIVEN = ['Ilse', 'Jorin', 'Malte', 'Henrike', 'Odila', 'Bertram', 'Wiebke', 'Konrad'];

/** Deterministic pseudo-random numbers, so a lab looks the same on every start. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const KINDS: readonly { folder: string; prefix: string; ext: string; body: (label: string) => Buffer }[] = [
  { folder: 'befunde', prefix: 'Befund', ext: 'pdf', body: (l) => Buffer.from(`%PDF-1.4\n% praxiswache lab: synthetic ${l}\n%%EOF\n`) },
  { folder: 'arztbriefe', prefix: 'Arztbrief', ext: 'docx', body: (l) => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from(` synthetic ${l}`)]) },
  { folder: 'roentgen', prefix: 'Roentgen', ext: 'dcm', body: (l) => Buffer.concat([Buffer.alloc(128), Buffer.from(`DICM synthetic ${l}`)]) },
  { folder: 'scans', prefix: 'Scan', ext: 'tif', body: (l) => Buffer.concat([Buffer.from('II*\x00', 'latin1'), Buffer.from(` synthetic ${l}`)]) },
];

export function fakeDocuments(count: number, seed = 2019): FakeDocument[] {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const docs: FakeDocument[] = [];
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length] ?? KINDS[0];
    if (!kind) break;
    const date = new Date(Date.UTC(2019, Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28))).toISOString().slice(0, 10);
    const name = `${kind.prefix}_${pick(SURNAMES)}_${pick(GIVEN)}_${date}_${i}.${kind.ext}`;
    docs.push({ path: `${kind.folder}/${name}`, content: kind.body(`${kind.prefix} ${i}`) });
  }
  return docs;
}

/** The fake surnames, so tests can assert that none of them reaches any output. */
export const FAKE_SURNAMES: readonly string[] = SURNAMES;
