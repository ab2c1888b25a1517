import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The outbox (DATA_DIR/outbox, used without SMTP_URL) after an erasure: every .eml file that
 * mentions an erased label, name or address is removed. Bodies are quoted-printable or base64,
 * so the text is searched raw and decoded.
 */

function decodeQuotedPrintable(raw: string): string {
	const bytes = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	return Buffer.from(bytes, 'latin1').toString('utf8');
}

function decodeBase64Blocks(raw: string): string[] {
	const blocks = raw.match(/(?:^[A-Za-z0-9+/=]{16,}\r?\n)+/gm) ?? [];
	return blocks.map((block) => Buffer.from(block.replace(/\s+/g, ''), 'base64').toString('utf8'));
}

export function mailMentions(raw: string, needles: readonly string[]): boolean {
	const texts = [raw, decodeQuotedPrintable(raw), ...decodeBase64Blocks(raw)].map((text) => text.toLowerCase());
	return needles.some((needle) => needle.trim() !== '' && texts.some((text) => text.includes(needle.toLowerCase())));
}

/** Removes the outbox mails that mention any of `needles`; the number removed. A missing outbox is empty. */
export async function removeOutboxMailsMentioning(outboxDir: string, needles: readonly string[]): Promise<number> {
	let names: string[];
	try {
		names = (await fs.readdir(outboxDir)).filter((name) => name.endsWith('.eml'));
	} catch {
		return 0;
	}
	let removed = 0;
	for (const name of names) {
		const file = path.join(outboxDir, name);
		const raw = await fs.readFile(file, 'utf8').catch(() => '');
		if (!mailMentions(raw, needles)) continue;
		await fs.rm(file, { force: true });
		removed += 1;
	}
	return removed;
}
