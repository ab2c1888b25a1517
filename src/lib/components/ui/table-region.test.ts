import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type AST } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '#lib/server/testing/source-files.ts';

// Regression: the trajectory report's tables scrolled sideways at 360 px in regions the keyboard
// could not reach (axe: scrollable-region-focusable). Every table the eye sees sits in a
// TableRegion, which is named and focusable; a table kept for screen readers only (in a box of
// the class below, which hides it without widening the page) is exempt.

const SRC = path.resolve(import.meta.dirname, '..', '..', '..');
const SCREEN_READER_ONLY = new Set(['chart-table']);

function classOf(element: AST.RegularElement): string {
	const attribute = element.attributes.find((a): a is AST.Attribute => a.type === 'Attribute' && a.name === 'class');
	if (!attribute || attribute.value === true || !Array.isArray(attribute.value)) return '';
	return attribute.value.map((part) => ('data' in part ? part.data : '')).join('');
}

/** Tables with no TableRegion around them, and hand-made scroll boxes, as "file:line" findings. */
export function tablesOutOfReach(file: string, source: string): string[] {
	const found: string[] = [];
	const where = (start: number) => `${path.relative(SRC, file)}:${source.slice(0, start).split('\n').length}`;
	const visit = (node: unknown, inRegion: boolean): void => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach((child) => visit(child, inRegion));
		const candidate = node as { type?: string; name?: string; start?: number };
		let region = inRegion;
		if (candidate.type === 'Component' && candidate.name === 'TableRegion') region = true;
		if (candidate.type === 'RegularElement') {
			const element = node as AST.RegularElement;
			const classes = classOf(element).split(/\s+/);
			if (classes.some((c) => SCREEN_READER_ONLY.has(c))) region = true;
			if (element.name === 'table' && !region) found.push(where(element.start));
			if (classes.includes('table-wrap') && !file.endsWith('TableRegion.svelte'))
				found.push(`${where(element.start)} (table-wrap by hand)`);
		}
		for (const [key, value] of Object.entries(node)) if (key !== 'parent') visit(value, region);
	};
	visit(parse(source, { modern: true }).fragment, false);
	return found;
}

describe('tables on a narrow screen', () => {
	it('every visible table sits in a TableRegion the keyboard can reach and scroll', () => {
		const files = sourceFiles(SRC, (name) => name.endsWith('.svelte'));
		expect(files.length).toBeGreaterThan(50);
		expect(files.flatMap((file) => tablesOutOfReach(file, readFileSync(file, 'utf8')))).toEqual([]);
	});

	it('the check finds a bare table and a hand-made scroll box', () => {
		const bare = '<section><h2>Lijst</h2><table><tbody><tr><td>1</td></tr></tbody></table></section>';
		const byHand = '<div class="table-wrap"><table><tbody></tbody></table></div>';
		const wrapped = '<TableRegion labelledby="x"><table><tbody></tbody></table></TableRegion>';
		expect(tablesOutOfReach(path.join(SRC, 'a.svelte'), bare)).toHaveLength(1);
		expect(tablesOutOfReach(path.join(SRC, 'b.svelte'), byHand)).toHaveLength(2);
		expect(tablesOutOfReach(path.join(SRC, 'c.svelte'), wrapped)).toEqual([]);
	});
});
