import { describe, expect, it } from 'vitest';
import { failFromError, safeNextPath } from './forms.ts';

describe('safeNextPath: only a path on this site, as a browser reads it', () => {
	it.each([
		['/start', '/start'],
		['/admin/staff?tab=open', '/admin/staff?tab=open'],
		['/account#two-factor', '/account#two-factor'],
		['/collaborations/a/../b', '/collaborations/b'],
		['/%2F/evil.example', '/%2F/evil.example'],
		['/@evil.example', '/@evil.example'],
		// Not ASCII: kept as the same path, percent-encoded, so the Location header can carry it (regression: a 500).
		['/。/evil.example', '/%E3%80%82/evil.example'],
		['/ä?q=ü', '/%C3%A4?q=%C3%BC']
	])('keeps the same-site path %j as %j', (next, expected) => {
		expect(safeNextPath(next)).toBe(expected);
	});

	// Edge cases of the WHATWG URL standard (and its web-platform tests) that turn a path into another host.
	it.each([
		'//evil.example',
		'//evil.example/start',
		'///evil.example',
		'/\\evil.example',
		'\\\\evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r/evil.example',
		'/\u0000/evil.example',
		'/\u001F/evil.example',
		'/\u007F/evil.example',
		' //evil.example',
		'/.//evil.example',
		'/..//evil.example',
		'/%2e//evil.example',
		'/%2e%2e//evil.example',
		'/./%2e/.//evil.example',
		'https://evil.example',
		'http://evil.example/start',
		'HTTP://evil.example',
		'http:evil.example',
		'javascript:alert(1)',
		'data:text/html,hi',
		'start',
		'',
		null,
		undefined
	])('sends %j to the fallback instead of another site', (next) => {
		expect(safeNextPath(next)).toBe('/start');
		expect(safeNextPath(next, '/admin')).toBe('/admin');
	});

	it('whatever it answers, a browser resolving it against the site stays on the site', () => {
		const inputs = ['/%09/evil.example', '/\u3002/evil.example', '/.//x', '/x/..//y', '/%5C/evil', '/\u2028/evil', '/\uFF0F/evil'];
		for (const input of inputs) {
			const answer = safeNextPath(input);
			expect(new URL(answer, 'https://tweespraak.example').origin, input).toBe('https://tweespraak.example');
			expect(answer, input).toMatch(/^\/(?![/\\])[\x21-\x7E]*$/);
		}
	});
});

describe('failFromError: a write that lost to another request at the same moment is a 409, not a 500', () => {
	it.each([
		['23505', 'PostgreSQL unique violation'],
		['40001', 'PostgreSQL serialization failure'],
		['40P01', 'PostgreSQL deadlock'],
		['SQLITE_CONSTRAINT_UNIQUE', 'SQLite unique violation'],
		['SQLITE_BUSY', 'SQLite busy']
	])('%s (%s) answers changed_meanwhile with the values sent', (code) => {
		const failure = Object.assign(new Error('conflict'), { code });
		expect(failFromError(failure, { name: 'x' })).toMatchObject({
			status: 409,
			data: { formError: 'changed_meanwhile', values: { name: 'x' } }
		});
	});

	it('any other database error still propagates (a 500, logged)', () => {
		const failure = Object.assign(new Error('broken'), { code: '42P01' });
		expect(() => failFromError(failure)).toThrow(failure);
	});
});
