/**
 * Draws the connector icon: a white hook on the brand colour.
 *
 * Power Platform wants a square PNG of 100 to 230 pixels with an opaque background in the connector's
 * `iconBrandColor`, so the icon is drawn from code (signed distances, 4×4 supersampling, a 16-colour
 * palette ramp from the brand colour to white) and regenerated with everything else.
 */
import { encodePalettePng } from './png-encoder';

export const ICON_SIZE = 230;

type Point = [number, number];

function distanceToSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Distance from the hook's centre line; the hook is everything within half the stroke width of it. */
function distanceToHook(q: Point): number {
  // Drawn around (96, 100); shifted so the hook's bounding box sits in the middle of the icon.
  const p: Point = [q[0] - 12, q[1] - 8];
  const [x, y] = p;
  const eye = Math.abs(Math.hypot(x - 128, y - 56) - 19);
  const shank = distanceToSegment(p, [128, 75], [128, 140]);
  // The bend: the lower half of a circle joining the shank to the point.
  const bend = y >= 140 ? Math.abs(Math.hypot(x - 96, y - 140) - 32) : Infinity;
  const point = distanceToSegment(p, [64, 140], [64, 112]);
  const barb = distanceToSegment(p, [64, 110], [82, 128]);
  return Math.min(eye, shank, bend, point, barb);
}

export function hexToRgb(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(match[1], 16), parseInt(match[2], 16), parseInt(match[3], 16)];
}

export function drawIcon(brandColor: string): Buffer {
  const levels = 16;
  const brand = hexToRgb(brandColor);
  const palette = Array.from({ length: levels }, (_, level) =>
    brand.map((channel) => Math.round(channel + ((255 - channel) * level) / (levels - 1))) as [number, number, number],
  );
  const halfStroke = 7.5;
  const samples = 4;
  const pixels = new Uint8Array(ICON_SIZE * ICON_SIZE);
  for (let y = 0; y < ICON_SIZE; y++) {
    for (let x = 0; x < ICON_SIZE; x++) {
      // A pixel whose centre is more than half a diagonal from the edge is wholly in or out: no sampling.
      const centre = distanceToHook([x + 0.5, y + 0.5]);
      if (Math.abs(centre - halfStroke) > Math.SQRT1_2) {
        pixels[y * ICON_SIZE + x] = centre < halfStroke ? levels - 1 : 0;
        continue;
      }
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const point: Point = [x + (sx + 0.5) / samples, y + (sy + 0.5) / samples];
          if (distanceToHook(point) <= halfStroke) covered++;
        }
      }
      pixels[y * ICON_SIZE + x] = Math.round((covered / (samples * samples)) * (levels - 1));
    }
  }
  return encodePalettePng({ width: ICON_SIZE, height: ICON_SIZE, palette, bitDepth: 4, pixels });
}
