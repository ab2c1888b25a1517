/**
 * An organisation's own wording of a client text (issue 16; docs/decisions/021): plain text only,
 * with the same placeholders as the text it replaces, so every page shows it as it shows ours.
 */

/** The longest own wording an organisation may give a text. */
export const MAX_OVERRIDE_LENGTH = 600;

/** The `{name}` placeholders of a message, sorted, once each. */
export function placeholdersOf(text: string): string[] {
	return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!))].sort();
}

export type OverrideProblem = 'empty' | 'too_long' | 'markup' | 'line_break' | 'placeholders';

/**
 * Why `text` cannot replace `standard`, or null when it can. Markup is refused outright, not
 * cleaned: a page shows the text as text anyway, and a wording with `<script>` in it is either a
 * mistake or an attack the admin should see refused.
 */
export function overrideProblem(text: string, standard: string): OverrideProblem | null {
	const trimmed = text.trim();
	if (trimmed.length === 0) return 'empty';
	if (trimmed.length > MAX_OVERRIDE_LENGTH) return 'too_long';
	if (/[<>]|&#?\w+;|javascript:/i.test(trimmed)) return 'markup';
	// No standard text has one, and a mail's subject is one line: a line break there would start a header.
	if (/[\r\n\u2028\u2029]/.test(trimmed)) return 'line_break';
	const wanted = placeholdersOf(standard);
	const given = placeholdersOf(trimmed);
	if (wanted.length !== given.length || wanted.some((name, i) => name !== given[i])) return 'placeholders';
	if (/[{}]/.test(trimmed.replace(/\{\w+\}/g, ''))) return 'placeholders';
	return null;
}

/** The wording with each `{name}` replaced by the value the page passes in, as Paraglide does. */
export function fillPlaceholders(text: string, inputs: Record<string, unknown> | undefined): string {
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => (inputs && name in inputs ? String(inputs[name]) : whole));
}
