import { describe, expect, it } from 'vitest';
import { isPublicAddress } from './outbound-guard.ts';

describe('which addresses the server may reach for an organisation (decision 018)', () => {
	it.each([
		'127.0.0.1',
		'127.8.8.8',
		'0.0.0.0',
		'10.1.2.3',
		'172.16.0.1',
		'192.168.1.1',
		'169.254.169.254',
		'100.64.0.1',
		'224.0.0.1',
		'255.255.255.255',
		'::1',
		'[::1]',
		'::',
		'fe80::1',
		'fd00::1',
		'::ffff:127.0.0.1',
		'::ffff:10.0.0.1',
		'64:ff9b::a00:1',
		'not an address'
	])('%s is not public: refused', (address) => {
		expect(isPublicAddress(address)).toBe(false);
	});

	it.each(['93.184.215.14', '8.8.8.8', '2a00:1450:4001:82a::200e', '[2606:4700::6810:84e5]', '::ffff:93.184.215.14'])(
		'%s is public: allowed',
		(address) => {
			expect(isPublicAddress(address)).toBe(true);
		}
	);
});
