import { requireAccess } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import type { AppContext } from '#lib/server/context.ts';
import { createConversationsRepository } from '#lib/server/conversations/conversations.repository.ts';
import { toQuestionnaireResponse, toResponseBundle, type ResponseSource } from '#lib/server/instruments/fhir/fhir.export.ts';
import { findPublishedInstrument } from '#lib/server/instruments/instruments.usecases.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { createCollaborationsRepository } from './collaborations.repository.ts';
import { createParticipantsRepository } from './participants.repository.ts';

/**
 * A collaboration's answers as a FHIR R4 Bundle of QuestionnaireResponses, for a records system
 * (issue 14, docs/decisions/019-fhir-questionnaires.md): one per party per quick check, after
 * its reveal only (before it, the blind rule keeps each party's answers from the other), and one
 * per participant per closed session feedback, with its answers in words. The
 * subject is the collaboration's pseudonymous label, the author the party's role; no names.
 * Made by a professional of the collaboration, like the client's copy, and logged as access to
 * client data.
 */
export async function getCollaborationAnswersBundle({
	ctx,
	actor,
	collaborationId
}: {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
}) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'collaboration.clientCopy', ids: [collaborationId] });
	const organisationId = staff.organisationId;
	const collaboration = await createCollaborationsRepository(ctx.db).findCollaboration(organisationId, collaborationId);
	if (!collaboration) throw domainError('not_found');
	const repo = createConversationsRepository(ctx.db);
	const revealed = (await repo.listForCollaboration(organisationId, collaborationId))
		// A quick check after its reveal; session feedback once closed (revealed to its professional then).
		.filter((c) => (c.method === 'quickCheck' || (c.method === 'sessionFeedback' && c.phase === 'closed')) && c.revealedAt !== null)
		.filter((c) => c.instrumentId !== null)
		.toSorted((a, b) => a.startedAt.localeCompare(b.startedAt));
	const ids = revealed.map((c) => c.id);
	const parties = await repo.listPartiesOf(organisationId, ids);
	const participants = await createParticipantsRepository(ctx.db).listParticipants(organisationId, collaborationId, {
		includeRemoved: true
	});
	const ratings = await repo.listRatings(
		organisationId,
		ids,
		parties.map((p) => p.id)
	);
	// Session feedback's answers in words (issue 14): valueString / valueCoding beside the numbers.
	const texts = await repo.listTextAnswers(
		organisationId,
		ids,
		parties.map((p) => p.id)
	);
	const responses = [];
	for (const conversation of revealed) {
		const instrument = await findPublishedInstrument(ctx, { organisationId, instrumentId: conversation.instrumentId! });
		if (!instrument) continue;
		for (const party of parties.filter((p) => p.conversationId === conversation.id)) {
			const values = ratings.filter((r) => r.partyId === party.id && r.conversationId === conversation.id);
			const words = texts.find((t) => t.partyId === party.id && t.conversationId === conversation.id)?.texts ?? {};
			if (values.length === 0 && Object.keys(words).length === 0) continue;
			const audience = participants.find((p) => p.id === party.participantId)?.audience;
			const source: ResponseSource = {
				partyId: party.id,
				role: party.kind === 'professional' ? 'professional' : audience === 'child' ? 'child' : 'client',
				authored: party.submittedAt ?? conversation.revealedAt!,
				instrument,
				values,
				texts: words
			};
			responses.push(toQuestionnaireResponse(source, collaboration.label));
		}
	}
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		action: 'collaboration.fhir_exported',
		target: { type: 'collaboration', id: collaborationId },
		details: { responses: responses.length }
	});
	const bundle = toResponseBundle(responses, ctx.clock.now().toISOString());
	return { fileName: `fhir-answers-${collaborationId}.json`, json: JSON.stringify(bundle, null, 2) };
}
