// Measures a .docx (a zip) before anything inflates it: a 1 MB upload can inflate to hundreds of
// MB and take the process down. First the central directory's declared sizes and entry count, with
// nothing inflated; then every entry is inflated with a byte cap, because a directory can lie.
import { inflateRawSync } from "node:zlib";

export interface ZipLimits {
  /** Inflated bytes of all entries together. */
  maxTotalBytes: number;
  maxEntries: number;
}

export const DOCX_LIMITS: ZipLimits = { maxTotalBytes: 20 * 1024 * 1024, maxEntries: 2000 };

export type ZipRefusal =
  | { reason: "not_a_zip"; detail: string }
  | { reason: "too_many_entries"; entries: number }
  | { reason: "too_big"; bytes: number; declared: boolean };

export type ZipCheck = { ok: true; entries: number; totalBytes: number } | { ok: false; refusal: ZipRefusal };

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

class ZipFormatError extends Error {}

/** The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 64 KiB. */
function findEndRecord(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) return i;
  }
  throw new ZipFormatError("no end of central directory");
}

function readCentralDirectory(zip: Buffer): { declaredEntries: number; entries: Entry[] } {
  const end = findEndRecord(zip);
  const declaredEntries = zip.readUInt16LE(end + 10);
  const size = zip.readUInt32LE(end + 12);
  let pos = zip.readUInt32LE(end + 16);
  // ZIP64 marks its counts with all-ones; no Word document needs it.
  if (declaredEntries === 0xffff || pos === 0xffffffff) throw new ZipFormatError("ZIP64 archives are not accepted");
  if (pos + size > end) throw new ZipFormatError("central directory out of bounds");
  const entries: Entry[] = [];
  while (pos < end && zip.readUInt32LE(pos) === CENTRAL) {
    const nameLength = zip.readUInt16LE(pos + 28);
    entries.push({
      method: zip.readUInt16LE(pos + 10),
      compressedSize: zip.readUInt32LE(pos + 20),
      size: zip.readUInt32LE(pos + 24),
      name: zip.toString("utf8", pos + 46, pos + 46 + nameLength),
      localOffset: zip.readUInt32LE(pos + 42),
    });
    pos += 46 + nameLength + zip.readUInt16LE(pos + 30) + zip.readUInt16LE(pos + 32);
  }
  return { declaredEntries, entries };
}

/** Inflated size of one entry, refusing to produce more than `cap` bytes whatever it declares. */
function inflatedSize(zip: Buffer, entry: Entry, cap: number): number {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) throw new ZipFormatError(`${entry.name}: no local header`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data.length;
  if (entry.method !== 8) throw new ZipFormatError(`${entry.name}: compression method ${entry.method}`);
  try {
    // maxOutputLength stops zlib as soon as the output would pass the cap: nothing larger is held.
    return inflateRawSync(data, { maxOutputLength: Math.max(1, cap) }).length;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return cap + 1;
    throw new ZipFormatError(`${entry.name}: ${(e as Error).message}`);
  }
}

/** Checks a zip against the limits; refuses on the declared sizes before inflating anything. */
export function checkZip(zip: Buffer, limits: ZipLimits = DOCX_LIMITS): ZipCheck {
  try {
    const { declaredEntries, entries } = readCentralDirectory(zip);
    const count = Math.max(declaredEntries, entries.length);
    if (count > limits.maxEntries) return { ok: false, refusal: { reason: "too_many_entries", entries: count } };
    const declared = entries.reduce((sum, e) => sum + e.size, 0);
    if (declared > limits.maxTotalBytes) return { ok: false, refusal: { reason: "too_big", bytes: declared, declared: true } };
    let total = 0;
    for (const entry of entries) {
      total += inflatedSize(zip, entry, limits.maxTotalBytes - total);
      if (total > limits.maxTotalBytes) return { ok: false, refusal: { reason: "too_big", bytes: total, declared: false } };
    }
    return { ok: true, entries: entries.length, totalBytes: total };
  } catch (e) {
    if (e instanceof ZipFormatError || e instanceof RangeError) return { ok: false, refusal: { reason: "not_a_zip", detail: e.message } };
    throw e;
  }
}
