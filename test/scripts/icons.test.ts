/** The site icon rendered at build time (runs in Node, where resvg does). */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderIcons } from "../../scripts/lib/icons";

const DEFAULT_ICON = path.resolve("src/assets/icon.svg");

/** Width and height from a PNG's IHDR chunk, read independently of the code under test. */
function pngSize(bytes: Uint8Array): [number, number] {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

describe("renderIcons", () => {
  it("renders every size the pages and feeds name, from the built-in SVG", async () => {
    const svg = await readFile(DEFAULT_ICON, "utf8");
    const icons = renderIcons(svg);
    expect(new TextDecoder().decode(icons["icon.svg"])).toBe(svg);
    expect(pngSize(icons["icon-32.png"])).toEqual([32, 32]);
    expect(pngSize(icons["icon-64.png"])).toEqual([64, 64]);
    expect(pngSize(icons["icon-144.png"])).toEqual([144, 144]);
    expect(pngSize(icons["icon-180.png"])).toEqual([180, 180]);
    expect(pngSize(icons["icon-512.png"])).toEqual([512, 512]);
    expect(pngSize(icons["logo.png"])).toEqual([256, 128]);
  });

  it("writes a favicon.ico of two PNG images, 32 and 64 pixels", async () => {
    const icons = renderIcons(await readFile(DEFAULT_ICON, "utf8"));
    const ico = icons["favicon.ico"];
    const view = new DataView(ico.buffer, ico.byteOffset, ico.byteLength);
    expect([view.getUint16(0, true), view.getUint16(2, true), view.getUint16(4, true)]).toEqual([0, 1, 2]);
    const entries = [0, 1].map((i) => {
      const at = 6 + 16 * i;
      const [size, offset] = [view.getUint32(at + 8, true), view.getUint32(at + 12, true)];
      return { width: ico[at], height: ico[at + 1], image: pngSize(ico.subarray(offset, offset + size)) };
    });
    expect(entries).toEqual([
      { width: 32, height: 32, image: [32, 32] },
      { width: 64, height: 64, image: [64, 64] },
    ]);
  });

  it("refuses an icon that is not square, and one that is not SVG", () => {
    expect(() => renderIcons('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"/>')).toThrow(
      "the icon must be square; it renders 32x16",
    );
    expect(() => renderIcons("not an svg")).toThrow();
  });
});
