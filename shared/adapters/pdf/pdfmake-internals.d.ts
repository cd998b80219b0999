// pdfmake 0.3.11's layout and render classes, which pdfmake-structure-hooks.ts wraps. pdfmake ships
// no types for them; they are CommonJS modules whose `default` export is the class.
declare module 'pdfmake/js/LayoutBuilder.js' {
  const module: unknown;
  export default module;
}
declare module 'pdfmake/js/ElementWriter.js' {
  const module: unknown;
  export default module;
}
declare module 'pdfmake/js/Renderer.js' {
  const module: unknown;
  export default module;
}
