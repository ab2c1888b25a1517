// Bytes a client's phone downloads for the rating page: a participant joins over HTTP (code →
// "I am …" → device cookie), then the page and every same-origin stylesheet, script, module
// preload, icon and font it uses are fetched with `accept-encoding: br, gzip`, counting the bytes
// on the wire (compressed where the server compresses).
import http from 'node:http';
import zlib from 'node:zlib';
import { buildRunningConversations } from './fixtures.mjs';
import { cookiesFrom, request } from './lib.mjs';
import { PARTICIPANT_PAGE } from './ratings.mjs';

/** One GET with raw bytes as sent (node:http does not decompress). */
function getRaw(url, cookie) {
	return new Promise((resolve, reject) => {
		const request = http.get(
			url,
			{ headers: { 'accept-encoding': 'br, gzip', accept: '*/*', ...(cookie ? { cookie } : {}) } },
			(response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => {
					const raw = Buffer.concat(chunks);
					const encoding = response.headers['content-encoding'];
					const body = encoding === 'br' ? zlib.brotliDecompressSync(raw) : encoding === 'gzip' ? zlib.gunzipSync(raw) : raw;
					resolve({
						status: response.statusCode,
						encoding: encoding ?? 'none',
						cached: /immutable/.test(response.headers['cache-control'] ?? ''),
						wire: raw.length,
						body: body.toString('utf8')
					});
				});
				response.on('error', reject);
			}
		);
		request.on('error', reject);
	});
}

/** Joins the conversation with its code as a participant's own phone would; returns the Cookie header. */
export async function joinOverHttp(base, conversation) {
	const { code, devices } = conversation;
	const page = await request(`${base}/join?code=${encodeURIComponent(code)}`, { headers: { accept: 'text/html' } });
	const html = await page.text();
	if (!html.includes(devices[0].partyId)) throw new Error('the join page does not offer the participant');
	const response = await request(`${base}/join?code=${encodeURIComponent(code)}&/claim`, {
		method: 'POST',
		body: new URLSearchParams({ code, partyId: devices[0].partyId }),
		redirect: 'manual',
		headers: { origin: base, accept: 'text/html' }
	});
	const cookie = cookiesFrom(response);
	if (response.status !== 303 || !cookie.includes('tweespraak_device=')) throw new Error(`claiming answered ${response.status}`);
	return cookie;
}

const attribute = (tag, name) => new RegExp(`\\s${name}\\s*=\\s*["']?([^"'\\s>]+)`, 'i').exec(tag)?.[1];

/** The resources a browser fetches for this HTML: stylesheets, module preloads, preloads, scripts, icons. */
function referencedByHtml(html) {
	const found = [];
	for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
		const rel = attribute(tag, 'rel')?.toLowerCase();
		const href = attribute(tag, 'href');
		if (!href) continue;
		// SvelteKit keeps a disabled link beside a stylesheet it inlined (for client-side
		// navigation); a browser does not fetch a disabled stylesheet.
		if (rel === 'stylesheet' && /\sdisabled[\s>=/]/i.test(tag)) continue;
		if (rel === 'stylesheet') found.push({ kind: 'css', href });
		else if (rel === 'modulepreload') found.push({ kind: 'js', href });
		else if (rel === 'preload') found.push({ kind: attribute(tag, 'as') === 'font' ? 'font' : 'js', href });
		else if (rel === 'icon') found.push({ kind: 'icon', href });
	}
	for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
		const src = attribute(tag, 'src');
		if (src) found.push({ kind: 'js', href: src });
	}
	// SvelteKit starts the app from an inline script with import("…/start.js") and import("…/app.js").
	for (const [, href] of html.matchAll(/import\(\s*["']([^"']+\.js)["']\s*\)/g)) found.push({ kind: 'js', href });
	return found;
}

