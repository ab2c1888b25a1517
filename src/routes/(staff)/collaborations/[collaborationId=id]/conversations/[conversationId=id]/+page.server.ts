import { error, redirect } from '@sveltejs/kit';
import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { sendAnswers } from '#lib/server/http/answers-form.ts';
import { readReflectionForm } from '#lib/components/conversation/reflection-form.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { getCollaboration } from '#lib/server/collaborations/collaborations.usecases.ts';
import { getAppContext, type AppContext } from '#lib/server/context.ts';
import {
	agreementSchema,
	closeConversationSchema,
	presenceSchema,
	reviewAgreementSchema
} from '#lib/server/conversations/conversations.schemas.ts';
import {
	abandonConversation,
	requireConversationInCollaboration,
	closeConversation,
	finishReview,
	getConversationForStaff,
	getConversationKind,
	markAbsent,
	markPresent,
	revealNow,
	reviewAgreement,
	saveAgreement,
	saveReflections,
	startAgreement,
	startReflection,
	submitRatings
} from '#lib/server/conversations/conversations.usecases.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { getOrganisation } from '#lib/server/organisations/organisations.usecases.ts';
import { getJoinPanel } from '#lib/server/participation/handover.usecases.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The quick check as its professional leads it: one panel per phase, following the other devices live. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = getAppContext();
	const actor = locals.actor;
	// A learning conversation has its own pages: its preparation, then the conversation itself.
	const kind = await getConversationKind({ ctx, actor, conversationId: params.conversationId });
	if (kind.method === 'learningConversation' && kind.collaborationId === params.collaborationId) {
		const base = `/collaborations/${params.collaborationId}`;
		redirect(
			303,
			kind.phase === 'preparation'
				? `${base}/conversations/${params.conversationId}/preparation`
				: `${base}/learning/${params.conversationId}`
		);
	}
	const view = await getConversationForStaff({ ctx, actor, conversationId: params.conversationId, locale: staffLocaleOf(getLocale()) });
	// The URL names the collaboration too: a conversation of another one is not found here.
	if (view.collaborationId !== params.collaborationId) error(404, 'not_found');
	// Session feedback has a page of its own.
	if (view.method === 'sessionFeedback') redirect(303, `/collaborations/${params.collaborationId}/feedback/${view.id}`);
	const running = view.phase !== 'closed' && view.phase !== 'abandoned';
	const [collaboration, organisation, panel] = await Promise.all([
		getCollaboration({ ctx, actor, collaborationId: params.collaborationId }),
		getOrganisation({ ctx, actor }),
		running ? getJoinPanel({ ctx, actor, conversationId: view.id, origin: url.origin }) : null
	]);
	return {
		view,
		collaboration: {
			id: collaboration.id,
			label: collaboration.label,
			rhythmWeeks: collaboration.rhythmWeeks,
			nextDueOn: collaboration.nextDueOn
		},
		clientTerm: organisation.clientTerm,
		panel,
		confirmAbandon: running && url.searchParams.get('confirm') === 'abandon',
		saved: readSaved(url)
	};
};

/** What a successful post saved, named in the address it redirects to (for the page's confirmation). */
const SAVED = ['review', 'presence', 'reflection', 'agreement'] as const;
type Saved = (typeof SAVED)[number];
/** The anchor each confirmation is shown at, from what it is about (an agreement, an item). */
const ANCHOR: Partial<Record<Saved, string>> = { review: 'review-', reflection: 'reflection-' };

function readSaved(url: URL): { kind: Saved; about: string | null } | null {
	const kind = SAVED.find((saved) => saved === url.searchParams.get('saved'));
	return kind ? { kind, about: url.searchParams.get('about')?.slice(0, 64) ?? null } : null;
}

function savedLocation(pathname: string, kind: Saved, about: string | null = null): string {
	if (!about) return `${pathname}?saved=${kind}`;
	const anchor = ANCHOR[kind] ? `#${ANCHOR[kind]}${encodeURIComponent(about)}` : '';
	return `${pathname}?saved=${kind}&about=${encodeURIComponent(about)}${anchor}`;
}

