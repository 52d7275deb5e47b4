/**
 * The site's icon in every size and format that pages and feeds ask for, rendered at build time
 * from one SVG (SITE_ICON, or src/assets/icon.svg) with resvg: the SVG itself, square PNGs, a 2:1
 * logo for Atom, and a favicon.ico. An ICO may hold PNGs (browsers and Windows read them since
 * Vista), so its few header bytes are written here rather than with another image library.
 */
import { createRequire } from "node:module";
import type { IconName } from "../../src/archive/layout";

/**
 * resvg, loaded on the first render: a build whose icon is unchanged takes the files from its
 * cache, and loading the native module would cost it about 30 ms.
 */
const loadResvg = () =>
  (createRequire(import.meta.url)("@resvg/resvg-js") as typeof import("@resvg/resvg-js")).Resvg;

/** Square PNGs: favicon, Atom icon and JSON Feed favicon, RSS image (at most 144 wide), touch icon, JSON Feed icon. */
const SQUARE_SIZES = [32, 64, 144, 180, 512] as const;

/** Every icon file, name -> bytes. Throws with resvg's message if the SVG cannot be rendered. */
export function renderIcons(svg: string): Record<IconName, Uint8Array> {
  const Resvg = loadResvg();
  const squares = SQUARE_SIZES.map((size) => {
    const image = new Resvg(svg, { fitTo: { mode: "width", value: size } }).render();
    if (image.width !== image.height) {
      throw new Error(`the icon must be square; it renders ${image.width}x${image.height}`);
    }
    return new Uint8Array(image.asPng());
  });
  const [png32, png64, png144, png180, png512] = squares as [
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
  ];
  // Atom's logo should be twice as wide as tall: the icon centred on a transparent 256x128 canvas.
  const wide = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="128"><image x="64" y="0" width="128" height="128" href="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}"/></svg>`;
  return {
    "icon.svg": new TextEncoder().encode(svg),
    "icon-32.png": png32,
    "icon-64.png": png64,
    "icon-144.png": png144,
    "icon-180.png": png180,
    "icon-512.png": png512,
    "logo.png": new Uint8Array(new Resvg(wide).render().asPng()),
    "favicon.ico": encodeIco([
      [png32, 32],
      [png64, 64],
    ]),
  };
}

/** An ICO file whose images are PNGs of the given square sizes (under 256). */
export function encodeIco(images: readonly (readonly [png: Uint8Array, size: number])[]): Uint8Array {
  const headerLength = 6 + 16 * images.length;
  const out = new Uint8Array(headerLength + images.reduce((total, [png]) => total + png.length, 0));
  const view = new DataView(out.buffer);
  view.setUint16(2, 1, true); // type: icon
  view.setUint16(4, images.length, true);
  let offset = headerLength;
  images.forEach(([png, size], i) => {
    const entry = 6 + 16 * i;
    out[entry] = size; // width
    out[entry + 1] = size; // height
    view.setUint16(entry + 4, 1, true); // colour planes
    view.setUint16(entry + 6, 32, true); // bits per pixel
    view.setUint32(entry + 8, png.length, true);
    view.setUint32(entry + 12, offset, true);
    out.set(png, offset);
    offset += png.length;
  });
  return out;
}
