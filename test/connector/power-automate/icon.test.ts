import fs from 'node:fs';
import zlib from 'node:zlib';
import { drawIcon, hexToRgb } from '../../../connector/power-automate/icon';
import { API_PROPERTIES_PATH, ICON_PATH } from './connector-files';

interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  palette: Array<[number, number, number]>;
  pixel(x: number, y: number): [number, number, number];
}

/** Reads a palette PNG with zlib's inflater (not our encoder), checking every chunk's CRC. */
function decodePng(png: Buffer): DecodedPng {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: Array<{ type: string; data: Buffer }> = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(zlib.crc32(png.subarray(offset + 4, offset + 8 + length)));
    chunks.push({ type, data });
    offset += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']);
  const header = chunks[0].data;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const bitDepth = header[8];
  const colorType = header[9];
  const plte = chunks[1].data;
  const palette = Array.from({ length: plte.length / 3 }, (_, i) => [plte[3 * i], plte[3 * i + 1], plte[3 * i + 2]] as [number, number, number]);
  const raw = zlib.inflateSync(chunks[2].data);
  const rowBytes = Math.ceil((width * bitDepth) / 8);
  expect(raw.length).toBe((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) expect(raw[y * (rowBytes + 1)]).toBe(0); // every row: filter type none
  return {
    width,
    height,
    bitDepth,
    colorType,
    palette,
    pixel(x, y) {
      const row = y * (rowBytes + 1);
      const bit = x * bitDepth;
      const index = (raw[row + 1 + (bit >> 3)] >> (8 - bitDepth - (bit % 8))) & ((1 << bitDepth) - 1);
      return palette[index];
    },
  };
}

describe('icon.png', () => {
  const apiProperties = JSON.parse(fs.readFileSync(API_PROPERTIES_PATH, 'utf8'));
  const brand = hexToRgb(apiProperties.properties.iconBrandColor);
  const png = fs.readFileSync(ICON_PATH);
  const icon = decodePng(png);

  test('when Power Platform reads the icon, then it is a square PNG of 100 to 230 pixels, under 1 MB, without transparency', () => {
    expect(icon.width).toBe(icon.height);
    expect(icon.width).toBeGreaterThanOrEqual(100);
    expect(icon.width).toBeLessThanOrEqual(230);
    expect(png.length).toBeLessThan(1_000_000);
    expect(icon.colorType).toBe(3); // palette, and no tRNS chunk: every pixel is opaque
  });

  test('when the icon is looked at, then its background is the brand colour of apiProperties.json and the hook is white', () => {
    for (const [x, y] of [[0, 0], [icon.width - 1, 0], [0, icon.height - 1], [icon.width - 1, icon.height - 1]]) {
      expect(icon.pixel(x, y)).toEqual(brand);
    }
    let white = 0;
    for (let y = 0; y < icon.height; y++) for (let x = 0; x < icon.width; x++) if (icon.pixel(x, y).every((c) => c === 255)) white++;
    // The hook covers a visible share of the icon, but not most of it.
    expect(white / (icon.width * icon.height)).toBeGreaterThan(0.03);
    expect(white / (icon.width * icon.height)).toBeLessThan(0.3);
  });

  test('when the icon is drawn again from apiProperties.json, then it is byte for byte the committed file', () => {
    expect(drawIcon(apiProperties.properties.iconBrandColor).equals(png)).toBe(true);
  });
});
