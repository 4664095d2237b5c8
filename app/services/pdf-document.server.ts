/**
 * Opens a PDF with pdf.js's legacy build the way the server reads files it did not write: no eval, no system
 * or web fonts, no worker, quiet, and past recoverable errors. Close it (`destroy()`) when done.
 */
export async function openPdf(bytes: Uint8Array) {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: 0,
  });
  return task.promise;
}
