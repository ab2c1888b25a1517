import { createHmac } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function decodeBase32(text: string): Buffer {
	let bits = '';
	for (const char of text.replace(/=+$/, '').toUpperCase()) {
		const value = BASE32.indexOf(char);
		if (value < 0) throw new Error(`not base32: ${char}`);
		bits += value.toString(2).padStart(5, '0');
	}
	const bytes = bits.match(/.{8}/g) ?? [];
	return Buffer.from(bytes.map((byte) => parseInt(byte, 2)));
}

/** The current 6-digit code (RFC 6238, SHA-1, 30 s) for an otpauth:// URI, as an app shows it. */
export function generateTotpCode(otpauthUri: string, at: number = Date.now()): string {
	const secret = new URL(otpauthUri).searchParams.get('secret');
	if (!secret) throw new Error('no secret in the otpauth URI');
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
	const hmac = createHmac('sha1', decodeBase32(secret)).update(counter).digest();
	const offset = hmac[hmac.length - 1]! & 0x0f;
	const binary = (hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
	return binary.toString().padStart(6, '0');
}
