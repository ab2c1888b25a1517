import type { Transaction } from 'kysely';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/schema.ts';

/**
 * The context a request runs in, with `meanwhile` (another actor's change, on the real context)
 * done after the usecase read and checked what it decides on, just before its first write
 * transaction (`ctx.db.transaction()`) starts. A refusal decided from the reads before that
 * transaction misses the change; one decided inside it sees it. For the regression (race) tests
 * of "the rule is read again where the write happens" (decision 009's amendment and its kin).
 */
export function withChangeBeforeTheWrite(ctx: AppContext, meanwhile: () => Promise<unknown>): AppContext {
	const db = ctx.db;
	let done = false;
	const held = new Proxy(db, {
		get(target, property) {
			if (property === 'transaction')
				return () => ({
					execute: async <T>(work: (trx: Transaction<Database>) => Promise<T>) => {
						if (!done) {
							done = true;
							await meanwhile();
						}
						return db.transaction().execute(work);
					}
				});
			const value: unknown = Reflect.get(target, property);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		}
	});
	return { ...ctx, db: held };
}
