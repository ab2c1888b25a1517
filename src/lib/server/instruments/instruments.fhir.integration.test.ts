import { beforeAll, expect, it } from 'vitest';
import { getCollaborationAnswersBundle } from '../collaborations/collaborations.fhir.usecases.ts';
import { startQuickCheck, submitRatings } from '../conversations/conversations.usecases.ts';
import type { PlanTerm } from '../db/schema.ts';
import { buildCollaboration, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { actorsOf, readConversationAsParticipant } from '../testing/conversation-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { schemaErrors } from './fhir/fhir.schema-validation.ts';
import { renderItems, renderScale, WORDING_AUDIENCES } from './instruments.models.ts';
import {
	exportInstrument,
	importInstrument,
	listInstruments,
	setCollaborationQuickCheckInstrument,
	setOrganisationQuickCheckInstrument
} from './instruments.import.usecases.ts';
import { getCurrentBuiltInInstrument } from './instruments.usecases.ts';
import { findPublishedInstrument } from './instruments.usecases.ts';
import { questionnaireText, srsLike, wavLike, withEnableWhen } from '../testing/fhir-questionnaires.ts';
import { buildPastQuickCheck } from '../testing/insights-builders.ts';
import { getCaseloadInsights, getCollaborationInsights } from '../insights/insights.usecases.ts';

const PLAN_TERMS: PlanTerm[] = ['familyPlan', 'actionPlan', 'supportPlan', 'plan'];

// The complete R4 schema (every resource type, for Bundle entries) takes seconds to compile, once.
beforeAll(() => void schemaErrors('Bundle', { resourceType: 'Bundle', type: 'collection' }, 'complete'), 60_000);

describeOnBothDatabases('FHIR R4 instruments', (dialect) => {
	const t = useTestContext(dialect);

	async function world() {
		const admin = await buildOrganisation(t.ctx);
		const professional = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const collaboration = await buildCollaboration(t.ctx, professional, { participants: 1 });
		return { admin, professional, collaboration };
	}

	async function countInstruments() {
		const rows = await t.ctx.db.selectFrom('instruments').select('id').execute();
		return rows.length;
	}

	it('round trip: Samen Sterker exported, imported as a new instrument, used in a quick check, answers exported as valid R4', async () => {
		const { admin, professional, collaboration } = await world();
		const samenSterker = await getCurrentBuiltInInstrument(t.ctx, 'samenSterker');
		const exported = await exportInstrument({ ctx: t.ctx, actor: admin, instrumentId: samenSterker.id });
		expect(schemaErrors('Questionnaire', JSON.parse(exported.json), 'complete')).toEqual([]);

		const imported = await importInstrument({ ctx: t.ctx, actor: admin, text: exported.json, licenceConfirmed: false, locale: 'nl' });
		if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
		expect(imported.instrument).toMatchObject({ builtIn: false, version: 1, items: 5, name: 'Samen Sterker' });
		const copy = (await findPublishedInstrument(t.ctx, { organisationId: admin.organisationId, instrumentId: imported.instrument.id }))!;
		for (const audience of WORDING_AUDIENCES) {
			for (const locale of ['nl', 'en'] as const) {
				expect(renderScale(copy.content, locale)).toEqual(renderScale(samenSterker.content, locale));
				for (const term of PLAN_TERMS) {
					expect(renderItems(copy.content, audience, locale, term)).toEqual(renderItems(samenSterker.content, audience, locale, term));
				}
			}
		}

		await setOrganisationQuickCheckInstrument({ ctx: t.ctx, actor: admin, key: imported.instrument.key });
		const { conversationId } = await startQuickCheck({ ctx: t.ctx, actor: professional, collaborationId: collaboration.collaborationId });
		const { participants } = await actorsOf(t.ctx, professional, conversationId, collaboration.participantIds);
		const client = participants[0]!;
		const answers = { omgang: 30, luisteren: 50, contact: 70, plan: 80, afspraken: 100 };
		await submitRatings({ ctx: t.ctx, actor: client, conversationId, values: answers });
		const blind = await readConversationAsParticipant(t.ctx, client);
		expect(blind.items.map((item) => item.key)).toEqual(['omgang', 'luisteren', 'contact', 'plan', 'afspraken']);
		expect(blind.ratings.filter((r) => r.partyId !== client.partyId)).toEqual([]);
		await submitRatings({ ctx: t.ctx, actor: professional, conversationId, values: { ...answers, omgang: 60 } });

		const bundle = JSON.parse(
			(await getCollaborationAnswersBundle({ ctx: t.ctx, actor: professional, collaborationId: collaboration.collaborationId })).json
		);
		expect(schemaErrors('Bundle', bundle, 'complete')).toEqual([]);
		const responses = bundle.entry.map((entry: { resource: unknown }) => entry.resource);
		expect(responses).toHaveLength(2);
		const byClient = responses.find((r: { author: { display: string } }) => r.author.display === 'client');
		expect(byClient).toMatchObject({
			questionnaire: 'https://tweespraak.nl/fhir/Questionnaire/samenSterker|1',
			subject: { display: collaboration.label },
			item: [
				{ linkId: 'omgang', answer: [{ valueDecimal: 3 }] },
				{ linkId: 'luisteren', answer: [{ valueDecimal: 5 }] },
				{ linkId: 'contact', answer: [{ valueDecimal: 7 }] },
				{ linkId: 'plan', answer: [{ valueDecimal: 8 }] },
				{ linkId: 'afspraken', answer: [{ valueDecimal: 10 }] }
			]
		});
		expect(JSON.stringify(bundle)).not.toContain('Participant 1');
	});

	it('the answers leave only after the reveal: before it the bundle is empty', async () => {
		const { professional, collaboration } = await world();
		const { conversationId } = await startQuickCheck({ ctx: t.ctx, actor: professional, collaborationId: collaboration.collaborationId });
		const { participants } = await actorsOf(t.ctx, professional, conversationId, collaboration.participantIds);
		const values = { omgang: 10, luisteren: 10, contact: 10, plan: 10, afspraken: 10 };
		await submitRatings({ ctx: t.ctx, actor: participants[0]!, conversationId, values });
		const before = JSON.parse(
			(await getCollaborationAnswersBundle({ ctx: t.ctx, actor: professional, collaborationId: collaboration.collaborationId })).json
		);
		expect(before.entry).toEqual([]);
		// The professional's own ratings complete the quick check: it reveals by itself.
		await submitRatings({ ctx: t.ctx, actor: professional, conversationId, values });
		const after = JSON.parse(
			(await getCollaborationAnswersBundle({ ctx: t.ctx, actor: professional, collaborationId: collaboration.collaborationId })).json
		);
		expect(after.entry).toHaveLength(2);
	});

	it('the answers bundle is for the collaboration’s professionals only, and each download is in the access log', async () => {
		const { admin, professional, collaboration } = await world();
		const other = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const input = { ctx: t.ctx, collaborationId: collaboration.collaborationId };
		await expect(getCollaborationAnswersBundle({ ...input, actor: other })).rejects.toMatchObject({ code: 'not_found' });
		await expect(getCollaborationAnswersBundle({ ...input, actor: admin })).rejects.toMatchObject({ code: 'not_found' });
		await getCollaborationAnswersBundle({ ...input, actor: professional });
		const logged = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'collaborationId', 'actorId'])
			.where('action', '=', 'access.view')
			.where('collaborationId', '=', collaboration.collaborationId)
			.execute();
		expect(logged).toEqual([{ action: 'access.view', collaborationId: collaboration.collaborationId, actorId: professional.userId }]);
	});

	it('a re-import with the same url publishes a new version; the old one stays as it was', async () => {
		const { admin } = await world();
		const first = await importInstrument({
			ctx: t.ctx,
			actor: admin,
			text: questionnaireText(srsLike()),
			licenceConfirmed: true,
			locale: 'nl'
		});
		const changed = srsLike();
		changed.item[0]!.text = 'Voelde ik me gehoord?';
		const second = await importInstrument({
			ctx: t.ctx,
			actor: admin,
			text: questionnaireText(changed),
			licenceConfirmed: true,
			locale: 'nl'
		});
		if (!first.ok || !second.ok) throw new Error('import refused');
		expect(second.instrument).toMatchObject({ key: first.instrument.key, version: 2 });
		const v1 = await findPublishedInstrument(t.ctx, { organisationId: admin.organisationId, instrumentId: first.instrument.id });
		expect(v1!.content.items[0]!.wording.adult.nl).toBe(srsLike().item[0]!.text);
	});

	it('a Questionnaire with a copyright needs the admin’s licence confirmation; refused, nothing is stored', async () => {
		const { admin } = await world();
		const before = await countInstruments();
		const refused = await importInstrument({
			ctx: t.ctx,
			actor: admin,
			text: questionnaireText(srsLike()),
			licenceConfirmed: false,
			locale: 'nl'
		});
		expect(refused).toEqual({ ok: false, problems: [{ code: 'licence_unconfirmed' }] });
		expect(await countInstruments()).toBe(before);
	});

	it('only an admin imports, lists and chooses instruments; another organisation’s instrument cannot be chosen', async () => {
		const { admin, professional, collaboration } = await world();
		const text = questionnaireText(srsLike());
		await expect(importInstrument({ ctx: t.ctx, actor: professional, text, licenceConfirmed: true, locale: 'nl' })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(listInstruments({ ctx: t.ctx, actor: professional, locale: 'nl' })).rejects.toMatchObject({ code: 'not_found' });
		const otherAdmin = await buildOrganisation(t.ctx);
		const theirs = await importInstrument({ ctx: t.ctx, actor: otherAdmin, text, licenceConfirmed: true, locale: 'nl' });
		if (!theirs.ok) throw new Error('import refused');
		await expect(setOrganisationQuickCheckInstrument({ ctx: t.ctx, actor: admin, key: theirs.instrument.key })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(
			setCollaborationQuickCheckInstrument({
				ctx: t.ctx,
				actor: professional,
				collaborationId: collaboration.collaborationId,
				key: theirs.instrument.key
			})
		).rejects.toMatchObject({ code: 'not_found' });
		const listed = await listInstruments({ ctx: t.ctx, actor: admin, locale: 'nl' });
		expect(listed.instruments.map((i) => i.key)).not.toContain(theirs.instrument.key);
	});

	it('an instrument with enableWhen is refused as the quick check’s, with the reason, by the admin and by a professional', async () => {
		const { admin, professional, collaboration } = await world();
		const conditional = await importInstrument({
			ctx: t.ctx,
			actor: admin,
			text: questionnaireText(withEnableWhen()),
			licenceConfirmed: false,
			locale: 'nl'
		});
		if (!conditional.ok) throw new Error(JSON.stringify(conditional.problems));
		const key = conditional.instrument.key;
		await expect(setOrganisationQuickCheckInstrument({ ctx: t.ctx, actor: admin, key })).rejects.toMatchObject({
			code: 'instruments.conditional_quick_check'
		});
		await expect(
			setCollaborationQuickCheckInstrument({ ctx: t.ctx, actor: professional, collaborationId: collaboration.collaborationId, key })
		).rejects.toMatchObject({ code: 'instruments.conditional_quick_check' });
		expect((await listInstruments({ ctx: t.ctx, actor: admin, locale: 'nl' })).quickCheckKey).toBe('samenSterker');
	});

	it('a new version with enableWhen of the quick check’s own instrument is refused at import, and nothing is stored', async () => {
		const { admin } = await world();
		const plain = withEnableWhen();
		plain.item.pop();
		const first = await importInstrument({
			ctx: t.ctx,
			actor: admin,
			text: questionnaireText(plain),
			licenceConfirmed: false,
			locale: 'nl'
		});
		if (!first.ok) throw new Error(JSON.stringify(first.problems));
		await setOrganisationQuickCheckInstrument({ ctx: t.ctx, actor: admin, key: first.instrument.key });
		const before = await countInstruments();
		const second = await importInstrument({
			ctx: t.ctx,
			actor: admin,
			text: questionnaireText(withEnableWhen()),
			licenceConfirmed: false,
			locale: 'nl'
		});
		expect(second).toEqual({ ok: false, problems: [{ code: 'enable_when_quick_check' }] });
		expect(await countInstruments()).toBe(before);
	});

	it('a collaboration’s own choice wins over the organisation’s; both parties rate the same items', async () => {
		const { admin, professional, collaboration } = await world();
		const srs = await importInstrument({
			ctx: t.ctx,
			actor: admin,
			text: questionnaireText(srsLike()),
			licenceConfirmed: true,
			locale: 'nl'
		});
		if (!srs.ok) throw new Error('import refused');
		await setCollaborationQuickCheckInstrument({
			ctx: t.ctx,
			actor: professional,
			collaborationId: collaboration.collaborationId,
			key: srs.instrument.key
		});
		const { conversationId } = await startQuickCheck({ ctx: t.ctx, actor: professional, collaborationId: collaboration.collaborationId });
		const { participants } = await actorsOf(t.ctx, professional, conversationId, collaboration.participantIds);
		const view = await readConversationAsParticipant(t.ctx, participants[0]!);
		expect(view.items.map((item) => item.key)).toEqual(['relatie', 'doelen', 'aanpak', 'algemeen']);
		const values = { relatie: 100, doelen: 70, aanpak: 50, algemeen: 0 };
		await submitRatings({ ctx: t.ctx, actor: participants[0]!, conversationId, values });
		await submitRatings({ ctx: t.ctx, actor: professional, conversationId, values });
		const bundle = JSON.parse(
			(await getCollaborationAnswersBundle({ ctx: t.ctx, actor: professional, collaborationId: collaboration.collaborationId })).json
		);
		expect(schemaErrors('Bundle', bundle, 'complete')).toEqual([]);
		expect(bundle.entry[0].resource.questionnaire).toBe('https://example.org/fhir/Questionnaire/srs-like|1.0');
		expect(bundle.entry[0].resource.item[0]).toEqual({ linkId: 'relatie', answer: [{ valueDecimal: 10 }] });
	});

	it('trends and the caseload read an imported instrument like Samen Sterker: its name, its items, its line', async () => {
		const { admin, professional, collaboration } = await world();
		const wav = await importInstrument({
			ctx: t.ctx,
			actor: admin,
			text: questionnaireText(wavLike()),
			licenceConfirmed: false,
			locale: 'nl'
		});
		if (!wav.ok) throw new Error('import refused');
		const keys = Array.from({ length: 12 }, (_, i) => `wav${i + 1}`);
		const all = (value: number) => Object.fromEntries(keys.map((key) => [key, value]));
		for (const [i, endedAt] of ['2026-09-01T10:00:00.000Z', '2026-10-01T10:00:00.000Z', '2026-11-01T10:00:00.000Z'].entries()) {
			await buildPastQuickCheck(t.ctx, {
				organisationId: admin.organisationId,
				collaborationId: collaboration.collaborationId,
				participantIds: collaboration.participantIds,
				professionalUserId: professional.userId,
				endedAt,
				participantValues: [all(25 * i)],
				professionalValue: all(100),
				instrumentId: wav.instrument.id
			});
		}
		const trend = await getCollaborationInsights({
			locale: 'nl',
			ctx: t.ctx,
			actor: professional,
			collaborationId: collaboration.collaborationId
		});
		const instrument = trend.instruments.find((i) => i.key === wav.instrument.key)!;
		expect(instrument).toMatchObject({ name: 'Werkrelatie', scale: { points: 4, min: 'Helemaal oneens', max: 'Helemaal eens' } });
		expect(instrument.items).toHaveLength(12);
		expect(instrument.items[0]).toMatchObject({
			key: 'wav1',
			label: 'We werken aan doelen waar ik het mee eens ben.',
			gaps: [100, 75, 50]
		});
		const caseload = await getCaseloadInsights({ locale: 'nl', ctx: t.ctx, actor: professional });
		expect(caseload.hasRatings).toBe(true);
		expect(caseload.eyeOpener.map((item) => item.label)).toContain('Ik voel me gewaardeerd.');
	});
});
