// Reads the .eml files the app writes to DATA_DIR/outbox when no SMTP server is configured.
// Bodies are quoted-printable (or base64) and headers may be RFC 2047 encoded words; both are
// decoded here, so a test sees the text a person would read.
import fs from 'node:fs';
import path from 'node:path';

export interface Mail {
	file: string;
	to: string;
	subject: string;
	text: string;
	html: string;
}

interface Part {
	headers: Map<string, string>;
	body: string;
}

/** Splits a message (or MIME part) into unfolded, lower-cased headers and its body. */
function splitPart(raw: string): Part {
	const normalised = raw.replace(/\r\n/g, '\n');
	const end = normalised.indexOf('\n\n');
	const head = end === -1 ? normalised : normalised.slice(0, end);
	const body = end === -1 ? '' : normalised.slice(end + 2);
	const headers = new Map<string, string>();
	for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
	}
	return { headers, body };
}

function headerParam(value: string | undefined, name: string): string | undefined {
	const match = value?.match(new RegExp(`${name}="?([^";]+)"?`, 'i'));
	return match?.[1];
}

export function decodeQuotedPrintable(input: string, charset = 'utf-8'): string {
	const text = input.replace(/=\r?\n/g, ''); // soft line breaks
	const bytes: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const hex = text.slice(i + 1, i + 3);
		if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else {
			bytes.push(...Buffer.from(text[i]!, 'utf8'));
		}
	}
	return new TextDecoder(charset).decode(Uint8Array.from(bytes));
}

/** `=?utf-8?Q?...?=` and `=?utf-8?B?...?=` words in a header. */
export function decodeEncodedWords(value: string): string {
	return value
		.replace(/\?=\s+=\?/g, '?==?') // whitespace between encoded words is not shown
		.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, charset: string, encoding: string, text: string) =>
			encoding.toUpperCase() === 'B'
				? new TextDecoder(charset).decode(Buffer.from(text, 'base64'))
				: decodeQuotedPrintable(text.replace(/_/g, ' '), charset)
		);
}

function decodeBody(part: Part): string {
	const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
	const charset = headerParam(part.headers.get('content-type'), 'charset') ?? 'utf-8';
	if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body, charset);
	if (encoding === 'base64') return new TextDecoder(charset).decode(Buffer.from(part.body.replace(/\s+/g, ''), 'base64'));
	return part.body;
}

/** The text and HTML bodies of a message, looking inside multipart/* parts. */
function collectBodies(part: Part, found: { text: string; html: string }): void {
	const type = part.headers.get('content-type') ?? 'text/plain';
	const boundary = headerParam(type, 'boundary');
	if (type.toLowerCase().startsWith('multipart/') && boundary) {
		const sections = part.body.split(`--${boundary}`).slice(1);
		for (const section of sections) {
			if (section.startsWith('--')) break; // closing delimiter
			collectBodies(splitPart(section.replace(/^\n/, '')), found);
		}
		return;
	}
	if (type.toLowerCase().startsWith('text/html')) found.html ||= decodeBody(part);
	else if (type.toLowerCase().startsWith('text/plain')) found.text ||= decodeBody(part);
}

export function parseEml(raw: string, file = ''): Mail {
	const message = splitPart(raw);
	const bodies = { text: '', html: '' };
	collectBodies(message, bodies);
	return {
		file,
		to: decodeEncodedWords(message.headers.get('to') ?? ''),
		subject: decodeEncodedWords(message.headers.get('subject') ?? ''),
		...bodies
	};
}

/** Every mail in the outbox, oldest first (file names start with the time they were written). */
export function readMails(outboxDir: string, filter: { to?: string } = {}): Mail[] {
	if (!fs.existsSync(outboxDir)) return [];
	return fs
		.readdirSync(outboxDir)
		.filter((name) => name.endsWith('.eml'))
		.sort()
		.map((name) => parseEml(fs.readFileSync(path.join(outboxDir, name), 'utf8'), name))
		.filter((mail) => !filter.to || mail.to.toLowerCase().includes(filter.to.toLowerCase()));
}

export function newestMail(outboxDir: string, filter: { to?: string } = {}): Mail | undefined {
	return readMails(outboxDir, filter).at(-1);
}

/** The first link in the mail's text whose path starts with `pathPrefix`; the HTML part must hold it too. */
export function extractLink(mail: Mail, pathPrefix: string): string {
	const links = mail.text.match(/https?:\/\/[^\s<>"]+/g) ?? [];
	const link = links.find((candidate) => new URL(candidate).pathname.startsWith(pathPrefix));
	if (!link) throw new Error(`No link to ${pathPrefix} in the mail ${mail.file}:\n${mail.text}`);
	if (!mail.html.includes(`href="${link}"`)) throw new Error(`The HTML part of ${mail.file} does not link to ${link}`);
	return link;
}
