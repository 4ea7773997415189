// SVG drawn in main (QR codes) shown as an <img> through a data: URL, so its markup never enters
// the page's DOM.

/** base64 of a UTF-8 string (btoa alone takes only Latin-1). */
function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export const svgDataUrl = (svg: string): string => `data:image/svg+xml;base64,${base64(svg)}`;
