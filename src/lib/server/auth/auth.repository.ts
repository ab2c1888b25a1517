import type { DatabaseHandle } from '../db/database.ts';

/** A password reset token as better-auth stored it. */
export interface ResetVerification {
	/** When the token stops working, in milliseconds since the epoch. */
	expiresAt: number;
	/** The account the token resets; better-auth keeps the user id as the row's value. */
	userId: string | undefined;
}

/**
 * better-auth's own tables, read through its connection (`authDb`: no plugins, snake_case
 * names). better-auth writes them; we read what its API does not give us, and end reset tokens it would keep.
 */
export function createAuthRepository(authDb: DatabaseHandle['authDb']) {
	return {
		/** The verification row of a password reset token; undefined when there is none (used, replaced or made up). */
		async findResetVerification(token: string): Promise<ResetVerification | undefined> {
			const row = await authDb
				.selectFrom('verifications')
				.select(['expires_at', 'value'])
				.where('identifier', '=', `reset-password:${token}`)
				.executeTakeFirst();
			if (!row) return undefined;
			return {
				expiresAt: new Date(row.expires_at as string | Date).getTime(),
				userId: typeof row.value === 'string' ? row.value : undefined
			};
		},

		/** The ids of the account's sessions now. */
		async listSessionIds(userId: string): Promise<string[]> {
			const rows = await authDb.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
			return rows.map((row) => String(row.id));
		},

		/** Ends these sessions of the account (a list of ids read before). */
		async deleteSessions(userId: string, ids: readonly string[]): Promise<void> {
			if (ids.length === 0) return;
			await authDb.deleteFrom('sessions').where('user_id', '=', userId).where('id', 'in', ids).execute();
		},

		/**
		 * Ends every session of the account but `keepId` (the one in use), in one statement: a session
		 * made meanwhile by someone with the old password is among them. How many ended.
		 */
		async deleteOtherSessions(userId: string, keepId: string): Promise<number> {
			const result = await authDb.deleteFrom('sessions').where('user_id', '=', userId).where('id', '<>', keepId).executeTakeFirst();
			return Number(result.numDeletedRows);
		},

		/** Ends one of the account's sessions, by its id, never `keepId`; whether there was one to end. */
		async deleteOwnSession(userId: string, sessionId: string, keepId: string): Promise<boolean> {
			if (sessionId === keepId) return false;
			const result = await authDb.deleteFrom('sessions').where('user_id', '=', userId).where('id', '=', sessionId).executeTakeFirst();
			return Number(result.numDeletedRows) > 0;
		},

		/** The account's password as stored (its hash), or null when it has none (a provider's account only). */
		async passwordHash(userId: string): Promise<string | null> {
			const row = await authDb
				.selectFrom('accounts')
				.select('password')
				.where('user_id', '=', userId)
				.where('provider_id', '=', 'credential')
				.executeTakeFirst();
			return typeof row?.password === 'string' ? row.password : null;
		},

		/** Ends one session, by its token (a sign-in that turned out not to count). */
		async deleteSession(token: string): Promise<void> {
			await authDb.deleteFrom('sessions').where('token', '=', token).execute();
		},

		/**
		 * Ends every way in that the account's password gave before it changed: its password reset
		 * links, and sign-ins that passed the password and wait for their two-factor code (better-auth
		 * keeps such a challenge as `2fa-<random>` with the account as its value, and the count of its
		 * wrong codes as `2fa-attempts-<that identifier>`). Trusted devices stay: they skip the code,
		 * never the password. How many links and pending sign-ins ended.
		 */
		async endPasswordGrants(userId: string): Promise<number> {
			const rows = await authDb
				.selectFrom('verifications')
				.select('identifier')
				.where('value', '=', userId)
				.where((eb) => eb.or([eb('identifier', 'like', 'reset-password:%'), eb('identifier', 'like', '2fa-%')]))
				.execute();
			const granted = rows.map((row) => String(row.identifier)).filter((id) => !id.startsWith('2fa-attempts-'));
			if (granted.length === 0) return 0;
			const attempts = granted.filter((id) => id.startsWith('2fa-')).map((id) => `2fa-attempts-${id}`);
			await authDb
				.deleteFrom('verifications')
				.where('identifier', 'in', [...granted, ...attempts])
				.execute();
			return granted.length;
		},

		/** Ends every password reset token of the account except `keepToken`, the one just made. */
		async deleteOtherResetTokens(userId: string, keepToken: string): Promise<void> {
			await authDb
				.deleteFrom('verifications')
				.where('identifier', 'like', 'reset-password:%')
				.where('value', '=', userId)
				.where('identifier', '<>', `reset-password:${keepToken}`)
				.execute();
		}
	};
}
