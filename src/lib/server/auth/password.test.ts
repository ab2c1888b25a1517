import { verifyPassword as betterAuthVerify } from 'better-auth/crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, lowCostHashingAllowed, TEST_HASH_PREFIX, verifyPassword, type HashingEnvironment } from './password.ts';

const TESTS: HashingEnvironment = { mode: 'test', vitest: 'true', nodeEnv: 'test' };
const BUILT_SERVER: HashingEnvironment = { mode: 'production', vitest: undefined, nodeEnv: 'production' };
const PLAIN_NODE: HashingEnvironment = { mode: undefined, vitest: undefined, nodeEnv: undefined };

describe('password hashing cost', () => {
	it('is low only in code built for the test mode, run by Vitest, with NODE_ENV not production', () => {
		expect(lowCostHashingAllowed(TESTS)).toBe(true);
		expect(lowCostHashingAllowed(BUILT_SERVER)).toBe(false);
		expect(lowCostHashingAllowed(PLAIN_NODE)).toBe(false);
		expect(lowCostHashingAllowed({ ...TESTS, mode: 'production' }), 'a production build under Vitest').toBe(false);
		expect(lowCostHashingAllowed({ ...TESTS, mode: 'development' }), 'vite dev').toBe(false);
		expect(lowCostHashingAllowed({ ...TESTS, vitest: undefined }), 'test-mode code outside Vitest').toBe(false);
		expect(lowCostHashingAllowed({ ...TESTS, nodeEnv: 'production' }), 'NODE_ENV=production').toBe(false);
	});

	it('outside the tests a password gets better-auth’s full-cost scrypt hash, which better-auth itself verifies', async () => {
		const hash = await hashPassword('een lange zin als wachtwoord', BUILT_SERVER);
		expect(hash.startsWith(TEST_HASH_PREFIX)).toBe(false);
		expect(await betterAuthVerify({ hash, password: 'een lange zin als wachtwoord' })).toBe(true);
		expect(await verifyPassword({ hash, password: 'een lange zin als wachtwoord' }, BUILT_SERVER)).toBe(true);
		expect(await verifyPassword({ hash, password: 'een andere zin als wachtwoord' }, BUILT_SERVER)).toBe(false);
	}, 30_000); // four full-cost hashes: slow on purpose

	it('a low-cost test hash never lets anyone in outside the tests, not even with the right password', async () => {
		const hash = await hashPassword('een lange zin als wachtwoord', TESTS);
		expect(hash.startsWith(TEST_HASH_PREFIX)).toBe(true);
		expect(await verifyPassword({ hash, password: 'een lange zin als wachtwoord' }, TESTS)).toBe(true);
		expect(await verifyPassword({ hash, password: 'een andere zin als wachtwoord' }, TESTS)).toBe(false);
		for (const environment of [BUILT_SERVER, PLAIN_NODE, { ...TESTS, nodeEnv: 'production' }]) {
			expect(await verifyPassword({ hash, password: 'een lange zin als wachtwoord' }, environment)).toBe(false);
		}
		expect(await betterAuthVerify({ hash, password: 'een lange zin als wachtwoord' })).toBe(false);
	}, 30_000);

	it('the unit and integration tests themselves run with the low cost (else they take minutes longer)', async () => {
		expect((await hashPassword('een lange zin als wachtwoord')).startsWith(TEST_HASH_PREFIX)).toBe(true);
	});
});
