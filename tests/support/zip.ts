// Builds zip archives for tests, streaming the deflate so a zip bomb's hundreds of MB never sit in
// memory; an entry may declare a size other than its real one (a lying central directory).
import { once } from "node:events";
import { createDeflateRaw, crc32 } from "node:zlib";

export interface ZipInput {
  name: string;
  /** The entry's content, `repeat` times over. */
  content: Buffer;
  repeat?: number;
  /** What the central directory says the inflated size is (default: the truth). */
  declaredSize?: number;
}

async function deflate(content: Buffer, repeat: number): Promise<{ data: Buffer; crc: number; size: number }> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on("data", (c: Buffer) => out.push(c));
  let crc = 0;
  for (let i = 0; i < repeat; i++) {
    crc = crc32(content, crc);
    if (!deflater.write(content)) await once(deflater, "drain");
  }
  deflater.end();
  await once(deflater, "end");
  return { data: Buffer.concat(out), crc, size: content.length * repeat };
}

export async function buildZip(inputs: ZipInput[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const { data, crc, size } = await deflate(input.content, input.repeat ?? 1);
    const name = Buffer.from(input.name);
    const declared = input.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(inputs.length, 8);
  end.writeUInt16LE(inputs.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
