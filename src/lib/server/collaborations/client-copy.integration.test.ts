import { expect, it } from 'vitest';
import { systemActor, type Actor } from '../access/actor.ts';
import { abandonConversation, submitRatings } from '../conversations/conversations.usecases.ts';
import { buildQuickCheck, participantActorFor, ratingsOf } from '../testing/conversation-builders.ts';
import { anonymousActor, buildCollaboration, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { buildClientCopyWorld, FEEDBACK_VALUES, REVEALED_VALUES, UNREVEALED_VALUES } from '../testing/client-copy-world.ts';
import { extractPdfText } from '../testing/pdf-text.ts';
import { buildLearningConversation, prepare } from '../testing/learning-builders.ts';
import { buildClosedLearningConversation } from '../testing/report-builders.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { removeParticipant } from './participants.usecases.ts';
import { CLIENT_COPY_FORMAT, CLIENT_COPY_VERSION, type ClientCopy } from './client-copy.types.ts';
import { getClientCopyJson, getClientCopyPdf, listClientCopyParticipants } from './client-copy.usecases.ts';

/** Both files of one participant's copy: the JSON document and the PDF's text as a reader extracts it. */
async function bothFiles(ctx: TestContext, actor: Actor, collaborationId: string, participantId: string, language?: string) {
	const input = { ctx, actor, collaborationId, participantId, language };
	const json = await getClientCopyJson(input);
	const pdf = await getClientCopyPdf(input);
	const pdfText = (await extractPdfText(pdf.pdf)).join(' ');
	return { copy: JSON.parse(json.json) as ClientCopy, json, pdf, pdfText, pdfCompact: compact(pdfText) };
}

/** A line break may fall inside a long word of the PDF: text is looked for there without white space. */
const compact = (text: string) => text.replace(/\s+/g, '');

const points = (copy: ClientCopy, index: number) => copy.conversations[index]!.answers.map((a) => `${a.by}:${a.point}`);

describeOnBothDatabases("the client's copy", (dialect) => {
	const t = useTestContext(dialect);

	it("a participant's copy holds every conversation they took part in, their answers and the others' revealed ones, and the agreement with its review", async () => {
		const { ctx } = t;
		const world = await buildClientCopyWorld(ctx);
		const { copy, json, pdf, pdfCompact } = await bothFiles(ctx, world.professional, world.collaborationId, world.participantIds[0]);
		expect(copy).toMatchObject({ format: CLIENT_COPY_FORMAT, version: CLIENT_COPY_VERSION, language: 'nl' });
		expect(copy.collaboration).toMatchObject({ label: world.label, status: 'open', professionals: [{ name: world.professional.name }] });
		expect(copy.participant).toMatchObject({ name: 'Participant 1', audience: 'adult' });
		expect(copy.conversations.map((c) => `${c.method}:${c.status}`)).toEqual([
			'quickCheck:abandoned',
			'quickCheck:closed',
			'quickCheck:running',
			'sessionFeedback:closed',
			'learningConversation:running'
		]);

		// Revealed: all three parties' answers, on the scale they were asked ("8 van 10").
		const revealed = copy.conversations[1]!;
		expect(new Set(points(copy, 1))).toEqual(new Set(['you:8', 'participant:3', 'professional:6']));
		// In the questionnaire's order, the participant first: the table's columns in the PDF.
		expect(revealed.answers.slice(0, 3).map((a) => `${a.itemKey}:${a.by}`)).toEqual([
			'omgang:you',
			'omgang:participant',
			'omgang:professional'
		]);
		expect(revealed.answers.find((a) => a.by === 'you')).toMatchObject({ mode: 'line', points: 10, text: '8 van 10' });
		expect(revealed.reflections).toEqual([expect.objectContaining({ mostSatisfied: world.inCopy.reflection })]);
		expect(revealed.agreements).toEqual([
			expect.objectContaining({
				what: world.inCopy.agreement,
				who: 'client',
				dueOn: '2100-01-31',
				status: 'partly',
				reviews: [expect.objectContaining({ outcome: 'partly', outcomeLabel: 'Deels gelukt', note: world.inCopy.reviewNote })]
			})
		]);
		// The review in the next conversation: the participant's own choice.
		expect(copy.conversations[2]!.reviewChoices).toEqual([
			{ agreement: world.inCopy.agreement, outcome: 'partly', outcomeLabel: 'Deels gelukt' }
		]);
		// Session feedback: their own answers only.
		expect(new Set(points(copy, 3))).toEqual(new Set([`you:${FEEDBACK_VALUES.p1 / 10}`]));

		expect(json.fileName).toMatch(/^tweespraak-copy-\d{4}-\d{2}-\d{2}\.json$/);
		expect(pdf.fileName).toMatch(/^tweespraak-copy-\d{4}-\d{2}-\d{2}\.pdf$/);
		for (const text of [
			'Jouw gegevens in Tweespraak',
			world.label,
			world.inCopy.agreement,
			world.inCopy.reviewNote,
			'8 van 10',
			'Deels gelukt'
		]) {
			expect(pdfCompact, text).toContain(compact(text));
		}
	});

	it("unshared preparations, another party's words and answers nobody revealed are never in the copy, also once the professional stopped the conversation", async () => {
		const { ctx } = t;
		const world = await buildClientCopyWorld(ctx);
		const notInCopy = [...Object.values(world.notInCopy), world.ownPrivatePreparation];
		const { copy, json, pdfCompact } = await bothFiles(ctx, world.professional, world.collaborationId, world.participantIds[0]);
		for (const planted of notInCopy) {
			expect(json.json, planted).not.toContain(planted);
			expect(pdfCompact, planted).not.toContain(planted);
		}
		// The quick check stopped before the reveal stays blind: no answers, P1's own neither.
		expect(copy.conversations[0]).toMatchObject({ status: 'abandoned', answers: [] });
		for (const value of Object.values(UNREVEALED_VALUES)) expect(pdfCompact).not.toContain(compact(`${value / 10} van 10`));
		// The learning conversation still runs; the copy says more may come.
		expect(copy.conversations[4]!.preparation).toBeNull();
		expect(pdfCompact).toContain(compact('Dit gesprek is nog bezig.'));

		// Stopped by the professional alone: the unshared preparations stay out, P1's and P2's.
		await abandonConversation({ ctx, actor: world.professional, conversationId: world.learningConversationId });
		const preparations = [world.ownPrivatePreparation, world.notInCopy.otherPrivatePreparation];
		for (const participantId of world.participantIds) {
			const ended = await bothFiles(ctx, world.professional, world.collaborationId, participantId);
			expect(ended.copy.conversations[4]!.preparation).toBeNull();
			for (const planted of participantId === world.participantIds[0] ? notInCopy : preparations) {
				expect(ended.json.json, planted).not.toContain(planted);
				expect(ended.pdfCompact, planted).not.toContain(planted);
			}
		}
		const other = await getClientCopyJson({
			ctx,
			actor: world.professional,
			collaborationId: world.collaborationId,
			participantId: world.participantIds[1]
		});
		expect(other.json).not.toContain(world.inCopy.reflection);
		expect(new Set(points(other.copy, 1))).toEqual(
			new Set([`you:${REVEALED_VALUES.p2 / 10}`, `participant:${REVEALED_VALUES.p1 / 10}`, 'professional:6'])
		);
	});

	it('a preparation its owner shared is in their copy, marked with the moment they shared it', async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx, { participants: 1 });
		const client = lc.participants[0]!;
		await prepare(ctx, { actor: client, conversationId: lc.conversationId, preparation: { wishes: 'Over mijn werk praten' }, share: true });
		const participantId = (await listClientCopyParticipants({ ctx, actor: lc.professional, collaborationId: lc.collaborationId }))[0]!.id;
		const { copy, pdfText } = await bothFiles(ctx, lc.professional, lc.collaborationId, participantId);
		expect(copy.conversations[0]!.preparation).toMatchObject({
			private: false,
			sharedAt: expect.any(String),
			wishes: 'Over mijn werk praten'
		});
		expect(pdfText).toContain('Over mijn werk praten');
		expect(pdfText).toContain('Gedeeld op');
	});

	it('while a quick check runs blind, the copy holds none of the client’s answers, so the professional who makes it cannot read them before rating; from the reveal on they are in', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx);
		const participant = qc.participants[0]!;
		await submitRatings({ ctx, actor: participant, conversationId: qc.conversationId, values: ratingsOf(90) });
		const blind = await bothFiles(ctx, qc.professional, qc.collaborationId, participant.participantId);
		expect(blind.copy.conversations[0]).toMatchObject({ status: 'running', answers: [] });
		expect(blind.json.json).not.toContain('9 van 10');
		expect(blind.pdfCompact).not.toContain(compact('9 van 10'));
		expect(blind.pdfCompact).toContain(compact('Dit gesprek is nog bezig.'));

		// Everyone has rated: the answers are shown together.
		await submitRatings({ ctx, actor: qc.professional, conversationId: qc.conversationId, values: ratingsOf(60) });
		const revealed = await bothFiles(ctx, qc.professional, qc.collaborationId, participant.participantId);
		expect(new Set(points(revealed.copy, 0))).toEqual(new Set(['you:9', 'professional:6']));
		expect(revealed.pdfCompact).toContain(compact('9 van 10'));
	});

	it('a learning conversation: the own sheets, safety, wish card and evaluation are in the copy (here in English, as asked); the professional’s sheet is not', async () => {
		const { ctx } = t;
		const admin = await buildOrganisation(ctx);
		const professional = await buildStaff(ctx, admin, { locale: 'en' });
		const lc = await buildClosedLearningConversation(ctx, professional);
		const participantId = (await listClientCopyParticipants({ ctx, actor: professional, collaborationId: lc.collaborationId }))[0]!.id;
		const { copy, json, pdfText, pdfCompact } = await bothFiles(ctx, professional, lc.collaborationId, participantId, 'en');
		expect(copy.language).toBe('en');
		expect(copy.conversations[0]).toMatchObject({
			method: 'learningConversation',
			safety: { chosen: ['We let each other finish.'], ownWords: 'Rustig praten, niet te snel.' },
			topics: ['Our connection', 'School en huiswerk'],
			sheets: [{ topic: 'Our connection', whatHappened: 'Je kwam te laat.', whatItDidToMe: 'Ik voelde me niet gezien.' }],
			wishCards: ['Listening without judging'],
			evaluation: { clarity: { point: 8, points: 10, text: '8 out of 10' }, remark: 'Fijn gesprek.' },
			agreements: [expect.objectContaining({ kind: 'change', needed: 'Het telefoonnummer van de ouder' })]
		});
		expect(json.json).not.toContain('De bus had vertraging.');
		expect(pdfCompact).not.toContain(compact('De bus had vertraging.'));
		for (const text of ['Your data in Tweespraak', 'Ik voelde me niet gezien.', 'Listening without judging'])
			expect(pdfText).toContain(text);
	});

	it("a child's answers are in the copy as the smiley they chose, in words, with the question as the child read it", async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { audience: 'child' });
		await submitRatings({ ctx, actor: qc.participants[0]!, conversationId: qc.conversationId, values: ratingsOf(25) });
		await submitRatings({ ctx, actor: qc.professional, conversationId: qc.conversationId, values: ratingsOf(60) });
		const input = { ctx, actor: qc.professional, collaborationId: qc.collaborationId, participantId: qc.participants[0]!.participantId };
		const { copy } = await getClientCopyJson(input);
		const answers = copy.conversations[0]!.answers.filter((answer) => answer.by === 'you');
		expect(answers).toHaveLength(5);
		expect(answers[0]).toMatchObject({ by: 'you', itemKey: 'omgang', mode: 'smiley', point: 2, points: 5, text: 'Niet goed' });
		expect(answers[0]!.question).toBe('Hoe doen we samen?');
		expect((await extractPdfText((await getClientCopyPdf(input)).pdf)).join(' ')).toContain('Niet goed');
	});

	it('every copy made is in the audit log: who, which participant, which format — and nothing the client typed', async () => {
		const { ctx } = t;
		const world = await buildClientCopyWorld(ctx);
		const participantId = world.participantIds[0];
		await bothFiles(ctx, world.professional, world.collaborationId, participantId);
		const events = await ctx.db
			.selectFrom('auditEvents')
			.selectAll()
			.where('action', '=', 'collaboration.client_copy_made')
			.where('organisationId', '=', world.professional.organisationId)
			.orderBy('occurredAt')
			.execute();
		expect(events).toHaveLength(2);
		// Both made within the same (test clock) millisecond: compared in the order of their format.
		const details = events.map((e) => JSON.parse(e.details ?? '{}') as { format: string });
		expect(details.toSorted((a, b) => a.format.localeCompare(b.format))).toEqual([
			{ collaborationId: world.collaborationId, format: 'json', locale: 'nl', conversations: 5 },
			{ collaborationId: world.collaborationId, format: 'pdf', locale: 'nl', conversations: 5 }
		]);
		for (const event of events) {
			expect(event).toMatchObject({
				actorType: 'staff',
				actorId: world.professional.userId,
				targetType: 'participant',
				targetId: participantId
			});
			const logged = JSON.stringify(event);
			for (const text of [world.label, 'Participant 1', ...Object.values(world.inCopy)]) expect(logged).not.toContain(text);
		}
	});

	it('a co-professional of the collaboration may make the copy, also of a participant who stopped taking part', async () => {
		const { ctx } = t;
		const admin = await buildOrganisation(ctx);
		const holder = await buildStaff(ctx, admin);
		const co = await buildStaff(ctx, admin);
		const { collaborationId, participantIds } = await buildCollaboration(ctx, holder, {
			participants: 2,
			coProfessionals: [{ userId: co.userId }]
		});
		await removeParticipant({ ctx, actor: holder, collaborationId, participantId: participantIds[1]! });
		expect(await listClientCopyParticipants({ ctx, actor: co, collaborationId })).toEqual([
			{ id: participantIds[0], displayName: 'Participant 1', removed: false, locale: 'nl', languages: ['nl', 'en'] },
			{ id: participantIds[1], displayName: 'Participant 2', removed: true, locale: 'nl', languages: ['nl', 'en'] }
		]);
		const made = await getClientCopyJson({ ctx, actor: co, collaborationId, participantId: participantIds[1]! });
		expect(made.copy.conversations).toEqual([]);
		expect(made.copy.participant).toMatchObject({ name: 'Participant 2', removedAt: expect.any(String) });
	});

	it('the access log says "copy" when a copy is made, not when the collaboration page lists whom a copy can be made for', async () => {
		const { ctx } = t;
		const admin = await buildOrganisation(ctx);
		const holder = await buildStaff(ctx, admin);
		const { collaborationId, participantIds } = await buildCollaboration(ctx, holder);
		const copyEntries = () =>
			ctx.db
				.selectFrom('auditEvents')
				.select(['action', 'collaborationId'])
				.where('targetType', '=', 'clientCopy')
				.where('collaborationId', '=', collaborationId)
				.execute();
		await listClientCopyParticipants({ ctx, actor: holder, collaborationId });
		expect(await copyEntries()).toEqual([]);
		await getClientCopyJson({ ctx, actor: holder, collaborationId, participantId: participantIds[0]! });
		expect(await copyEntries()).toEqual([{ action: 'access.view', collaborationId }]);
	});

	it('another professional, a team lead, an admin, a participant’s device, someone anonymous and another organisation get not found, and nothing is logged', async () => {
		const { ctx } = t;
		const world = await buildClientCopyWorld(ctx);
		const outsider = await buildStaff(ctx, world.admin);
		const teamLead = await buildStaff(ctx, world.admin, { roles: ['teamLead'] });
		const otherOrganisation = await buildStaff(ctx, await buildOrganisation(ctx));
		const conversationId = (
			await ctx.db
				.selectFrom('conversations')
				.select('id')
				.where('collaborationId', '=', world.collaborationId)
				.where('phase', '=', 'rating')
				.executeTakeFirstOrThrow()
		).id;
		const device = await participantActorFor(ctx, {
			organisationId: world.admin.organisationId,
			conversationId,
			participantId: world.participantIds[0]
		});
		const denied: Actor[] = [outsider, teamLead, world.admin, otherOrganisation, device, anonymousActor, systemActor];
		const input = { ctx, collaborationId: world.collaborationId, participantId: world.participantIds[0] };
		for (const actor of denied) {
			await expect(getClientCopyJson({ ...input, actor }), actor.type).rejects.toMatchObject({ code: 'not_found', status: 404 });
			await expect(getClientCopyPdf({ ...input, actor }), actor.type).rejects.toMatchObject({ code: 'not_found', status: 404 });
			// Asking for a language changes nothing: not found, not even a hint that the language is wrong.
			for (const language of ['nl', 'xx'])
				await expect(getClientCopyPdf({ ...input, actor, language }), `${actor.type} ${language}`).rejects.toMatchObject({ status: 404 });
			await expect(listClientCopyParticipants({ ...input, actor }), actor.type).rejects.toMatchObject({ code: 'not_found' });
		}
		// A participant of another collaboration, named under this one, is not found either.
		const elsewhere = await buildCollaboration(ctx, world.professional);
		await expect(
			getClientCopyJson({ ...input, actor: world.professional, participantId: elsewhere.participantIds[0]! })
		).rejects.toMatchObject({ code: 'not_found' });
		const logged = await ctx.db
			.selectFrom('auditEvents')
			.select('id')
			.where('action', '=', 'collaboration.client_copy_made')
			.where('targetId', 'in', [...world.participantIds, elsewhere.participantIds[0]!])
			.execute();
		expect(logged).toEqual([]);
	});

	it("the copy lists who looked at the collaboration's data: professionals by name and role, participants' devices by role only", async () => {
		const { ctx } = t;
		const world = await buildClientCopyWorld(ctx);
		const { copy, pdfText } = await bothFiles(ctx, world.professional, world.collaborationId, world.participantIds[0]);
		const professional = copy.accessLog.filter((entry) => entry.role === 'professional');
		expect(professional.length).toBeGreaterThan(0);
		expect(professional.every((entry) => entry.who === world.professional.name && entry.roleLabel === 'Professional')).toBe(true);
		expect(copy.accessLog).toContainEqual(expect.objectContaining({ role: 'professional', action: 'view', data: 'clientCopy' }));
		const devices = copy.accessLog.filter((entry) => entry.role === 'participant');
		expect(devices.length).toBeGreaterThan(0);
		expect(new Set(devices.map((entry) => entry.who))).toEqual(new Set(['Apparaat van een deelnemer']));
		// Never another client: no participant's name, no party or device id, no address.
		const listed = JSON.stringify(copy.accessLog);
		expect(listed).not.toMatch(/Participant \d/);
		expect(listed).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
		expect(copy.accessLog.map((entry) => entry.at)).toEqual(copy.accessLog.map((entry) => entry.at).toSorted());
		expect(pdfText).toContain('Wie je gegevens heeft bekeken');
		expect(compact(pdfText)).toContain(compact(`${world.professional.name} (Professional)`));
	});
});
