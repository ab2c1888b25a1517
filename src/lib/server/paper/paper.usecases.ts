import type { Kysely } from 'kysely';
import { isStaffLocale, type StaffLocale } from '#lib/locales.ts';
import * as m from '#lib/paraglide/messages.js';
import { requireAccess, requireAccessToChange } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { createCollaborationsRepository } from '#lib/server/collaborations/collaborations.repository.ts';
import type { AppContext } from '#lib/server/context.ts';
import { changeConversation, refuseIf, type AuditEvents, type ChangeScope } from '#lib/server/conversations/conversations.change.ts';
import { revealIfComplete } from '#lib/server/conversations/conversations.lead.usecases.ts';
import {
	createConversationsRepository,
	type ConversationRecord,
	type PartyWithAudience
} from '#lib/server/conversations/conversations.repository.ts';
import { findPlanTerm } from '#lib/server/conversations/conversations.view.usecases.ts';
import { createParticipantsRepository } from '#lib/server/collaborations/participants.repository.ts';
import type { ClientLocale, Database } from '#lib/server/db/schema.ts';
import { checkAskedAnswers } from '#lib/server/conversations/conversations.schemas.ts';
import { smileyValues, type InstrumentContent, type WordingAudience } from '#lib/server/instruments/instruments.models.ts';
import { findPublishedInstrument } from '#lib/server/instruments/instruments.usecases.ts';
import { withClientTranslations } from '#lib/server/instruments/instruments.translations.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { instrumentForm, preparationForm, sheetsForm, type FormHeader, type PaperForm } from './paper.forms.ts';
import { paperCode, paperDateRefusal, paperDatesOf } from './paper.models.ts';
import { lazy } from '#lib/server/shared/lazy.ts';
import { paperEntryRefusal } from './paper.policy.ts';

/** pdfkit and the fonts load on the first PDF (decision 023). */
const paperPdf = lazy(() => import('./paper.pdf.ts'));

/**
 * Which party's paper the professional types in, in which conversation, and the day it was filled
 * in: what every paper entry usecase takes besides the paper's own content.
 */
export interface PaperEntryTarget {
	ctx: AppContext;
	actor: Actor;
	/** The collaboration in the address: a conversation of another one is not found. */
	collaborationId?: string;
	conversationId: string;
	partyId: string;
	filledOn: string;
}

/**
 * Refuses, changing nothing, a day a paper form cannot have been filled in on: checked against
 * today and the days the collaboration and the conversation whose code the form carries began.
 */
export async function refuseWrongPaperDate(
	trx: Kysely<Database>,
	ctx: AppContext,
	organisationId: string,
	conversation: { collaborationId: string; startedAt: string },
	filledOn: string
): Promise<void> {
	const collaboration = await createCollaborationsRepository(trx).findCollaboration(organisationId, conversation.collaborationId);
	if (!collaboration) throw domainError('not_found');
	const began = { collaboration: collaboration.createdAt, conversation: conversation.startedAt };
	refuseIf(paperDateRefusal(filledOn, paperDatesOf(ctx.clock.now(), began)));
}

/** A paper of answers to an instrument's items (a quick check's, a session feedback's), as typed in. */
export type PaperAnswersEntry = PaperEntryTarget & {
	values: Readonly<Record<string, unknown>>;
	/** Answers in words (issue 14), as typed from the paper (`text.<key>` fields). */
	texts?: Readonly<Record<string, string>>;
};

/**
 * What typing in a paper of answers begins with, before its change: the typist may enter paper in
 * this conversation (else refused, changing nothing); its parties as they stand now, for the
 * "already entered" check that speaks before the change looks at the phase; the change's scope.
 */
export async function beginPaperAnswers({ ctx, actor, conversationId }: PaperEntryTarget) {
	const { staff, logAccess } = await requireAccessToChange({
		db: ctx.db,
		actor,
		permission: 'conversation.paperEntry',
		ids: [conversationId]
	});
	const organisationId = staff.organisationId;
	const before = await createConversationsRepository(ctx.db).listParties(organisationId, conversationId);
	const scope = { actor, organisationId, conversationId, as: 'professional' as const, action: 'enterPaper' as const, logAccess };
	return { staff, before, scope };
}

