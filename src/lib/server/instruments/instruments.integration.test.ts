import { expect, it } from 'vitest';
import { buildOrganisation } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import type { BuiltInInstrument } from './instruments.models.ts';
import { createInstrumentsRepository } from './instruments.repository.ts';
import {
	ensureBuiltInInstruments,
	findPublishedInstrument,
	getCurrentBuiltInInstrument,
	getInstrumentForConversation
} from './instruments.usecases.ts';
import { samenSterkerV1 } from './samen-sterker-v1.ts';

/** A made-up built-in under its own key, so tests never disturb the real Samen Sterker rows. */
function testInstrument(key: string, version: number, firstWord: string): BuiltInInstrument {
	const content = structuredClone(samenSterkerV1.content);
	content.items[0]!.wording.adult.nl = `${firstWord}: hoe gaan we met elkaar om?`;
	return { key, version, method: 'quickCheck', content };
}

function capturingLogger(ctx: { logger: unknown }) {
	const warnings: unknown[] = [];
	const logger = Object.create(ctx.logger as object) as { warn: (...args: unknown[]) => void };
	logger.warn = (...args: unknown[]) => void warnings.push(args[0]);
	return { logger: logger as never, warnings };
}

describeOnBothDatabases('instruments', (dialect) => {
	const t = useTestContext(dialect);

	it('Samen Sterker v1 is stored at start, without an organisation', async () => {
		const stored = await getCurrentBuiltInInstrument(t.ctx, 'samenSterker');
		expect(stored).toMatchObject({ key: 'samenSterker', version: 1, organisationId: null, method: 'quickCheck' });
		expect(stored.content).toEqual(samenSterkerV1.content);
	});

	it('the seed is idempotent: starting again stores nothing new', async () => {
		const again = await ensureBuiltInInstruments(t.ctx);
		expect(again.inserted).toEqual([]);
		const rows = await t.ctx.db.selectFrom('instruments').select('id').where('key', '=', 'samenSterker').execute();
		expect(rows).toHaveLength(1);
	});

	it('two instances starting at once store each version once', async () => {
		const builtIns = [testInstrument('raceTest', 1, 'Race')];
		const results = await Promise.all([ensureBuiltInInstruments(t.ctx, builtIns), ensureBuiltInInstruments(t.ctx, builtIns)]);
		expect(results.flatMap((r) => r.inserted)).toEqual(['raceTest@1']);
		const rows = await t.ctx.db.selectFrom('instruments').select('id').where('key', '=', 'raceTest').execute();
		expect(rows).toHaveLength(1);
	});

	it('a published version is never rewritten when the code changes it; a new version is stored beside it', async () => {
		await ensureBuiltInInstruments(t.ctx, [testInstrument('immutableTest', 1, 'Eerst')]);
		const { logger, warnings } = capturingLogger(t.ctx);
		const changed = await ensureBuiltInInstruments({ ...t.ctx, logger }, [testInstrument('immutableTest', 1, 'Later')]);
		expect(changed.inserted).toEqual([]);
		expect(warnings).toEqual([expect.objectContaining({ event: 'instrument.builtin_changed', key: 'immutableTest', version: 1 })]);
		const repo = createInstrumentsRepository(t.ctx.db);
		expect((await repo.findByKeyVersion('immutableTest', 1))?.content.items[0]?.wording.adult.nl).toBe('Eerst: hoe gaan we met elkaar om?');

		const next = await ensureBuiltInInstruments(t.ctx, [
			testInstrument('immutableTest', 1, 'Later'),
			testInstrument('immutableTest', 2, 'Later')
		]);
		expect(next.inserted).toEqual(['immutableTest@2']);
		expect((await repo.findByKeyVersion('immutableTest', 1))?.content.items[0]?.wording.adult.nl).toBe('Eerst: hoe gaan we met elkaar om?');
		expect((await getCurrentBuiltInInstrument(t.ctx, 'immutableTest')).version).toBe(2);
	});

	it('a published instrument kept in memory is the stored content of that version, unchangeable, and never another version', async () => {
		const { ctx } = t;
		await ensureBuiltInInstruments(ctx, [testInstrument('cacheTest', 1, 'Eerst'), testInstrument('cacheTest', 2, 'Daarna')]);
		const repo = createInstrumentsRepository(ctx.db);
		const stored = [(await repo.findByKeyVersion('cacheTest', 1))!, (await repo.findByKeyVersion('cacheTest', 2))!];
		for (const round of [1, 2]) {
			for (const version of stored) {
				const found = await findPublishedInstrument(ctx, { organisationId: 'any-organisation', instrumentId: version.id });
				expect(found, `round ${round}, version ${version.version}`).toEqual(version);
			}
		}
		const cached = (await findPublishedInstrument(ctx, { organisationId: 'any-organisation', instrumentId: stored[0]!.id }))!;
		expect(cached.content.items[0]?.wording.adult.nl).toBe('Eerst: hoe gaan we met elkaar om?');
		expect(() => {
			cached.content.items[0]!.wording.adult.nl = 'Veranderd';
		}).toThrow(TypeError);
		expect(() => cached.content.items.pop()).toThrow(TypeError);
		const again = await findPublishedInstrument(ctx, { organisationId: 'any-organisation', instrumentId: stored[0]!.id });
		expect(again?.content).toEqual(testInstrument('cacheTest', 1, 'Eerst').content);
	});

	it("an organisation's own instrument stays out of reach of another organisation, also once kept in memory", async () => {
		const { ctx } = t;
		const owner = await buildOrganisation(ctx);
		const other = await buildOrganisation(ctx);
		const instrumentId = 'own-instrument-1';
		await createInstrumentsRepository(ctx.db).insertIfMissing({
			id: instrumentId,
			organisationId: owner.organisationId,
			key: 'ownTest',
			version: 1,
			method: 'quickCheck',
			contentJson: JSON.stringify(samenSterkerV1.content),
			publishedAt: ctx.clock.now().toISOString()
		});
		expect(await findPublishedInstrument(ctx, { organisationId: other.organisationId, instrumentId })).toBeUndefined();
		expect(await findPublishedInstrument(ctx, { organisationId: owner.organisationId, instrumentId })).toMatchObject({ key: 'ownTest' });
		expect(await findPublishedInstrument(ctx, { organisationId: other.organisationId, instrumentId })).toBeUndefined();
		expect(await findPublishedInstrument(ctx, { organisationId: owner.organisationId, instrumentId })).toMatchObject({ key: 'ownTest' });
	});

	it('renders the stored instrument for a reader, with the plan term filled in', async () => {
		const stored = await getCurrentBuiltInInstrument(t.ctx, 'samenSterker');
		const rendered = await getInstrumentForConversation(t.ctx, {
			organisationId: 'any-organisation',
			instrumentId: stored.id,
			audience: 'professional',
			locale: 'en',
			planTerm: 'supportPlan'
		});
		expect(rendered).toMatchObject({ key: 'samenSterker', version: 1, itemKeys: ['omgang', 'luisteren', 'contact', 'plan', 'afspraken'] });
		expect(rendered.items[3]).toMatchObject({ label: 'Support plan', text: 'How do I feel about our work on the support plan?' });
		expect(rendered.scale).toMatchObject({ min: 'not satisfied', max: 'satisfied' });
	});
});
