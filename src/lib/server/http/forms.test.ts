import { describe, expect, it } from 'vitest';
import { safeNextPath } from './forms.ts';

describe('safeNextPath', () => {
	it.each(['/start', '/admin/staff?tab=open', '/account#two-factor'])('keeps the same-site path %s', (path) => {
		expect(safeNextPath(path)).toBe(path);
	});

	it.each([
		'//evil.example',
		'//evil.example/start',
		'/\\evil.example',
		'https://evil.example',
		'http://evil.example/start',
		'javascript:alert(1)',
		'start',
		'',
		null,
		undefined
	])('sends %j to the fallback instead of another site', (next) => {
		expect(safeNextPath(next)).toBe('/start');
		expect(safeNextPath(next, '/admin')).toBe('/admin');
	});
});
