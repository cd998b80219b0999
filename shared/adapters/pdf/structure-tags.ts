/**
 * What a pdfmake content node is in the tagged PDF's structure tree when its shape alone does not
 * say (structure-roles.ts has the rules that read shapes: `headlineLevel` makes a heading, `table`
 * a Table, `ul`/`ol` a list, text a paragraph). Carried on the node as `tag`; pdfmake ignores it.
 */
export type ArtifactType = 'Pagination' | 'Layout' | 'Page' | 'Background';

export type StructureTag =
  /** Not content: running headers and footers, page numbers, marking banners, decoration. */
  | { readonly role: 'Artifact'; readonly type: ArtifactType }
  /** A picture (svg, image or canvas) and the text that stands for it. */
  | { readonly role: 'Figure'; readonly alt: string }
  | { readonly role: 'P' }
  /** `rowHeaders`: the first cell of each body row heads its row (the default, as in the HTML brief). */
  | { readonly role: 'Table'; readonly rowHeaders: boolean };

declare module 'pdfmake/interfaces' {
  interface ContentBase {
    /** Its structure element in the tagged PDF (see shared/adapters/pdf/structure-tags.ts). */
    tag?: StructureTag | undefined;
  }
}
