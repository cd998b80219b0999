/**
 * What the XMP metadata pdfkit writes (pdfkit 0.19.1, mixin Metadata) lacks for a document that is
 * PDF/UA-1 and PDF/A-2 at once. pdfkit takes one `subset` (a PDF/A part *or* PDF/UA), so the PDF/A
 * subset is pdfkit's and this adds the PDF/UA identification; it also writes the Info dictionary's
 * values into the XMP unescaped (a title with `&` or `<` breaks the XML, and PDF/A wants the two
 * to agree), and has no xmp:ModifyDate for the Info ModDate. Guarded with the other pdfkit
 * internals by test/unit/adapters/pdf/pdfkit-tagging.test.ts.
 */

/** pdfkit's document before end(): the public appendXML() and the private method that writes the Info values. */
interface PdfKitMetadataMembers {
  info: Record<string, unknown>;
  appendXML(xml: string): void;
  _addInfo(): void;
}

/**
 * ISO 14289-1 (5): pdfuaid:part 1, with the PDF/A extension schema that declares it (ISO 19005-2
 * 6.6.2.3.2: properties outside the predefined schemas must be described).
 */
export const PDF_UA_XMP = `<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>`;

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const xmpDate = (date: Date) => `${date.toISOString().split('.')[0]}Z`;

/**
 * Declares PDF/UA-1 in the document's XMP, adds xmp:ModifyDate when Info has a ModDate, and makes
 * pdfkit write the Info values into the XMP escaped (the Info dictionary keeps them as they are).
 * Call before end().
 */
export function completeXmp(document: unknown): void {
  const members = document as Partial<PdfKitMetadataMembers>;
  if (
    typeof members.appendXML !== 'function' ||
    typeof members._addInfo !== 'function' ||
    typeof members.info !== 'object'
  )
    throw new Error(
      'pdfkit no longer has appendXML(), _addInfo() and info: the XMP cannot be completed (see shared/adapters/pdf/pdfkit-metadata.ts)',
    );
  const target = members as PdfKitMetadataMembers;
  target.appendXML(PDF_UA_XMP);
  const modified = target.info.ModDate;
  if (modified instanceof Date)
    target.appendXML(
      `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">\n<xmp:ModifyDate>${xmpDate(modified)}</xmp:ModifyDate>\n</rdf:Description>`,
    );
  const addInfo = target._addInfo;
  target._addInfo = function addEscapedInfo(this: PdfKitMetadataMembers) {
    const info = this.info;
    this.info = Object.fromEntries(
      Object.entries(info).map(([key, value]) => [key, typeof value === 'string' ? escapeXml(value) : value]),
    );
    try {
      addInfo.call(this);
    } finally {
      this.info = info;
    }
  };
}
