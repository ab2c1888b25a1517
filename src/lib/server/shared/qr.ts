import { lazy } from './lazy.ts';

const qrcode = lazy(() => import('qrcode'));

/** A QR code as a data: URL, made on the server (no script; the CSP allows data: images). */
export async function qrDataUrl(text: string): Promise<string> {
	const { default: QRCode } = await qrcode();
	return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
}
