import * as m from '#lib/paraglide/messages.js';
import type { Locale, PlanTerm } from '#lib/server/db/schema.ts';
import { renderItems, renderScale, type InstrumentContent, type WordingAudience } from '#lib/server/instruments/instruments.models.ts';

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
	locale: Locale;
	title: string;
	/** The collaboration's pseudonymous label and the conversation's code (paperCode). */
	label: string;
	code: string;
	intro: string[];
	questions: PaperQuestion[];
	closing: string;
}

export interface FormHeader {
	locale: Locale;
	label: string;
	code: string;
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
	const name = input.content.name[locale];
	return {
		...header,
		title: input.audience === 'professional' ? m.paper_form_title_professional({ name }, o) : name,
		intro: [intro],
		questions: renderItems(input.content, input.audience, locale, input.planTerm).map((item) => ({
			label: item.label,
			text: item.text,
			answer
		})),
		closing: input.audience === 'professional' ? m.paper_form_closing_professional({}, o) : m.paper_form_closing({}, o)
	};
}
