import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type AST } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '#lib/server/testing/source-files.ts';

// Issue 12 (1): a person who types while the page's script loads saw the box emptied when the app
// started, because Svelte 5 writes a `value={…}` (and `checked={…}`, a textarea's `{…}` content)
// into the element when it hydrates. A form control's state from the server is its *default*
// (`defaultValue`, `defaultChecked`, a select's `defaultValue`) or a `bind:` that takes over what
// the element holds; this test finds every control in src that would overwrite it again.

const SRC = path.resolve(import.meta.dirname, '..', '..', '..');
/** Input types whose `value` is what the control stands for, not what the person typed. */
const FIXED_VALUE_TYPES = new Set(['hidden', 'submit', 'button', 'reset', 'image', 'radio', 'checkbox']);

const svelteFiles = (dir: string) => sourceFiles(dir, (name) => name.endsWith('.svelte'));

type Attribute = AST.Attribute;

function attributeOf(element: AST.RegularElement, name: string): Attribute | undefined {
	return element.attributes.find((a): a is Attribute => a.type === 'Attribute' && a.name === name);
}

/** True when the attribute's value comes from an expression (written once more on hydration). */
function isDynamic(attribute: Attribute | undefined): boolean {
	if (!attribute || attribute.value === true) return false;
	const parts = Array.isArray(attribute.value) ? attribute.value : [attribute.value];
	return parts.some((part) => part.type === 'ExpressionTag');
}

/** What is wrong with one element, if anything. */
export function overwrittenState(element: AST.RegularElement): string | null {
	const type = attributeOf(element, 'type');
	const staticType =
		type && !isDynamic(type) && Array.isArray(type.value) ? type.value.map((p) => ('data' in p ? p.data : '')).join('') : null;
	switch (element.name) {
		case 'input':
			if (isDynamic(attributeOf(element, 'checked'))) return 'checked={…} (use defaultChecked)';
			if (!FIXED_VALUE_TYPES.has(staticType ?? 'text') && isDynamic(attributeOf(element, 'value'))) return 'value={…} (use defaultValue)';
			return null;
		case 'textarea':
			if (isDynamic(attributeOf(element, 'value'))) return 'value={…} (use TextArea.svelte)';
			if (element.fragment.nodes.some((node) => node.type === 'ExpressionTag')) return '{…} content (use TextArea.svelte)';
			return null;
		case 'select':
			return isDynamic(attributeOf(element, 'value')) ? 'value={…} (use defaultValue)' : null;
		case 'option':
			return isDynamic(attributeOf(element, 'selected')) ? 'selected={…} (use defaultValue on the select)' : null;
		default:
			return null;
	}
}

function findings(file: string, source: string): string[] {
	const found: string[] = [];
	const visit = (node: unknown): void => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach(visit);
		const candidate = node as { type?: string; start?: number };
		if (candidate.type === 'RegularElement') {
			const problem = overwrittenState(candidate as AST.RegularElement);
			if (problem)
				found.push(
					`${path.relative(SRC, file)}:${source.slice(0, candidate.start).split('\n').length} <${(candidate as AST.RegularElement).name}> ${problem}`
				);
		}
		for (const [key, value] of Object.entries(node)) if (key !== 'parent' && key !== 'metadata') visit(value);
	};
	visit(parse(source, { modern: true, filename: file }).fragment);
	return found;
}

describe('form controls keep what a person typed when the page script starts', () => {
	it('no .svelte file binds a control’s state with value={…}, checked={…}, selected={…} or textarea content', () => {
		const all = svelteFiles(SRC).flatMap((file) => findings(file, readFileSync(file, 'utf8')));
		expect(all).toEqual([]);
	});

	it('the check finds each kind of overwriting control', () => {
		const bad = [
			'<input name="a" value={x} />',
			'<input type="email" name="a" {value} />',
			'<input {type} name="a" value={x} />',
			'<input type="checkbox" name="a" checked={x} />',
			'<textarea name="a">{x}</textarea>',
			'<textarea name="a" value={x}></textarea>',
			'<select name="a" value={x}><option>1</option></select>',
			'<select name="a"><option selected={x}>1</option></select>'
		];
		for (const source of bad) expect(findings('Bad.svelte', source), source).toHaveLength(1);
		const good = [
			'<input name="a" defaultValue={x} />',
			'<input type="hidden" name="a" value={x} />',
			'<input type="radio" name="a" value={x} defaultChecked={y} />',
			'<input name="a" bind:value={x} />',
			'<textarea name="a" bind:value={x}></textarea>',
			'<select name="a" defaultValue={x}><option value={y}>1</option></select>',
			'<button name="a" value={x}>Go</button>'
		];
		for (const source of good) expect(findings('Good.svelte', source), source).toEqual([]);
	});
});
