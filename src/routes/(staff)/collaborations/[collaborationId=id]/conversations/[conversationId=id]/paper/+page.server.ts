import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { echoAnswers, readRatingValues, readTextAnswers } from '#lib/components/conversation/rating-form.ts';
import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom, failFromError } from '#lib/server/http/forms.ts';
import { redirectWithNotice, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import { enterPaperFeedback } from '#lib/server/paper/paper.feedback.usecases.ts';
import { enterPaperPreparation } from '#lib/server/paper/paper.preparation.usecases.ts';
import { enterPaperSheet } from '#lib/server/paper/paper.sheets.usecases.ts';
import { enterPaperAnswers, type PaperEntryTarget } from '#lib/server/paper/paper.usecases.ts';
import { getPaperView } from '#lib/server/paper/paper.view.usecases.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The conversation on paper (docs/decisions/020): its forms to print, and the answers typed in afterwards. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	try {
		const view = await getPaperView({
			ctx: getAppContext(),
			actor: locals.actor,
			collaborationId: params.collaborationId,
			conversationId: params.conversationId,
			enterFor: url.searchParams.get('party')?.slice(0, 64) ?? null,
			sheetFor: url.searchParams.get('sheet')?.slice(0, 64) ?? null,
			locale: staffLocaleOf(getLocale())
		});
		return { view, collaborationId: params.collaborationId, conversationId: params.conversationId };
	} catch (caught) {
		errorPageFrom(caught);
	}
};

/** The fields of the entry form that are not answers. */
const ENTRY_FIELDS = ['partyId', 'filledOn'] as const;

/**
 * Who types in which party's paper, in which conversation, and the day it was filled in: what
 * every entry usecase takes besides the paper's own content. The rest of the form is that content.
 */
function readEntry(event: RequestEvent, formData: FormData): PaperEntryTarget {
	const partyId = String(formData.get('partyId') ?? '').slice(0, 64);
	const filledOn = String(formData.get('filledOn') ?? '')
		.trim()
		.slice(0, 20);
	for (const field of ENTRY_FIELDS) formData.delete(field);
	const { collaborationId, conversationId } = event.params;
	return { ctx: getAppContext(), actor: event.locals.actor, collaborationId, conversationId, partyId, filledOn };
}

/** A free text as typed, cut at a length no field allows (the usecase trims and measures it). */
function typed(formData: FormData, name: string): string {
	return String(formData.get(name) ?? '').slice(0, 10_000);
}

/** Free text of the paper preparation. */
const PREPARATION_TEXTS = ['wishes', 'momentA', 'momentB', 'momentC', 'safetyOwn'] as const;

/** A quick check's or session feedback's paper: the answers, one per item, and the answers in words (issue 14). */
async function enterAnswers(
	event: RequestEvent,
	enter: (input: PaperEntryTarget & { values: Record<string, unknown>; texts: Record<string, string> }) => Promise<unknown>,
	to: string
) {
	const formData = await event.request.formData();
	const entry = readEntry(event, formData);
	const values = readRatingValues(formData);
	const texts = readTextAnswers(formData);
	try {
		await enter({ ...entry, values, texts });
	} catch (caught) {
		return failFromError(caught, { ...echoAnswers(values, texts), filledOn: entry.filledOn });
	}
	redirectWithNotice(event, { message: 'paper_entry_saved' }, to);
}

export const actions = {
	enter: async (event) => {
		const { collaborationId, conversationId } = event.params;
		return enterAnswers(event, enterPaperAnswers, `/collaborations/${collaborationId}/conversations/${conversationId}`);
	},
	enterFeedback: async (event) => {
		const { collaborationId, conversationId } = event.params;
		return enterAnswers(event, enterPaperFeedback, `/collaborations/${collaborationId}/feedback/${conversationId}`);
	},
	enterPreparation: async (event) => {
		const formData = await event.request.formData();
		const entry = readEntry(event, formData);
		const texts = Object.fromEntries(PREPARATION_TEXTS.map((name) => [name, typed(formData, name)]));
		const safety = formData
			.getAll('safety')
			.slice(0, 60)
			.map((value) => String(value).slice(0, 200));
		let phase: string;
		try {
			({ phase } = await enterPaperPreparation({ ...entry, input: { ...texts, safety } }));
		} catch (caught) {
			return failFromError(caught, { ...texts, safety: safety.join(','), filledOn: entry.filledOn });
		}
		// Straight to the page that shows it (its preparation page, or the conversation once it runs): a notice survives one redirect.
		const base = `/collaborations/${event.params.collaborationId}`;
		const to =
			phase === 'preparation'
				? `${base}/conversations/${event.params.conversationId}/preparation`
				: `${base}/learning/${event.params.conversationId}`;
		redirectWithNotice(event, { message: 'paper_preparation_saved' }, to);
	},
	enterSheet: async (event) => {
		const formData = await event.request.formData();
		const entry = readEntry(event, formData);
		const text = (name: string) => typed(formData, name);
		const texts = { topicId: text('topicId').slice(0, 64), topicText: text('topicText'), a: text('a'), b: text('b'), c: text('c') };
		try {
			await enterPaperSheet({ ...entry, input: texts });
		} catch (caught) {
			return failFromError(caught, { ...texts, filledOn: entry.filledOn });
		}
		// To the conversation, where the sheet now stands among the others.
		const to = `/collaborations/${event.params.collaborationId}/learning/${event.params.conversationId}`;
		redirectWithNotice(event, { message: 'paper_sheet_saved' }, to);
	}
} satisfies Actions satisfies RedirectOnSuccess;
