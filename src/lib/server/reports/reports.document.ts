import type { ClientLocale } from '#lib/server/db/schema.ts';

/**
 * A report as a plain document: headings, paragraphs, small tables and labelled entries, with
 * every word already in the reader's language. The print page (HTML) and the PDF are two
 * renderings of the same document, so they never say different things. Everything in it is
 * text: what people typed stays text in both renderings (Svelte escapes it; the PDF draws it).
 */

export interface ReportFact {
	label: string;
	value: string;
}

export interface ReportCell {
	text: string;
	/** A second, quieter line (e.g. the question under an item's label). */
	sub?: string;
}

export interface ReportEntry {
	title: string;
	lines: { label: string; text: string }[];
}

export type ReportBlock =
	| { type: 'paragraph'; text: string; muted?: boolean }
	| { type: 'subheading'; text: string }
	| { type: 'list'; items: string[]; ordered: boolean }
	| { type: 'table'; caption: string; corner: string; columns: string[]; rows: { header: ReportCell; cells: string[] }[] }
	| { type: 'entries'; entries: ReportEntry[] };

export interface ReportSection {
	/** Stable, for anchors and tests: 'ratings', 'agreements', … */
	key: string;
	title: string;
	blocks: ReportBlock[];
}

export interface ReportDocument {
	locale: ClientLocale;
	title: string;
	subtitle: string;
	/** The collaboration's label, for the way back. */
	collaborationLabel: string;
	facts: ReportFact[];
	sections: ReportSection[];
	/** On every page of the PDF and under the print page. */
	footer: string;
	/** "Page {page} of {pages}", with the placeholders left in for the renderer. */
	pageLabel: string;
	/** Without extension, ASCII only. */
	fileName: string;
}