/**
 * In the change, once the paper may be typed in: the answers checked as a device's are (a child
 * participant's with faces; a conditional question not asked is not required and an answer to it
 * is dropped; the questions in words, issue 14, checked as a phone's: control characters, length,
 * a choice made from the options offered), stored as the party's ratings and words, both or
 * nothing, and the party marked as answered on paper on `filledOn`. With the parties after it.
 */
export async function storePaperAnswers(
	{ repo, now }: Pick<ChangeScope, 'repo' | 'now'>,
	{ organisationId, conversationId, partyId, filledOn, values, texts = {} }: PaperAnswersEntry & { organisationId: string },
	parties: readonly PartyWithAudience[],
	instrument: { id: string; content: InstrumentContent }
): Promise<{ ratings: Record<string, number>; words: Record<string, string>; after: PartyWithAudience[] }> {
	const target = parties.find((party) => party.id === partyId)!;
	const allowed = target.kind === 'participant' && target.audience === 'child' ? smileyValues(instrument.content) : null;
	const checked = checkAskedAnswers(instrument.content, values, texts, allowed);
	if (checked.problem) throw domainError(checked.problem);
	const { values: ratings, texts: words } = checked;
	await repo.insertRatings({ organisationId, conversationId, partyId, instrumentId: instrument.id, values: ratings, now });
	await repo.saveTextAnswers(organisationId, conversationId, partyId, words);
	if (!(await repo.markSubmitted(organisationId, conversationId, partyId, now, filledOn))) throw domainError('paper.already_entered');
	const after = parties.map((party) => (party.id === partyId ? { ...party, submittedAt: now } : party));
	return { ratings, words, after };
}

/**
 * Paper entry (docs/decisions/020): the professional types in the answers a party gave on a
 * printed form, with the day it was filled in. They land in the conversation the form's code
 * names, as that party's ratings and answers in words (issue 14), marked as from paper; the
 * conversation goes on as if the party had answered on a device (when every present party has
 * answered, it reveals by itself). Refused, changing nothing: a day that cannot be right, a party
 * already answered, a client's paper before the professional's own ratings, answers that are not
 * complete and on the scale, words a phone would refuse (a control character, too long, a choice
 * not made or not offered).
 */
export async function enterPaperAnswers(entry: PaperAnswersEntry): Promise<{ revealed: boolean }> {
	const { ctx, collaborationId, conversationId, partyId, filledOn } = entry;
	const { staff, before, scope } = await beginPaperAnswers(entry);
	const { organisationId } = scope;
	// Twice for one party says so, even when the conversation has moved on since (then the phase would be named).
	if (before.some((party) => party.id === partyId && party.submittedAt !== null)) throw domainError('paper.already_entered');
	return changeConversation(ctx, scope, async (change) => {
		const { trx, repo, conversation, now } = change;
		if (collaborationId !== undefined && conversation.collaborationId !== collaborationId) throw domainError('not_found');
		const parties = await repo.listPartiesWithAudience(organisationId, conversation.collaborationId, conversationId);
		refuseIf(paperEntryRefusal(parties, partyId, staff.userId));
		await refuseWrongPaperDate(trx, ctx, organisationId, conversation, filledOn);
		const instrument = conversation.instrumentId
			? await findPublishedInstrument(ctx, { organisationId, instrumentId: conversation.instrumentId }, trx)
			: undefined;
		if (!instrument) throw new Error(`conversation ${conversationId} has no instrument`);
		const { ratings, words, after } = await storePaperAnswers(change, { ...entry, organisationId }, parties, instrument);
		const revealed = await revealIfComplete(repo, conversation, after, now);
		// Counts and the day only: the answers themselves, numbers or words, never go in the log.
		const wordCount = Object.keys(words).length;
		const audit: AuditEvents = [
			{
				action: 'conversation.paper_entered',
				details: { partyId, items: Object.keys(ratings).length, ...(wordCount > 0 && { words: wordCount }), filledOn }
			}
		];
		if (revealed) audit.push({ action: 'conversation.revealed', details: { auto: true } });
		return { result: { revealed }, audit, eventType: revealed ? 'phase.changed' : 'party.submitted' };
	});
}

