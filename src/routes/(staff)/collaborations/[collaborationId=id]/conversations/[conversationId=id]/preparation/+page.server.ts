import { redirect } from '@sveltejs/kit';
import { getLocale } from '#lib/paraglide/runtime.js';
import type { Actor } from '#lib/server/access/actor.ts';
import { getAppContext } from '#lib/server/context.ts';
import { requireConversationInCollaboration } from '#lib/server/conversations/conversations.usecases.ts';
import { errorPageFrom, failFromError, failValidation } from '#lib/server/http/forms.ts';
import {
	createParticipantLink,
	listParticipantLinks,
	revokeParticipantLinks,
	sendParticipantLink
} from '#lib/server/participation/links.usecases.ts';
import {
	linkActionSchema,
	PREPARATION_ARRAYS,
	preparationSchema,
	SHARE_ARRAYS,
	sharePartsSchema,
	toParts,
	toPreparationInput
} from '#lib/server/preparation/preparation.schemas.ts';
import {
	listSharedPreparations,
	savePreparation,
	sharePreparation,
	takeBackPreparation
} from '#lib/server/preparation/preparation.usecases.ts';
import { getPreparation } from '#lib/server/preparation/preparation.view.usecases.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { cancelLearningConversation } from '#lib/server/preparation/schedule.usecases.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import { redirectWithSecret, takeSecret, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { PrintableLink } from '#lib/server/preparation/schedule.usecases.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * The professional's side of the preparation: their own private preparation, the links of the
 * participants, and the participants' preparations once (and only once) they shared them.
 */
export const load: PageServerLoad = async ({ locals, params, url, cookies, isDataRequest }) => {
	const ctx = getAppContext();
	const actor = locals.actor;
	const conversationId = params.conversationId;
	try {
		// The version is read before what the page shows: the live stream catches the page up from it.
		const { version } = await requireConversationInCollaboration({ ctx, actor, conversationId, collaborationId: params.collaborationId });
		const locale = getLocale();
		// Printable links made by the planning or by "show a new link": shown on this load only.
		const shown = await takeSecret<{ printLinks: PrintableLink[] }>({ url, cookies, isDataRequest, locals }, ctx);
		const [page, parties, links] = await Promise.all([
			getPreparation({ ctx, actor, conversationId, locale }),
			listSharedPreparations({ ctx, actor, conversationId, locale }),
			listParticipantLinks({ ctx, actor, conversationId, purpose: 'preparation' })
		]);
		return {
			page,
			version,
			others: parties.filter((party) => !party.isViewer && party.kind === 'participant'),
			links,
			printLinks: shown?.state === 'show' ? shown.secret.printLinks : null,
			printLinksShown: shown?.state === 'spent',
			notice: {
				planned: url.searchParams.get('planned'),
				mailFailed: url.searchParams.has('mailFailed'),
				saved: url.searchParams.has('saved'),
				linkSent: url.searchParams.has('linkSent'),
				linkRevoked: url.searchParams.has('linkRevoked')
			},
			confirmCancel: url.searchParams.get('confirm') === 'abandon'
		};
	} catch (caught) {
		errorPageFrom(caught);
	}
};

async function inCollaboration(event: RequestEvent): Promise<{ actor: Actor; conversationId: string }> {
	const { locals, params } = event;
	const conversationId = params.conversationId;
	await requireConversationInCollaboration({
		ctx: getAppContext(),
		actor: locals.actor,
		conversationId,
		collaborationId: params.collaborationId
	});
	return { actor: locals.actor, conversationId };
}

export const actions = {
	save: async (event) => {
		const form = validateForm(preparationSchema, await event.request.formData(), PREPARATION_ARRAYS);
		if (!form.ok) return failValidation(form);
		try {
			await savePreparation({ ctx: getAppContext(), ...(await inCollaboration(event)), input: toPreparationInput(form.data) });
		} catch (caught) {
			return failFromError(caught);
		}
		redirect(303, `${event.url.pathname}?saved=1#own-title`);
	},
	// The parts checked are shared; the others stay private (docs/decisions/013).
	share: async (event) => {
		const form = validateForm(sharePartsSchema, await event.request.formData(), SHARE_ARRAYS);
		try {
			if (!form.ok) throw domainError('preparation.invalid_part');
			await sharePreparation({ ctx: getAppContext(), ...(await inCollaboration(event)), parts: toParts(form.data) });
		} catch (caught) {
			return failFromError(caught);
		}
		redirect(303, `${event.url.pathname}#share-title`);
	},
	// A shared part taken back before the conversation starts is private again.
	takeBack: async (event) => {
		const form = validateForm(sharePartsSchema, await event.request.formData(), SHARE_ARRAYS);
		try {
			if (!form.ok) throw domainError('preparation.invalid_part');
			await takeBackPreparation({ ctx: getAppContext(), ...(await inCollaboration(event)), parts: toParts(form.data) });
		} catch (caught) {
			return failFromError(caught);
		}
		redirect(303, `${event.url.pathname}#share-title`);
	},
	sendLink: async (event) => {
		const form = validateForm(linkActionSchema, await event.request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await sendParticipantLink({
				ctx: getAppContext(),
				...(await inCollaboration(event)),
				partyId: form.data.partyId,
				purpose: 'preparation'
			});
		} catch (caught) {
			return failFromError(caught);
		}
		redirect(303, `${event.url.pathname}?linkSent=1#links-title`);
	},
	showLink: async (event) => {
		const form = validateForm(linkActionSchema, await event.request.formData());
		if (!form.ok) return failValidation(form);
		const ctx = getAppContext();
		let link;
		try {
			link = await createParticipantLink({ ctx, ...(await inCollaboration(event)), partyId: form.data.partyId, purpose: 'preparation' });
		} catch (caught) {
			return failFromError(caught);
		}
		// The database keeps only the link's hash: the page after the redirect shows it once.
		const { partyId, displayName, locale, url, qrDataUrl, expiresAt } = link;
		const printLinks: PrintableLink[] = [{ partyId, displayName, locale, url, qrDataUrl, expiresAt }];
		return redirectWithSecret(event, ctx, { secret: { printLinks }, location: `${event.url.pathname}#print-title` });
	},
	revokeLink: async (event) => {
		const form = validateForm(linkActionSchema, await event.request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await revokeParticipantLinks({
				ctx: getAppContext(),
				...(await inCollaboration(event)),
				partyId: form.data.partyId,
				purpose: 'preparation'
			});
		} catch (caught) {
			return failFromError(caught);
		}
		redirect(303, `${event.url.pathname}?linkRevoked=1#links-title`);
	},
	cancel: async (event) => {
		try {
			await cancelLearningConversation({ ctx: getAppContext(), ...(await inCollaboration(event)) });
		} catch (caught) {
			return failFromError(caught);
		}
		redirect(303, `/collaborations/${event.params.collaborationId}?stopped=1`);
	}
} satisfies Actions satisfies RedirectOnSuccess;
