// QR codes of share links, via the `qrcode` package: a PNG for files and an SVG for the UI.

import QRCode from 'qrcode';

// Level M keeps long links (reality, 2022 keys) in a version phones still scan quickly.
const OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

/** PNG image of `link`, 8 pixels a module: large enough to scan from a screen. */
export function qrPng(link: string): Promise<Buffer> {
  return QRCode.toBuffer(link, { ...OPTIONS, type: 'png', scale: 8 });
}

/** SVG text of `link`, for the Export page (scales to any size without blur). */
export function qrSvg(link: string): Promise<string> {
  return QRCode.toString(link, { ...OPTIONS, type: 'svg' });
}

/** The QR as Unicode blocks for a terminal (the CLI without --out). */
export function qrTerminal(link: string): Promise<string> {
  return QRCode.toString(link, { ...OPTIONS, type: 'terminal', small: true });
}
