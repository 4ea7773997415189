// The one QR renderer of the main process, via the `qrcode` package: an SVG for the window (export
// codes and the payment screen), a PNG for files, Unicode blocks for a terminal. One set of options,
// so every code the app draws has the same error correction and quiet zone.

import QRCode from 'qrcode';

// Level M keeps long links (reality, 2022 keys) in a version phones still scan quickly. A quiet
// zone of 4 modules is what the QR standard asks for (ISO/IEC 18004; the `qrcode` package's default
// margin), so a code scans on any background, dark themes included.
const OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

/** PNG image of `data`, 8 pixels a module: large enough to scan from a screen. */
export function qrPng(data: string): Promise<Buffer> {
  return QRCode.toBuffer(data, { ...OPTIONS, type: 'png', scale: 8 });
}

/** SVG text of `data`, for the window (scales to any size without blur). */
export function qrSvg(data: string): Promise<string> {
  return QRCode.toString(data, { ...OPTIONS, type: 'svg' });
}

/** The QR as Unicode blocks for a terminal (the CLI without --out). */
export function qrTerminal(data: string): Promise<string> {
  return QRCode.toString(data, { ...OPTIONS, type: 'terminal', small: true });
}
