import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { hashPassword as hashWithFullCost, verifyPassword as verifyWithFullCost } from 'better-auth/crypto';

/**
 * Every password and handover PIN is hashed here: better-auth's scrypt (N=16384, r=16), slow on
 * purpose. Only the integration tests, which sign in thousands of times, may hash at a low cost:
 * when Vite built this code for the test mode (import.meta.env.MODE, fixed at build time, so
 * `vite build` leaves "production") AND Vitest runs it AND NODE_ENV is not production. Such
 * hashes carry TEST_HASH_PREFIX, and outside those tests they never verify, so a test hash that
 * ended up in a real database could not be used to sign in. See docs/decisions/015-test-suite-speed.md.
 */
export const TEST_HASH_PREFIX = 'test-scrypt-n16:';

export interface HashingEnvironment {
	/** Vite's mode the code was built for (import.meta.env.MODE); undefined under plain Node. */
	mode: string | undefined;
	/** process.env.VITEST, which Vitest sets in its workers. */
	vitest: string | undefined;
	nodeEnv: string | undefined;
}

export function lowCostHashingAllowed(environment: HashingEnvironment): boolean {
	return environment.mode === 'test' && environment.vitest === 'true' && environment.nodeEnv !== 'production';
}

function currentEnvironment(): HashingEnvironment {
	return { mode: import.meta.env?.MODE, vitest: process.env.VITEST, nodeEnv: process.env.NODE_ENV };
}

function lowCostKey(password: string, salt: string): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		scrypt(password.normalize('NFKC'), salt, 64, { N: 16, r: 1, p: 1 }, (error, key) => (error ? reject(error) : resolve(key)));
	});
}

export async function hashPassword(password: string, environment = currentEnvironment()): Promise<string> {
	if (!lowCostHashingAllowed(environment)) return hashWithFullCost(password);
	const salt = randomBytes(16).toString('hex');
	return `${TEST_HASH_PREFIX}${salt}:${(await lowCostKey(password, salt)).toString('hex')}`;
}

export async function verifyPassword(input: { hash: string; password: string }, environment = currentEnvironment()): Promise<boolean> {
	if (!input.hash.startsWith(TEST_HASH_PREFIX)) return verifyWithFullCost(input);
	if (!lowCostHashingAllowed(environment)) return false;
	const [salt, key] = input.hash.slice(TEST_HASH_PREFIX.length).split(':');
	if (!salt || !key) return false;
	const expected = Buffer.from(key, 'hex');
	const actual = await lowCostKey(input.password, salt);
	return expected.length === actual.length && timingSafeEqual(expected, actual);
}
