import { describe, expect, it } from 'vitest';
import { CLIENT_SHELL_FILES } from '../client-facing.ts';
import { clientPageFiles, readSource } from '../server/testing/client-pages.ts';

/**
 * Right to left done properly (issue 16, docs/decisions/021): the CSS of every client page uses
 * logical properties (margin-inline-start, inset-inline-end, text-align: start …), so an Arabic
 * page mirrors by itself. A left or right written into a client component's style, or into the
 * global stylesheet they share, would keep its side in Arabic.
 */
const PHYSICAL = [
	/\b(margin|padding|border)-(left|right)\b/,
	/\bborder-(top|bottom)-(left|right)-radius\b/,
	/\btext-align\s*:\s*(left|right)\b/,
	/\b(float|clear)\s*:\s*(left|right)\b/,
	/(^|[\s;{])(left|right)\s*:/
];

/** Every physical left/right in a piece of CSS, as "file: line". */
function physicalSides(file: string, css: string): string[] {
	return css
		.split('\n')
		.filter((line) => PHYSICAL.some((rule) => rule.test(line.replace(/\/\*.*?\*\//g, ''))))
		.map((line) => `${file}: ${line.trim()}`);
}

const stylesOf = (source: string) => [...source.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map(([, css]) => css ?? '').join('\n');

describe('client pages right to left', () => {
	const files = [...new Set([...clientPageFiles(), ...CLIENT_SHELL_FILES])].filter((file) => file.endsWith('.svelte'));

	it('the scan reads the client components (rating line, reveal, preparation) and finds a physical side', () => {
		for (const part of ['LineChoices.svelte', 'RevealView.svelte', 'PreparationFields.svelte', 'ReadAloud.svelte'])
			expect(files.some((file) => file.endsWith(part))).toBe(true);
		expect(physicalSides('x', '.a { padding-left: 1rem; }\n.b { left: 0; }\n.c { text-align: right }')).toHaveLength(3);
		expect(physicalSides('x', '.a { padding-inline-start: 1rem; inset-inline-start: 0; text-align: start }')).toEqual([]);
	});

	it('no client component writes left or right in its CSS', () => {
		expect(files.flatMap((file) => physicalSides(file, stylesOf(readSource(file))))).toEqual([]);
	});

	it('nor does the global stylesheet every client page loads', () => {
		expect(physicalSides('src/app.css', readSource('src/app.css'))).toEqual([]);
	});
});
