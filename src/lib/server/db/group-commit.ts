import { sql, type Kysely } from 'kysely';
import { groupCommitBatches, groupCommitMembers } from '../shared/metrics.ts';
import { isConcurrencyConflict } from './errors.ts';
import type { Database } from './schema.ts';

/** One unit of work that would otherwise be a transaction of its own. */
type Work<T> = (trx: Kysely<Database>) => Promise<T>;

interface Member {
	work: Work<unknown>;
	resolve(value: unknown): void;
	reject(error: unknown): void;
}

export interface GroupCommitOptions {
	/** How long the first of a batch waits for others, in ms; a batch that is due also waits for the one before it. */
	windowMs?: number;
	/** Batches committing at once: 1 for SQLite (one connection), a few for PostgreSQL (a pool). */
	inFlight?: number;
	/** Members per batch at most; a full queue starts its batch at once. */
	maxMembers?: number;
}

export interface GroupCommit {
	/**
	 * Runs `work` in a transaction shared with the other work that arrived within the window,
	 * each in a savepoint of its own: what one throws is rolled back and thrown to its caller
	 * alone. Resolves only after the shared COMMIT returned (on disk, synchronous=FULL / fsync),
	 * so an answer sent after it is never ahead of the database. Should the shared transaction
	 * itself fail (its COMMIT, a lost connection), every member that had succeeded runs again in a
	 * transaction of its own. `work` must only use the database and must not start a
	 * transaction itself; it may run a second time, on that retry.
	 */
	run<T>(work: Work<T>): Promise<T>;
	/** Batches committed and members in them since start (for the bench and tests). */
	stats(): { batches: number; members: number };
}

const SAVEPOINT = sql.raw('group_commit_member');

/** Each database's own group commit (createDatabase), for writes that stand alone. */
const ownCommits = new WeakMap<Kysely<Database>, GroupCommit>();

/** Makes `commits` the group commit that writes standing alone on `db` share (see standaloneCommits). */
export function shareStandaloneWrites(db: Kysely<Database>, commits: GroupCommit): void {
	ownCommits.set(db, commits);
}

/**
 * The group commit a write on `db` should join, or undefined when it runs inside a transaction
 * already (it commits with that one) or `db` has none. A write that stands alone — an access-log
 * entry of a page view, before the page reads — would otherwise be a transaction and an fsync
 * of its own on every request.
 */
export function standaloneCommits(db: Kysely<Database>): GroupCommit | undefined {
	return db.isTransaction ? undefined : ownCommits.get(db);
}
/** How often a member alone is tried when it keeps losing to other transactions. */
const ALONE_ATTEMPTS = 3;

/**
 * Group commit (docs/decisions/022-group-commit.md): concurrent small writes — rating
 * submissions, session feedback answers and the audit events beside them — share one
 * transaction and so one fsync, instead of one each.
 */
export function createGroupCommit(db: Kysely<Database>, options: GroupCommitOptions = {}): GroupCommit {
	const windowMs = options.windowMs ?? 1;
	const inFlight = options.inFlight ?? 1;
	const maxMembers = options.maxMembers ?? 64;
	const queue: Member[] = [];
	let running = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const counted = { batches: 0, members: 0 };

	function count(members: number): void {
		counted.batches += 1;
		counted.members += members;
		groupCommitBatches.inc();
		groupCommitMembers.inc(members);
	}

	/**
	 * One member in a transaction of its own; lost to another transaction (a deadlock), run again, a
	 * few times. Whether it was stored.
	 */
	async function alone(member: Member): Promise<boolean> {
		for (let attempt = 1; ; attempt++) {
			try {
				member.resolve(await db.transaction().execute((trx) => member.work(trx)));
				return true;
			} catch (error) {
				if (attempt < ALONE_ATTEMPTS && isConcurrencyConflict(error)) continue;
				member.reject(error);
				return false;
			}
		}
	}

	async function commit(members: Member[]): Promise<void> {
		// A batch of one is a transaction of its own: a savepoint would only isolate it from members
		// that are not there, and on PostgreSQL each savepoint and its release is a round trip (two of
		// about a dozen for a rating submission). Under light load most batches are of one.
		if (members.length === 1) {
			if (await alone(members[0]!)) count(1);
			return;
		}
		// A member that lost a deadlock to another batch (PostgreSQL runs a few at once, and two may
		// lock the same conversations in another order) did nothing wrong: it runs again alone.
		const outcomes: { member: Member; ok: boolean; value: unknown; again?: true }[] = [];
		try {
			await db.transaction().execute(async (trx) => {
				for (const member of members) {
					await sql`savepoint ${SAVEPOINT}`.execute(trx);
					try {
						outcomes.push({ member, ok: true, value: await member.work(trx) });
						await sql`release savepoint ${SAVEPOINT}`.execute(trx);
					} catch (error) {
						await sql`rollback to savepoint ${SAVEPOINT}`.execute(trx);
						await sql`release savepoint ${SAVEPOINT}`.execute(trx);
						outcomes.push({ member, ok: false, value: error, ...(isConcurrencyConflict(error) ? { again: true as const } : {}) });
					}
				}
			});
		} catch {
			// The shared transaction failed as a whole: nothing of it is stored. Those that had
			// failed on their own keep their error; every other member is tried again alone.
			const failed = new Set(outcomes.filter((o) => !o.ok && !o.again).map((o) => o.member));
			for (const outcome of outcomes) if (!outcome.ok && !outcome.again) outcome.member.reject(outcome.value);
			await Promise.all(members.filter((member) => !failed.has(member)).map(alone));
			return;
		}
		count(members.length);
		for (const { member, ok, value, again } of outcomes) if (!again) (ok ? member.resolve : member.reject)(value);
		await Promise.all(outcomes.filter((outcome) => outcome.again).map((outcome) => alone(outcome.member)));
	}

	function flush(): void {
		timer = undefined;
		while (running < inFlight && queue.length > 0) {
			const members = queue.splice(0, maxMembers);
			running += 1;
			void commit(members).finally(() => {
				running -= 1;
				// Whatever queued meanwhile has waited long enough: it goes at once.
				if (queue.length > 0 && timer === undefined) flush();
			});
		}
	}

	return {
		run<T>(work: Work<T>): Promise<T> {
			return new Promise<T>((resolve, reject) => {
				queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
				if (queue.length >= maxMembers) {
					if (timer !== undefined) clearTimeout(timer);
					flush();
				} else if (timer === undefined && running < inFlight) timer = setTimeout(flush, windowMs);
			});
		},
		stats: () => ({ ...counted })
	};
}
