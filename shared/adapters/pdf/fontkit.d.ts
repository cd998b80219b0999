// fontkit (a dependency of pdfkit) ships no TypeScript types; this is the part the PDF adapter uses.
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font;
}