/** Static imports of a (minified) module: the browser fetches these before running it. */
const staticImports = (js) => [...js.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+)["']/g)].map((m) => m[1]);

/** @font-face rules of a stylesheet: url and unicode-range. */
function fontFaces(css) {
	return [...css.matchAll(/@font-face\s*{([^}]*)}/g)].map(([, rule]) => ({
		href: /url\(\s*["']?([^"')]+)["']?\s*\)/.exec(rule)?.[1],
		ranges: (/unicode-range\s*:\s*([^;]+)/.exec(rule)?.[1] ?? 'U+0-10FFFF').split(',').map((r) => {
			const [from, to] = r.trim().slice(2).split('-');
			return from.includes('?')
				? [parseInt(from.replace(/\?/g, '0'), 16), parseInt(from.replace(/\?/g, 'F'), 16)]
				: [parseInt(from, 16), parseInt(to ?? from, 16)];
		})
	}));
}

/** The characters a browser renders from this page: the text between tags. */
function pageCharacters(html) {
	const text = html
		.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
		.replace(/<[^>]*>/g, '')
		.replace(/&[a-z]+;|&#\d+;/gi, ' ');
	return new Set([...text].map((c) => c.codePointAt(0)));
}

export async function measurePageWeight({ ctx, server }) {
	const [conversation] = await buildRunningConversations(ctx, { count: 1, participants: 1, claimed: 0 });
	const cookie = await joinOverHttp(server.base, conversation);
	const pageUrl = `${server.base}${PARTICIPANT_PAGE}`;
	const page = await getRaw(pageUrl, cookie);
	if (page.status !== 200) throw new Error(`${PARTICIPANT_PAGE} answered ${page.status}`);
	const parts = [
		{
			kind: 'html',
			path: PARTICIPANT_PAGE,
			encoding: page.encoding,
			cached: page.cached,
			wire: page.wire,
			raw: Buffer.byteLength(page.body)
		}
	];
	const characters = pageCharacters(page.body);
	const skippedFonts = [];
	const seen = new Set([pageUrl]);
	const queue = referencedByHtml(page.body).map((r) => ({ ...r, url: new URL(r.href, pageUrl) }));
	/** A browser fetches a font file only when the page has a character in its unicode-range. */
	const queueFonts = (css, base) => {
		for (const face of fontFaces(css)) {
			if (!face.href) continue;
			const fontUrl = new URL(face.href, base);
			if ([...characters].some((c) => face.ranges.some(([from, to]) => c >= from && c <= to))) queue.push({ kind: 'font', url: fontUrl });
			else skippedFonts.push(fontUrl.pathname);
		}
	};
	// Styles SvelteKit inlined into the page (inlineStyleThreshold) name their fonts too.
	for (const [, css] of page.body.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) queueFonts(css, pageUrl);
	for (let i = 0; i < queue.length && i < 500; i++) {
		const { kind, url } = queue[i];
		if (url.origin !== server.base || seen.has(url.href)) continue;
		seen.add(url.href);
		const response = await getRaw(url, cookie);
		if (response.status !== 200) throw new Error(`${url.pathname} answered ${response.status}`);
		parts.push({
			kind,
			path: url.pathname,
			encoding: response.encoding,
			cached: response.cached,
			wire: response.wire,
			raw: Buffer.byteLength(response.body)
		});
		if (kind === 'js') for (const href of staticImports(response.body)) queue.push({ kind: 'js', url: new URL(href, url) });
		if (kind === 'css') queueFonts(response.body, url);
	}
	const byKind = {};
	for (const part of parts) byKind[part.kind] = (byKind[part.kind] ?? 0) + part.wire;
	const htmlBrotli = zlib.brotliCompressSync(page.body).length;
	const total = parts.reduce((sum, p) => sum + p.wire, 0);
	// Immutable assets stay in the phone's cache: a later visit fetches only the rest.
	const repeatVisit = parts.filter((p) => !p.cached).reduce((sum, p) => sum + p.wire, 0);
	return { total, repeatVisit, byKind, parts, skippedFonts, htmlBrotli };
}
