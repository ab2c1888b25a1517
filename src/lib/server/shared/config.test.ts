import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parse, parseConfig, type VariableName } from './config.ts';

interface Case {
	defaultValue: unknown;
	valid: [input: string, parsed: unknown][];
	invalid: string[];
}

const CASES: Record<VariableName, Case> = {
	PORT: {
		defaultValue: 3000,
		valid: [
			['8080', 8080],
			[' 1 ', 1],
			['65535', 65535]
		],
		invalid: ['0', '65536', '3.5', '-1', 'http', '1e3']
	},
	DATA_DIR: {
		defaultValue: path.resolve('data'),
		valid: [
			['/var/lib/tweespraak', '/var/lib/tweespraak'],
			['store', path.resolve('store')]
		],
		invalid: []
	},
	DATABASE_URL: {
		defaultValue: undefined,
		valid: [
			['postgres://u:p@db:5432/tweespraak', 'postgres://u:p@db:5432/tweespraak'],
			['postgresql://db/tweespraak', 'postgresql://db/tweespraak']
		],
		invalid: ['mysql://db/x', 'db:5432', 'postgres//db/x']
	},
	ORIGIN: {
		defaultValue: undefined,
		valid: [
			['https://tweespraak.example.nl', 'https://tweespraak.example.nl'],
			['https://tweespraak.example.nl/', 'https://tweespraak.example.nl'],
			['http://localhost:3000', 'http://localhost:3000']
		],
		invalid: ['tweespraak.example.nl', 'https://example.nl/app', 'ftp://example.nl']
	},
	SMTP_URL: {
		defaultValue: undefined,
		valid: [
			['smtp://mail:25', 'smtp://mail:25'],
			['smtps://u:p@mail:465', 'smtps://u:p@mail:465']
		],
		invalid: ['mail:25', 'http://mail']
	},
	MAIL_FROM: {
		defaultValue: 'Tweespraak <noreply@tweespraak.invalid>',
		valid: [['Zorg <zorg@example.nl>', 'Zorg <zorg@example.nl>']],
		invalid: ['Tweespraak']
	},
	LOG_LEVEL: {
		defaultValue: 'info',
		valid: [
			['debug', 'debug'],
			['WARN', 'warn'],
			['silent', 'silent']
		],
		invalid: ['verbose']
	},
	AUTH_SECRET: { defaultValue: undefined, valid: [['x'.repeat(32), 'x'.repeat(32)]], invalid: ['x'.repeat(31)] },
	JOBS_POLL_INTERVAL_MS: {
		defaultValue: 5000,
		valid: [
			['100', 100],
			['60000', 60000]
		],
		invalid: ['99', '600001', '1.5', '-1', 'fast']
	},
	JOBS_LEASE_SECONDS: {
		defaultValue: 60,
		valid: [
			['5', 5],
			['3600', 3600]
		],
		invalid: ['4', '3601', '10s']
	},
	BACKUP_KEEP: {
		defaultValue: 7,
		valid: [
			['0', 0],
			['365', 365]
		],
		invalid: ['-1', '366', 'many']
	},
	METRICS_TOKEN: {
		defaultValue: undefined,
		valid: [[`  ${'t'.repeat(40)} `, 't'.repeat(40)]],
		invalid: ['short', `${'a'.repeat(20)} ${'b'.repeat(20)}`]
	},
	XFF_DEPTH: {
		defaultValue: 1,
		valid: [
			['1', 1],
			[' 3 ', 3]
		],
		invalid: ['0', '-1', 'abc', '1.5', '101']
	},
	ADDRESS_HEADER: {
		defaultValue: undefined,
		valid: [
			['X-Forwarded-For', 'X-Forwarded-For'],
			[' X-Real-IP ', 'X-Real-IP'],
			['CF-Connecting-IP', 'CF-Connecting-IP']
		],
		invalid: ['X Forwarded For', 'X-Forwarded-For:', 'X-Forwarded-For,X-Real-IP']
	},
	ALLOW_PRIVATE_PROVIDERS: {
		defaultValue: false,
		valid: [
			['true', true],
			[' TRUE ', true],
			['false', false]
		],
		invalid: ['yes', '1']
	}
};

describe('configuration', () => {
	for (const [variable, { defaultValue, valid, invalid }] of Object.entries(CASES) as [VariableName, Case][]) {
		describe(variable, () => {
			it('has a default when unset or blank', () => {
				expect(parse[variable](undefined)).toEqual(defaultValue);
				expect(parse[variable]('   ')).toEqual(defaultValue);
			});

			it.each(valid)('accepts %j', (input, parsed) => {
				expect(parse[variable](input)).toEqual(parsed);
			});

			it.skipIf(invalid.length === 0).each(invalid)('refuses %j with one line naming the variable', (input) => {
				let caught: unknown;
				try {
					parse[variable](input);
				} catch (error) {
					caught = error;
				}
				expect(caught).toBeInstanceOf(ConfigError);
				const error = caught as ConfigError;
				expect(error.variable).toBe(variable);
				expect(error.message.startsWith(`${variable} `)).toBe(true);
				expect(error.message).not.toContain('\n');
			});
		});
	}

	it('an empty environment gives a working configuration with the embedded database', () => {
		expect(parseConfig({})).toEqual({
			port: 3000,
			dataDir: path.resolve('data'),
			databaseUrl: undefined,
			origin: undefined,
			smtpUrl: undefined,
			mailFrom: 'Tweespraak <noreply@tweespraak.invalid>',
			logLevel: 'info',
			authSecret: undefined,
			jobsPollIntervalMs: 5000,
			jobsLeaseMs: 60_000,
			backupKeep: 7,
			metricsToken: undefined,
			allowPrivateProviders: false
		});
	});

	it('a wrong value stops parsing with the error of that variable', () => {
		expect(() => parseConfig({ PORT: '80', LOG_LEVEL: 'loud' })).toThrow(
			new ConfigError('LOG_LEVEL', 'must be one of fatal, error, warn, info, debug, trace, silent, got "loud"')
		);
	});

	it('METRICS_TOKEN switches /metrics on only with a token of at least 32 characters, and is never echoed', () => {
		expect(parse.METRICS_TOKEN(undefined)).toBeUndefined();
		expect(parse.METRICS_TOKEN('  ')).toBeUndefined();
		expect(parse.METRICS_TOKEN('m'.repeat(32))).toBe('m'.repeat(32));
		expect(() => parse.METRICS_TOKEN('too-short-token')).toThrow(/^METRICS_TOKEN must be at least 32 characters/);
		expect(() => parse.METRICS_TOKEN('too-short-token')).not.toThrow(/too-short-token/);
		expect(() => parse.METRICS_TOKEN(`${'a'.repeat(20)} ${'b'.repeat(20)}`)).toThrow(/^METRICS_TOKEN /);
	});

	it('does not echo a rejected AUTH_SECRET or DATABASE_URL, which may hold secrets', () => {
		expect(() => parse.AUTH_SECRET('short-secret')).toThrow(/^AUTH_SECRET /);
		expect(() => parse.AUTH_SECRET('short-secret')).not.toThrow(/short-secret/);
		expect(() => parse.DATABASE_URL('mysql://user:hunter2@db/x')).not.toThrow(/hunter2/);
	});
});
