import { describe, expect, it } from 'vitest';
import { addressBucketKey } from './rate-limit.ts';

describe('per-address buckets', () => {
	it('count an IPv6 client per /64, however it writes its address, so a guesser cannot take a fresh bucket with each of its addresses', () => {
		const key = addressBucketKey('join-ip', '2001:db8:1:2:aaaa::1');
		expect(key).toBe('join-ip:2001:db8:1:2::/64');
		expect(addressBucketKey('join-ip', '2001:0DB8:0001:0002:bbbb:cccc:dddd:eeee')).toBe(key);
		expect(addressBucketKey('join-ip', '2001:db8:1:2::ffff:1.2.3.4')).toBe(key);
		expect(addressBucketKey('join-ip', 'fe80::1%eth0')).toBe('join-ip:fe80:0:0:0::/64');
		expect(addressBucketKey('join-ip', '2001:db8::1')).toBe('join-ip:2001:db8:0:0::/64');
		expect(addressBucketKey('join-ip', '2001:db8:1:3::1')).not.toBe(key);
		expect(addressBucketKey('join-ip', '1::')).toBe('join-ip:1:0:0:0::/64');
		expect(addressBucketKey('join-ip', '::1')).toBe('join-ip:0.0.0.1');
	});

	it('count an IPv4 client per address, also when written as IPv6, and keep anything else as it is', () => {
		expect(addressBucketKey('signin-ip', '10.1.2.3')).toBe('signin-ip:10.1.2.3');
		expect(addressBucketKey('signin-ip', '::ffff:10.1.2.3')).toBe('signin-ip:10.1.2.3');
		for (const spelling of ['0:0:0:0:0:ffff:a01:203', '::FFFF:0a01:0203', '0:0:0:0:0:FFFF:10.1.2.3', '::10.1.2.3']) {
			expect(addressBucketKey('signin-ip', spelling), spelling).toBe('signin-ip:10.1.2.3');
		}
		expect(addressBucketKey('signin-ip', '::ffff:10.1.2.4')).not.toBe(addressBucketKey('signin-ip', '::ffff:10.1.2.3'));
		expect(addressBucketKey('signin-ip', '10.1.2.4')).not.toBe(addressBucketKey('signin-ip', '10.1.2.3'));
		expect(addressBucketKey('signin-ip', 'reset-way-through')).toBe('signin-ip:reset-way-through');
	});
});
