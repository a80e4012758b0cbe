/**
 * CRC-32 (the gzip polynomial) of a concatenation from the CRCs of its parts, without reading the bytes
 * again: zlib's `crc32_combine` (zlib 1.2.12+, crc32.c), which Node's `zlib` does not expose. Each part's
 * CRC is computed once, when the part is made; joining hundreds of cached parts into a section then costs
 * a few hundred thousand bit operations instead of a pass over megabytes.
 */
const POLY = 0xedb88320;

/** a × b modulo the CRC polynomial, both in zlib's reflected bit order. */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if ((a & m) !== 0) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = (b & 1) !== 0 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^n) modulo the polynomial, n = 0..31. */
const x2nTable: readonly number[] = (() => {
  const table: number[] = [];
  let p = 0x40000000; // x^1
  table.push(p);
  for (let n = 1; n < 32; n++) table.push((p = multModP(p, p)));
  return table;
})();

/** x^(n · 2^k) modulo the polynomial. */
function x2nModP(n: number, k: number): number {
  let p = 0x80000000; // x^0 = 1
  while (n > 0) {
    if (n % 2 === 1) p = multModP(x2nTable[k & 31] as number, p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

/** The CRC-32 of A followed by B, from crc(A), crc(B) and B's length in bytes. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multModP(x2nModP(lengthB, 3), crcA) ^ crcB) >>> 0;
}
