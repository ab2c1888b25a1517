import { expect, it } from 'vitest';
import { actions as conversationPage } from '../../../routes/(staff)/collaborations/[collaborationId=id]/conversations/[conversationId=id]/+page.server.ts';
import { actions as trajectoryMePage } from '../../../routes/(staff)/trajectories/[trajectoryId=id]/me/+page.server.ts';
import { actions as trajectoryMomentPage } from '../../../routes/(staff)/trajectories/[trajectoryId=id]/me/moments/[momentId=id]/+page.server.ts';
import { actions as trajectoryPage } from '../../../routes/(staff)/trajectories/[trajectoryId=id]/+page.server.ts';
import { actions as deckCardPage } from '../../../routes/(staff)/admin/decks/[deckKey]/[cardKey]/+page.server.ts';
import { actions as preparationPage } from '../../../routes/(staff)/collaborations/[collaborationId=id]/conversations/[conversationId=id]/preparation/+page.server.ts';
import { actions as learningPage } from '../../../routes/(staff)/collaborations/[collaborationId=id]/learning/[conversationId=id]/+page.server.ts';
import { actions as collaborationEditPage } from '../../../routes/(staff)/collaborations/[collaborationId=id]/edit/+page.server.ts';
import { actions as trajectorySettingsPage } from '../../../routes/(staff)/trajectories/[trajectoryId=id]/settings/+page.server.ts';
import type { Actor } from '../access/actor.ts';
import type { Database } from '../db/schema.ts';
import { buildCollaboration, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { saveAction } from '../learning/learning.actions.usecases.ts';
import {
	chooseTopic,
	startActions,
	startEvaluation,
	startLearningConversation,
	startSheets,
	startTopics
} from '../learning/learning.usecases.ts';
import { buildQuickCheck, ratingsOf } from '../testing/conversation-builders.ts';
import { buildLearningConversation } from '../testing/learning-builders.ts';
import { addFunction } from '../trajectories/trajectories.functions.usecases.ts';
import { pairBuddies } from '../trajectories/trajectories.members.usecases.ts';
import {
	closeConversation,
	saveAgreement,
	startAgreement,
	startQuickCheck,
	startReflection,
	submitRatings
} from '../conversations/conversations.usecases.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { postAs } from '../testing/page-loads.ts';
import { buildTrajectory } from '../testing/trajectory-builders.ts';

/** A page form that saves over a stored record, with every field it sends and the table it writes. */
interface Case {
	form: string;
	table: keyof Database;
	/** The field the hand-made post leaves out. */
	lacks: string;
	build: (ctx: TestContext) => Promise<{
		action: (event: never) => unknown;
		actor: Actor;
		path: string;
		params: Record<string, string>;
		fields: Record<string, string>;
	}>;
}

const DATE = '2027-03-01';

const actionFields = {
	kind: 'change',
	what: 'Bellen',
	needed: 'Een telefoon',
	who: 'other',
	whoOther: 'De buurman',
	successMeasure: 'Gebeld'
};
const DUE_ON = '2100-02-01';

type Step = 'safety' | 'sheets' | 'actions' | 'evaluation';

/** A learning conversation moved on to `step` by its professional, with one topic chosen; the page's action for a form there. */
async function learningAt(ctx: TestContext, step: Step, action: (event: never) => unknown) {
	const lc = await buildLearningConversation(ctx, { participants: 1 });
	const input = { ctx, actor: lc.professional, conversationId: lc.conversationId };
	await startLearningConversation(input);
	let topicId = '';
	if (step !== 'safety') {
		await startTopics(input);
		({ topicId } = await chooseTopic({ ...input, deckId: lc.decks.samenleerwijzer, cardKey: 'onze-verbinding' }));
		await startSheets(input);
	}
	if (step === 'actions' || step === 'evaluation') await startActions(input);
	if (step === 'evaluation') {
		await saveAction({ ...input, input: { ...actionFields, dueOn: DUE_ON } as never });
		await startEvaluation(input);
	}
	return {
		input,
		topicId,
		/** The professional's own party, which their own forms name. */
		partyId: lc.professionalPartyId,
		action,
		actor: lc.professional,
		path: `/collaborations/${lc.collaborationId}/learning/${lc.conversationId}`,
		params: { collaborationId: lc.collaborationId, conversationId: lc.conversationId }
	};
}

const cases: Case[] = [
	...(['rhythmWeeks', 'nextDueOn'] as const).map((lacks): Case => ({
		form: 'a collaboration’s details',
		table: 'collaborations',
		lacks,
		build: async (ctx) => {
			const professional = await buildStaff(ctx, await buildOrganisation(ctx), { roles: ['professional'] });
			const { collaborationId } = await buildCollaboration(ctx, professional, { participants: 1 });
			return {
				action: collaborationEditPage.details,
				actor: professional,
				path: `/collaborations/${collaborationId}/edit`,
				params: { collaborationId },
				fields: { section: 'details', label: 'AB', rhythm: 'weeks', rhythmWeeks: '6', nextDueOn: DATE }
			};
		}
	})),
	{
		form: 'a participant of a collaboration',
		table: 'participants',
		lacks: 'email',
		build: async (ctx) => {
			const professional = await buildStaff(ctx, await buildOrganisation(ctx), { roles: ['professional'] });
			const { collaborationId, participantIds } = await buildCollaboration(ctx, professional, { participants: 1 });
			const participantId = participantIds[0]!;
			return {
				action: collaborationEditPage.updateParticipant,
				actor: professional,
				path: `/collaborations/${collaborationId}/edit`,
				params: { collaborationId },
				fields: {
					section: `participant-${participantId}`,
					participantId,
					displayName: 'Sam',
					audience: 'adult',
					locale: 'nl',
					email: 'sam@example.org'
				}
			};
		}
	},
	{
		form: 'a trajectory’s details',
		table: 'trajectories',
		lacks: 'description',
		build: async (ctx) => {
			const { trajectoryId, coordinator } = await buildTrajectory(ctx, { participants: 0 });
			return {
				action: trajectorySettingsPage.details,
				actor: coordinator,
				path: `/trajectories/${trajectoryId}/settings`,
				params: { trajectoryId },
				fields: { name: 'Leren samen', description: 'Een jaar lang', consentText: 'Ik doe mee.' }
			};
		}
	},
	{
		form: 'a participant’s function in a trajectory',
		table: 'trajectoryParticipants',
		lacks: 'functionId',
		build: async (ctx) => {
			const { trajectoryId, coordinator, participants } = await buildTrajectory(ctx, { participants: 1 });
			const { functionId } = await addFunction({ ctx, actor: coordinator, trajectoryId, name: 'Wijkverpleegkundige' });
			return {
				action: trajectoryPage.setFunction,
				actor: coordinator,
				path: `/trajectories/${trajectoryId}`,
				params: { trajectoryId },
				fields: { participantId: participants[0]!.participantId, functionId }
			};
		}
	},
	...(['meeting1Place', 'meeting1Programme'] as const).map((lacks): Case => ({
		form: 'a trajectory’s meetings',
		table: 'trajectoryMeetings',
		lacks,
		build: async (ctx) => {
			const { trajectoryId, coordinator } = await buildTrajectory(ctx, { participants: 0 });
			const meeting = {
				meeting1Id: '',
				meeting1Date: DATE,
				meeting1Title: 'Masterclass',
				meeting1Place: 'Arnhem',
				meeting1Programme: 'Casussen'
			};
			return {
				action: trajectorySettingsPage.meetings,
				actor: coordinator,
				path: `/trajectories/${trajectoryId}/settings`,
				params: { trajectoryId },
				fields: { ...meeting, meeting2Id: '', meeting2Date: '', meeting2Title: '', meeting2Place: '', meeting2Programme: '' }
			};
		}
	})),
	...(['q1Kind', 'q1From'] as const).map((lacks): Case => ({
		form: 'a trajectory’s question template',
		table: 'trajectories',
		lacks,
		build: async (ctx) => {
			const { trajectoryId, coordinator } = await buildTrajectory(ctx, { participants: 0 });
			return {
				action: trajectorySettingsPage.template,
				actor: coordinator,
				path: `/trajectories/${trajectoryId}/settings`,
				params: { trajectoryId },
				fields: {
					q1Key: '',
					q1Text: 'Wat heb je geleerd?',
					q1Kind: 'text',
					q1From: '2',
					q2Key: '',
					q2Text: '',
					q2Kind: 'scale3',
					q2From: '1'
				}
			};
		}
	})),
	...(['barrierTeam', 'explanation'] as const).map((lacks): Case => ({
		form: 'one’s answers for a trajectory moment',
		table: 'trajectoryResponses',
		lacks,
		build: async (ctx) => {
			const { trajectoryId, momentIds, participants } = await buildTrajectory(ctx, { participants: 1 });
			const momentId = momentIds[0]!;
			const levels = { barrierPersonal: 'Werkdruk', barrierTeam: 'Roosters', barrierOrganisation: '', resourcePersonal: 'Intervisie' };
			return {
				action: trajectoryMomentPage.default,
				actor: participants[0]!.actor,
				path: `/trajectories/${trajectoryId}/me/moments/${momentId}`,
				params: { trajectoryId, momentId },
				fields: { learningGoal: 'Beter luisteren', ...levels, resourceTeam: '', resourceOrganisation: '', explanation: 'Zo is het' }
			};
		}
	})),
	...(['whatHelped', 'tips'] as const).map((lacks): Case => ({
		form: 'one’s buddy evaluation',
		table: 'trajectoryBuddyEvaluations',
		lacks,
		build: async (ctx) => {
			const { trajectoryId, coordinator, participants } = await buildTrajectory(ctx, { participants: 2 });
			const [a, b] = participants;
			await pairBuddies({ ctx, actor: coordinator, trajectoryId, participantIds: [a!.participantId, b!.participantId] });
			return {
				action: trajectoryMePage.evaluation,
				actor: a!.actor,
				path: `/trajectories/${trajectoryId}/me`,
				params: { trajectoryId },
				fields: { rating: 'yes', whatHelped: 'Samen kijken', tips: 'Vaker afspreken' }
			};
		}
	})),
	{
		form: 'the review of an agreement',
		table: 'agreementReviews',
		lacks: 'note',
		build: async (ctx) => {
			const qc = await buildQuickCheck(ctx);
			const lead = { ctx, actor: qc.professional, conversationId: qc.conversationId };
			for (const actor of [...qc.participants, qc.professional]) await submitRatings({ ...lead, actor, values: ratingsOf(60) });
			await startReflection(lead);
			await startAgreement(lead);
			const agreement = { what: 'Elke maandag bellen', who: 'both' as const, dueOn: '2100-01-31', successMeasure: 'Vier keer gebeld' };
			const { agreementId } = await saveAgreement({ ...lead, input: agreement });
			await closeConversation(lead);
			ctx.clock.advance(60_000);
			const next = await startQuickCheck({ ctx, actor: qc.professional, collaborationId: qc.collaborationId });
			return {
				action: conversationPage.review,
				actor: qc.professional,
				path: `/collaborations/${qc.collaborationId}/conversations/${next.conversationId}`,
				params: { collaborationId: qc.collaborationId, conversationId: next.conversationId },
				fields: { agreementId, outcome: 'partly', note: 'Twee keer gebeld', followUp: 'none', dueOn: '' }
			};
		}
	},
	...(['wishes', 'momentA', 'momentCard', 'safetyOwn'] as const).map((lacks): Case => ({
		form: 'the professional’s preparation',
		table: 'preparations',
		lacks,
		build: async (ctx) => {
			const built = await buildLearningConversation(ctx, { participants: 1 });
			return {
				action: preparationPage.save,
				actor: built.professional,
				path: `/collaborations/${built.collaborationId}/conversations/${built.conversationId}/preparation`,
				params: { collaborationId: built.collaborationId, conversationId: built.conversationId },
				fields: { wishes: 'Rust', momentA: 'Het gesprek', momentB: 'Goed', momentC: 'Vaker', momentCard: '', safetyOwn: 'Tijd nemen' }
			};
		}
	})),
	{
		form: 'one’s safety in a learning conversation',
		table: 'conversationSafety',
		lacks: 'ownWords',
		build: async (ctx) => {
			const at = await learningAt(ctx, 'safety', learningPage.safety);
			return { ...at, fields: { formId: 'safety', partyId: at.partyId, ownWords: 'Rustig aan' } };
		}
	},
	...(['a', 'c'] as const).map((lacks): Case => ({
		form: 'a topic’s sheet',
		table: 'topicSheets',
		lacks,
		build: async (ctx) => {
			const at = await learningAt(ctx, 'sheets', learningPage.sheet);
			return { ...at, fields: { formId: 'sheet', topicId: at.topicId, partyId: at.partyId, a: 'Eerst', b: 'Dan', c: 'Later' } };
		}
	})),
	{
		form: 'an action',
		table: 'agreements',
		lacks: 'needed',
		build: async (ctx) => {
			const at = await learningAt(ctx, 'actions', learningPage.action);
			const { actionId } = await saveAction({ ...at.input, input: { ...actionFields, dueOn: DUE_ON } as never });
			return { ...at, fields: { formId: `action-${actionId}`, actionId, ...actionFields, dueOn: DUE_ON } };
		}
	},
	{
		form: 'one’s evaluation of a learning conversation',
		table: 'conversationEvaluations',
		lacks: 'remark',
		build: async (ctx) => ({
			...(await learningAt(ctx, 'evaluation', learningPage.evaluation)),
			fields: { formId: 'evaluation', clarity: '60', overall: '70', remark: 'Fijn gesprek' }
		})
	},
	...(['backNl', 'proBackEn'] as const).map((lacks): Case => ({
		form: 'a card of a deck',
		table: 'decks',
		lacks,
		build: async (ctx) => {
			const admin = await buildOrganisation(ctx);
			const texts = { titleNl: 'Gezien worden', titleEn: 'Being seen', frontNl: 'Wat zie je?', frontEn: 'What do you see?' };
			const pro = { proFrontNl: 'Wat zie ik?', proFrontEn: 'What do I see?' };
			const back = { backNl: 'Een\nTwee', backEn: 'One\nTwo', proBackNl: 'Drie', proBackEn: 'Three' };
			return {
				action: deckCardPage.default,
				actor: admin,
				path: '/admin/decks/values/gezien-worden',
				params: { deckKey: 'values', cardKey: 'gezien-worden' },
				fields: { ...texts, ...pro, ...back }
			};
		}
	}))
];

describeOnBothDatabases('a field the page always sends', (dialect) => {
	const t = useTestContext(dialect);

	const rows = async (table: keyof Database) =>
		(await t.ctx.db.selectFrom(table).selectAll().execute()).map((row) => JSON.stringify(row)).sort();
	const auditCount = async () => (await t.ctx.db.selectFrom('auditEvents').select('id').execute()).length;

	it.each(cases.map((c) => [c.form, c.lacks, c] as const))(
		'a post of %s that lacks %s is refused with "fill in this field" and leaves the stored record as it was',
		async (_form, lacks, c) => {
			const { action, actor, path, params, fields } = await c.build(t.ctx);
			// Saved once in full, so there is something a post without the field could erase.
			const saved = await postAs(t.ctx, action, { actor, path, fields, params });
			expect(saved).toMatchObject({ redirect: expect.any(String) });
			const before = await rows(c.table);
			const audited = await auditCount();
			t.ctx.clock.advance(60_000);
			const { [lacks]: _left, ...rest } = fields;
			const outcome = await postAs(t.ctx, action, { actor, path, fields: rest, params });
			expect(outcome).toMatchObject({ status: 400, data: { errors: { [lacks]: 'validation_required' } } });
			expect(await rows(c.table)).toEqual(before);
			expect(await auditCount()).toBe(audited);
		}
	);
});
