import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { AppContext } from '../context.ts';
import { statementsWaitingForALock, withChangeBeforeTheWrite } from '../testing/change-before-write.ts';
import { waitFor } from '../testing/instances.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { all, trajectoryInstrumentWorld } from '../testing/trajectory-instruments-world.ts';
import {
	createClientLink,
	getMyMomentInstrument,
	listInstrumentChoices,
	setMomentInstruments,
	submitMyInstrumentRatings
} from './trajectories.instruments.usecases.ts';
import { createTrajectoriesRepository } from './trajectories.repository.ts';

/**
 * Every answer is stored on the instrument its moment names, the scale it was asked on: a rating
 * or a client's link that a colleague's instrument change overtakes is refused as changed
 * meanwhile, with nothing stored. Before, a rating read the moment's instrument before its
 * transaction; a change committed in between (it counted no answers yet) left the rating on the
 * old instrument, and the report counted it on the new one's scale.
 */

describeOnBothDatabases('an instrument change that overtakes a rating or a client link', (dialect) => {
	const t = useTestContext(dialect);
	const { world, of } = trajectoryInstrumentWorld(t);

	/** A trajectory whose T1 names the imported instrument, and another instrument to change it to. */
	async function firstInstrument() {
		const w = await world(1);
		const other = (await listInstrumentChoices(t.ctx, w.coordinator.organisationId)).find((choice) => choice.key !== w.key)!.key;
		const momentId = w.built.momentIds[0]!;
		await setMomentInstruments({ ...w.input, choices: [{ momentId, instrumentKey: w.key }] });
		const change = () => setMomentInstruments({ ...w.input, choices: [{ momentId, instrumentKey: other }] });
		const shownToMe = () => getMyMomentInstrument({ ...of(w, 0), momentId, locale: 'nl' });
		const instrumentOfMoment = async () =>
			(await createTrajectoriesRepository(t.ctx.db).findMoment(w.coordinator.organisationId, w.built.trajectoryId, momentId))!
				.instrumentKey;
		return { w, momentId, other, change, shownToMe, instrumentOfMoment };
	}

	/**
	 * The context for a usecase whose transaction starts only once `meanwhile` has committed:
	 * everything the usecase read before its transaction was read before the change, on both
	 * databases and every run.
	 */
	const changedBeforeItsTransaction = (meanwhile: () => Promise<unknown>): AppContext => withChangeBeforeTheWrite(t.ctx, meanwhile);

	it('a rating read before a colleague changed the moment’s instrument is refused as changed meanwhile, and nothing is stored on the old one', async () => {
		const { w, momentId, other, change, shownToMe, instrumentOfMoment } = await firstInstrument();

		await expect(
			submitMyInstrumentRatings({ ...of(w, 0), ctx: changedBeforeItsTransaction(change), momentId, values: all(75) })
		).rejects.toMatchObject({ code: 'trajectory.changed_meanwhile' });

		expect(await instrumentOfMoment()).toBe(other);
		// The page shows the new instrument, unrated: no answer of mine on the old one's scale.
		expect(await shownToMe()).toMatchObject({ values: null, client: 'none' });
	});

	it('a client link made before a colleague changed the moment’s instrument is refused as changed meanwhile, and no link is made', async () => {
		const { w, momentId, other, change, shownToMe, instrumentOfMoment } = await firstInstrument();

		await expect(createClientLink({ ...of(w, 0), ctx: changedBeforeItsTransaction(change), momentId })).rejects.toMatchObject({
			code: 'trajectory.changed_meanwhile'
		});

		expect(await instrumentOfMoment()).toBe(other);
		expect(await shownToMe()).toMatchObject({ client: 'none' });
	});

	it('a rating on an unchanged instrument is stored as before, also once a change was saved without effect on it', async () => {
		const { w, momentId, shownToMe } = await firstInstrument();
		const unchanged = () => setMomentInstruments({ ...w.input, choices: [{ momentId, instrumentKey: w.key }] });

		await submitMyInstrumentRatings({ ...of(w, 0), ctx: changedBeforeItsTransaction(unchanged), momentId, values: all(75) });

		expect((await shownToMe())?.values).toEqual(all(75));
	});

	it('a rating or client link posted from a page that showed the instrument before a colleague changed it is refused as changed meanwhile; from the page as it is now, it is stored', async () => {
		const { w, momentId, other, change, shownToMe } = await firstInstrument();
		await change();

		await expect(submitMyInstrumentRatings({ ...of(w, 0), momentId, values: all(75), shownInstrumentKey: w.key })).rejects.toMatchObject({
			code: 'trajectory.changed_meanwhile'
		});
		await expect(createClientLink({ ...of(w, 0), momentId, shownInstrumentKey: w.key })).rejects.toMatchObject({
			code: 'trajectory.changed_meanwhile'
		});
		expect(await shownToMe()).toMatchObject({ key: other, values: null, client: 'none' });

		await createClientLink({ ...of(w, 0), momentId, shownInstrumentKey: other });
		expect(await shownToMe()).toMatchObject({ key: other, client: 'waiting' });
	});

	it.runIf(dialect === 'postgres')(
		'a rating sent while a colleague’s change is inside its save waits for it, and is refused as changed meanwhile',
		async () => {
			const { w, momentId, other, change, shownToMe, instrumentOfMoment } = await firstInstrument();
			const waiting = () => statementsWaitingForALock(t.ctx.db);
			// Connections for the two usecases and the observer first, so none waits for the pool.
			await Promise.all([1, 2, 3].map(() => sql`select 1`.execute(t.ctx.db)));
			let answers: Promise<PromiseSettledResult<unknown>[]> | undefined;
			await t.ctx.db.transaction().execute(async (trx) => {
				// The moment's row is held (not its key, so the rating's reference to it is not held):
				// the change has locked the trajectory and counted no answers, and waits to store its choice.
				await sql`select id from trajectory_moments where id = ${momentId} for no key update`.execute(trx);
				let settled = false;
				const changing = change();
				await waitFor(async () => (await waiting()) >= 1 || undefined, 'the change to wait for the moment');
				const rating = submitMyInstrumentRatings({ ...of(w, 0), momentId, values: all(75) });
				answers = Promise.allSettled([changing, rating]);
				void rating.catch(() => {}).finally(() => (settled = true));
				// Before the fix the rating did not wait: it was stored on the old instrument at once.
				await waitFor(async () => settled || (await waiting()) >= 2 || undefined, 'the rating to wait for the change, or be done');
			});
			const [changed, rated] = await answers!;

			expect(changed).toMatchObject({ status: 'fulfilled' });
			expect(rated).toMatchObject({ status: 'rejected', reason: { code: 'trajectory.changed_meanwhile' } });
			expect(await instrumentOfMoment()).toBe(other);
			expect(await shownToMe()).toMatchObject({ values: null });
		}
	);
});
