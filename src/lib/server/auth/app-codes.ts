// Two-factor app codes, shared by the sign-in's code step (auth.usecases.ts) and the set-up
// (auth.two-factor.usecases.ts): their form, how often a wrong one may be tried, and that each
// signs in once.
import type { AppContext } from '../context.ts';
import { consumeRateLimit, type RateLimitRule } from '../shared/rate-limit.ts';

const MINUTE = 60_000;

/** Two-factor codes and their set-up: failures only. */
export const CODE_ATTEMPTS: RateLimitRule = { limit: 10, windowMs: 15 * MINUTE };

export const TOTP_CODE = /^\d{6}$/;
/**
 * An app code is accepted for up to 90 seconds (its 30 s step and one on either side), and
 * better-auth accepts it as often as it is typed. RFC 6238 (5.2): a code that signed in once must
 * not sign in again, or someone with the password who saw it typed is in too. Kept longer than
 * the code lives; per account, so one person's code says nothing about another's.
 */
const APP_CODE_USED: RateLimitRule = { limit: 1, windowMs: 3 * MINUTE };

/** Whether this sign-in is the first to use this app code for this account (atomic: two at once, one wins). */
export async function claimAppCode(ctx: AppContext, userId: string, code: string): Promise<boolean> {
	return (await consumeRateLimit(ctx.db, ctx.clock, `totp-used:${userId}:${code}`, APP_CODE_USED)).allowed;
}
