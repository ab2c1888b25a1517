import * as m from '#lib/paraglide/messages.js';
import { SAFETY_SUGGESTIONS } from '#lib/safety-suggestions.ts';
import type { ClientLocale, PlanTerm } from '#lib/server/db/schema.ts';
import {
	localize,
	renderItems,
	renderScale,
	type InstrumentContent,
	type RenderedAnswer,
	type WordingAudience
} from '#lib/server/instruments/instruments.models.ts';
import { safetyLabel } from '#lib/server/reports/reports.models.ts';

/**
 * What a printed form holds, as pure data (docs/decisions/020). The instrument's questions come
 * through renderItems and renderScale, so any instrument prints, in the reader's language, with
 * the organisation's plan term filled in. Nothing but the collaboration's label and the
 * conversation's code says whose form it is: no name, no earlier answer.
 */

export type PaperAnswer =
	| { kind: 'line'; min: string; max: string; points: number }
	| { kind: 'smileys'; labels: string[] }
	| { kind: 'write'; lines: number }
	| { kind: 'tick'; options: string[] };

export interface PaperQuestion {
	label: string | null;
	text: string;
	answer: PaperAnswer;
}

export interface PaperForm {
	/** The reader's language: a client's own (six languages), a professional's Dutch or English. */
	locale: ClientLocale;
	title: string;
	/** The collaboration's pseudonymous label and the conversation's code (paperCode). */
	label: string;
	code: string;
	intro: string[];
	questions: PaperQuestion[];
	closing: string;
}

export interface FormHeader {
	locale: ClientLocale;
	label: string;
	code: string;
}

/** An answer in words (issue 14) on paper: a line or a few to write on, or the options to tick one of. */
function wordsOnPaper(answer: RenderedAnswer): PaperAnswer {
	if (answer.type === 'choice') return { kind: 'tick', options: answer.options.map((option) => option.label) };
	return { kind: 'write', lines: answer.type === 'string' ? 1 : 4 };
}

/** The quick check's or session feedback's questions for one reader: the line for adults and professionals, faces for a child. */
export function instrumentForm(
	header: FormHeader,
	input: { content: InstrumentContent; audience: WordingAudience; planTerm: PlanTerm }
): PaperForm {
	const { locale } = header;
	const o = { locale };
	const scale = renderScale(input.content, locale);
	const answer: PaperAnswer =
		input.audience === 'child'
			? { kind: 'smileys', labels: scale.smileys.map((smiley) => smiley.label) }
			: { kind: 'line', min: scale.min, max: scale.max, points: scale.points };
	const intro = {
		adult: m.paper_form_intro_adult({}, o),
		child: m.paper_form_intro_child({}, o),
		professional: m.paper_form_intro_professional({}, o)
	}[input.audience];
	const name = localize(input.content.name, locale).text;
	return {
		...header,
		title: input.audience === 'professional' ? m.paper_form_title_professional({ name }, o) : name,
		intro: [intro],
		questions: renderItems(input.content, input.audience, locale, input.planTerm).map((item) => ({
			label: item.label,
			text: item.text,
			answer: item.answer ? wordsOnPaper(item.answer) : answer
		})),
		closing: input.audience === 'professional' ? m.paper_form_closing_professional({}, o) : m.paper_form_closing({}, o)
	};
}

/** The forms a learning conversation prints: each party's preparation, and the A/B/C sheets. */
export type LearningFormKind = 'preparation' | 'sheets';
export const LEARNING_FORMS: readonly LearningFormKind[] = ['preparation', 'sheets'];

const write = (lines: number): PaperAnswer => ({ kind: 'write', lines });

/**
 * The preparation as the preparation page asks it (docs/decisions/007): wishes, a moment A/B/C,
 * and what one needs to feel safe. A client's form speaks plainly, without the method's name.
 */
export function preparationForm(header: FormHeader, audience: WordingAudience = 'adult'): PaperForm {
	const o = { locale: header.locale };
	return {
		...header,
		title: audience === 'professional' ? m.prep_staff_title({}, o) : m.prep_participant_title({}, o),
		intro: [m.paper_form_intro_preparation({}, o), m.prep_moment_intro({}, o)],
		questions: [
			{ label: m.prep_wishes_label({}, o), text: m.prep_wishes_hint({}, o), answer: write(4) },
			{ label: m.prep_moment_a({}, o), text: m.prep_moment_a_hint({}, o), answer: write(4) },
			{ label: m.prep_moment_b({}, o), text: m.prep_moment_b_hint({}, o), answer: write(4) },
			{ label: m.prep_moment_c({}, o), text: '', answer: write(4) },
			{
				label: m.prep_safety_title({}, o),
				text: m.prep_safety_intro({}, o),
				answer: { kind: 'tick', options: SAFETY_SUGGESTIONS.map((key) => safetyLabel(key, header.locale)) }
			},
			{ label: m.prep_safety_own({}, o), text: '', answer: write(2) }
		],
		closing: m.paper_form_closing_learning({}, o)
	};
}

/**
 * The conversation's sheets: per topic, A (what happened), B (what it did to me), C (why it
 * matters). Topics are chosen in the conversation itself, so each sheet has a line to write it on.
 */
export function sheetsForm(header: FormHeader, audience: WordingAudience = 'adult', count = 2): PaperForm {
	const o = { locale: header.locale };
	const sheets = Array.from({ length: count }, () => null);
	return {
		...header,
		title: audience === 'professional' ? m.learning_sheets_title({}, o) : m.learning_sheets_title_you({}, o),
		intro: [m.learning_sheets_intro({}, o), m.learning_sheets_reminder({}, o)],
		questions: sheets.flatMap((_, index) => [
			{
				label: m.learning_sheet_topic({ number: index + 1, topic: '______________________' }, o),
				text: '',
				answer: write(0)
			},
			{ label: m.learning_sheet_a({}, o), text: m.learning_sheet_a_hint({}, o), answer: write(3) },
			{ label: m.learning_sheet_b({}, o), text: m.learning_sheet_b_hint({}, o), answer: write(3) },
			{ label: m.learning_sheet_c({}, o), text: m.learning_sheet_c_hint({}, o), answer: write(3) }
		]),
		closing: m.paper_form_closing_learning({}, o)
	};
}