/**
 * The blank form of one party of a conversation, as a PDF: the client's in their own language
 * (faces for a child), the professional's in `locale`, the language of the page it is downloaded
 * from (not the professional's stored one). Only the conversation's professionals, and only for a
 * conversation of the collaboration in the address.
 */
export async function getPaperFormPdf({
	ctx,
	actor,
	collaborationId,
	conversationId,
	partyId,
	kind = null,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
	conversationId: string;
	partyId: string;
	/** A learning conversation's form: its preparation or its A/B/C sheets. */
	kind?: string | null;
	/** The language of the request: the professional's own form, and a file name no client language gives. */
	locale: StaffLocale;
}): Promise<{ fileName: string; pdf: Uint8Array }> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'conversation.paperForm', ids: [conversationId] });
	const organisationId = staff.organisationId;
	const conversation = await createConversationsRepository(ctx.db).findConversation(organisationId, conversationId);
	if (!conversation || conversation.collaborationId !== collaborationId) throw domainError('not_found');
	const collaboration = await createCollaborationsRepository(ctx.db).findCollaboration(organisationId, collaborationId);
	const reader = await findReader(ctx, conversation, partyId, { userId: staff.userId, locale });
	if (!collaboration || !reader) throw domainError('paper.unknown_form');
	const header = { locale: reader.locale, label: collaboration.label, code: paperCode(conversationId) };
	const form = await buildForm(ctx, conversation, header, reader.audience, kind);
	// The professional downloads the file: its name in the reader's language when they read one of
	// the staff languages, else in the request's (plain ASCII for the header).
	const fileLocale = isStaffLocale(reader.locale) ? reader.locale : locale;
	const fileName = `${m.paper_form_file_name({}, { locale: fileLocale })}-${header.code}.pdf`;
	return { fileName, pdf: await (await paperPdf()).renderPaperFormPdf(form) };
}

/** Who reads the form: a client party in their language, or the professional's own party in the request's. */
async function findReader(
	ctx: AppContext,
	conversation: ConversationRecord,
	partyId: string,
	staff: { userId: string; locale: StaffLocale }
): Promise<{ audience: WordingAudience; locale: ClientLocale } | undefined> {
	const parties = await createConversationsRepository(ctx.db).listParties(conversation.organisationId, conversation.id);
	const party = parties.find((candidate) => candidate.id === partyId);
	if (!party) return undefined;
	if (party.kind === 'professional') return party.userId === staff.userId ? { audience: 'professional', locale: staff.locale } : undefined;
	const participants = await createParticipantsRepository(ctx.db).listParticipants(
		conversation.organisationId,
		conversation.collaborationId,
		{
			includeRemoved: true
		}
	);
	const participant = participants.find((candidate) => candidate.id === party.participantId);
	// A client reads their form in their own language, Arabic right to left (decision 021, "PDFs").
	return participant ? { audience: participant.audience, locale: participant.locale } : undefined;
}

async function buildForm(
	ctx: AppContext,
	conversation: ConversationRecord,
	header: FormHeader,
	audience: WordingAudience,
	kind: string | null
): Promise<PaperForm> {
	const { method, organisationId, instrumentId } = conversation;
	if (method === 'learningConversation') {
		if (kind === 'preparation') return preparationForm(header, audience);
		if (kind === 'sheets') return sheetsForm(header, audience);
		throw domainError('paper.unknown_form');
	}
	if (kind !== null) throw domainError('paper.unknown_form');
	// Session feedback is the client's alone: there is no professional's form.
	if (method === 'sessionFeedback' && audience === 'professional') throw domainError('paper.unknown_form');
	const instrument = instrumentId ? await findPublishedInstrument(ctx, { organisationId, instrumentId }) : undefined;
	if (!instrument) throw domainError('paper.unknown_form');
	const planTerm = await findPlanTerm(ctx.db, organisationId);
	// The built-in instruments' client translations, as the participant's screen has them.
	return instrumentForm(header, { content: withClientTranslations(instrument.content), audience, planTerm });
}
