/**
 * A minimal PNG encoder for palette images.
 *
 * The image data is wrapped in *stored* (uncompressed) deflate blocks written by hand rather than by
 * zlib's compressor: compressed bytes vary with the zlib build (Node bundles Chromium's zlib, whose
 * output depends on CPU features), and the icon is a generated file that `npm run generate:check`
 * compares byte for byte on every machine.
 */
import zlib from 'node:zlib';

export interface PaletteImage {
  width: number;
  height: number;
  /** RGB triples, at most 2^bitDepth of them. */
  palette: Array<[number, number, number]>;
  /** 1, 2, 4 or 8 bits per pixel. */
  bitDepth: 1 | 2 | 4 | 8;
  /** One palette index per pixel, row by row. */
  pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_STORED_BLOCK = 0xffff;

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function adler32(data: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** A zlib stream (RFC 1950) holding `data` in stored deflate blocks (RFC 1951 §3.2.4). */
export function storedZlib(data: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from([0x78, 0x01])];
  let offset = 0;
  do {
    const size = Math.min(MAX_STORED_BLOCK, data.length - offset);
    const header = Buffer.alloc(5);
    header[0] = offset + size >= data.length ? 1 : 0; // BFINAL, BTYPE=00
    header.writeUInt16LE(size, 1);
    header.writeUInt16LE(~size & 0xffff, 3);
    parts.push(header, data.subarray(offset, offset + size));
    offset += size;
  } while (offset < data.length);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(adler32(data));
  parts.push(checksum);
  return Buffer.concat(parts);
}

export function encodePalettePng(image: PaletteImage): Buffer {
  const { width, height, palette, bitDepth, pixels } = image;
  if (palette.length > 2 ** bitDepth) throw new Error(`${palette.length} colours do not fit in ${bitDepth} bits`);
  if (pixels.length !== width * height) throw new Error('pixel count does not match the size');

  const rowBytes = Math.ceil((width * bitDepth) / 8);
  const raw = Buffer.alloc((rowBytes + 1) * height); // each row starts with filter type 0 (none)
  const perByte = 8 / bitDepth;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = pixels[y * width + x];
      const shift = 8 - bitDepth * ((x % perByte) + 1);
      raw[y * (rowBytes + 1) + 1 + Math.floor(x / perByte)] |= index << shift;
    }
  }

  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = bitDepth;
  header[9] = 3; // colour type 3: palette
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  const plte = Buffer.from(palette.flat());
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('PLTE', plte), chunk('IDAT', storedZlib(raw)), chunk('IEND', Buffer.alloc(0))]);
}