type Lead = { ctx: AppContext; actor: Actor; conversationId: string };

/** Every action first checks that the conversation belongs to the collaboration in the URL. */
async function lead({ locals, params }: RequestEvent): Promise<Lead> {
	const input = { ctx: getAppContext(), actor: locals.actor, conversationId: params.conversationId };
	await requireConversationInCollaboration({ ...input, collaborationId: params.collaborationId });
	return input;
}

interface ChangeOptions {
	/** What the form had, to show again when the change is refused. */
	values?: Record<string, string>;
	/** The confirmation the page shows afterwards, and what it is about. */
	saved?: Saved;
	about?: string | null;
	/** Somewhere else than this page to go to afterwards. */
	to?: string;
}

/**
 * Runs one change. Done, the browser is sent back to the page with a 303 (Post/Redirect/Get), so
 * reloading it never sends the form again; refused, the form comes back with its message and the
 * values typed (not found → 404).
 */
async function change(event: RequestEvent, step: (input: Lead) => Promise<unknown>, options: ChangeOptions = {}) {
	try {
		await step(await lead(event));
	} catch (caught) {
		return failFromError(caught, options.values);
	}
	const { pathname } = event.url;
	redirect(303, options.to ?? (options.saved ? savedLocation(pathname, options.saved, options.about) : pathname));
}

export const actions = {
	review: async (event) => {
		const form = validateForm(reviewAgreementSchema, await event.request.formData());
		if (!form.ok) return failValidation(form);
		const { agreementId } = form.data;
		return change(event, (input) => reviewAgreement({ ...input, input: form.data }), {
			values: { ...form.data },
			saved: 'review',
			about: agreementId
		});
	},
	finishReview: (event) => change(event, finishReview),
	presence: async (event) => {
		const form = validateForm(presenceSchema, await event.request.formData());
		if (!form.ok) return failValidation(form);
		const { partyId, present } = form.data;
		return change(event, (input) => (present === 'yes' ? markPresent({ ...input, partyId }) : markAbsent({ ...input, partyId })), {
			saved: 'presence'
		});
	},
	rate: async (event) => {
		const sent = await sendAnswers(event.request, async (answers) => submitRatings({ ...(await lead(event)), ...answers }));
		if (!sent.ok) return sent.failure;
		// Sending may have revealed the answers: show the page as it is now.
		redirect(303, event.url.pathname);
	},
	reveal: (event) => change(event, revealNow),
	startReflection: (event) => change(event, startReflection),
	reflect: async (event) => {
		const form = readReflectionForm(await event.request.formData());
		return change(event, (input) => saveReflections({ ...input, reflections: form.reflections, notes: form.notes }), {
			values: { ...form.values, section: 'reflections' },
			saved: 'reflection',
			about: form.savedFrom
		});
	},
	startAgreement: (event) => change(event, startAgreement),
	agreement: async (event) => {
		const form = validateForm(agreementSchema, await event.request.formData());
		if (!form.ok) return failValidation({ ...form, values: { ...form.values, section: 'agreement' } });
		return change(event, (input) => saveAgreement({ ...input, input: form.data }), {
			values: { ...form.data, section: 'agreement' },
			saved: 'agreement'
		});
	},
	close: async (event) => {
		const form = validateForm(closeConversationSchema, await event.request.formData());
		if (!form.ok) return failValidation({ ...form, values: { ...form.values, section: 'close' } });
		const { summary, nextDueOn } = form.data;
		return change(event, (input) => closeConversation({ ...input, summary, nextDueOn: nextDueOn || null }), {
			values: { ...form.data, section: 'close' }
		});
	},
	abandon: (event) => change(event, abandonConversation, { to: `/collaborations/${event.params.collaborationId}?stopped=1` })
} satisfies Actions satisfies RedirectOnSuccess;
