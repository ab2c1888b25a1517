import { readFileSync } from 'node:fs';
import contentDisposition from 'content-disposition';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '#lib/server/testing/source-files.ts';
import * as m from '#lib/paraglide/messages.js';
import { domainError } from '../shared/errors.ts';
import { downloadResponse, refusedDownload } from './download.ts';

const ROUTES = path.resolve(import.meta.dirname, '..', '..', '..', 'routes');

describe('a file the app hands out', () => {
	it('is an attachment that no cache keeps, with its type and length', async () => {
		const response = downloadResponse('csv', 'tweespraak-export.csv', 'één;twee\n');
		expect(Object.fromEntries(response.headers)).toEqual({
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="tweespraak-export.csv"',
			'content-length': String(new TextEncoder().encode('één;twee\n').length),
			'cache-control': 'no-store'
		});
		expect(await response.text()).toBe('één;twee\n');
	});

	it('keeps a file name an organisation worded itself whole: quotes, other scripts and line breaks neither break the header nor add a parameter', () => {
		const names: [string, string][] = [
			['домовленості-2026-12-06.pdf', 'домовленості-2026-12-06.pdf'],
			['afspraken "test" ✓-2026-12-06.pdf', 'afspraken "test" ✓-2026-12-06.pdf'],
			[
				`afspraken"; filename*=UTF-8''afspraken.html; x="-2026-12-06.pdf`,
				`afspraken"; filename*=UTF-8''afspraken.html; x="-2026-12-06.pdf`
			],
			['afspraken\r\nX-Injected: 1-2026-12-06.pdf', 'afspraken--X-Injected: 1-2026-12-06.pdf'],
			['../../etc/afspraken\u0000.pdf', '..-..-etc-afspraken-.pdf']
		];
		for (const [chosen, saved] of names) {
			const response = downloadResponse('pdf', chosen, new Uint8Array([37, 80, 68, 70]));
			const header = response.headers.get('content-disposition')!;
			const parsed = contentDisposition.parse(header);
			expect(parsed.type, chosen).toBe('attachment');
			expect(parsed.parameters.filename, chosen).toBe(saved);
			expect(
				Object.keys(parsed.parameters).every((name) => name === 'filename' || name === 'filename*'),
				header
			).toBe(true);
		}
	});

	it('is made by downloadResponse (or serveMadeFile, which calls it) in every route, so none can forget no-store', () => {
		const endpoints = sourceFiles(ROUTES, (name) => name === '+server.ts');
		const byHand = endpoints.filter((file) => /content-disposition/i.test(readFileSync(file, 'utf8')));
		expect(byHand.map((file) => path.relative(ROUTES, file))).toEqual([]);
		const downloads = endpoints.filter((file) => /downloadResponse\(|serveMadeFile\(/.test(readFileSync(file, 'utf8')));
		expect(downloads.length).toBeGreaterThanOrEqual(9);
	});
});

describe('a download refused', () => {
	it('for a reason the reader can put right (a language not offered) answers 400 with the translated message, not a file', async () => {
		const response = refusedDownload(domainError('collaboration.locale_not_offered'));
		expect(response.status).toBe(400);
		expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(response.headers.get('content-disposition')).toBeNull();
		expect(await response.text()).toBe(m.error_collaboration_locale_not_offered());
	});

	it('as not found stays the 404 page, and an unexpected error stays unexpected (logged, never shown)', () => {
		expect(() => refusedDownload(domainError('not_found'))).toThrow(expect.objectContaining({ status: 404 }));
		const unexpected = new Error('database down');
		expect(() => refusedDownload(unexpected)).toThrow(unexpected);
	});
});
