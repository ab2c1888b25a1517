import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function logged(write: (logger: ReturnType<typeof createLogger>) => void): string {
	const lines: string[] = [];
	write(createLogger('info', { write: (line: string) => void lines.push(line) }));
	return lines.join('');
}

describe('logs', () => {
	it('an error from a mail server or database keeps its text, but never the e-mail address in it', () => {
		const line = logged((logger) => {
			logger.warn(
				{
					event: 'link.mail_failed',
					err: { message: "Can't send mail - all recipients were rejected: 550 5.1.1 <ouder.jansen@example.nl>: no such user" }
				},
				'x'
			);
			logger.error(
				{
					event: 'http.error',
					err: { name: 'Error', message: 'refused', stack: 'Error: refused for m.de-vries+test@zorg.example.org\n    at send' }
				},
				'y'
			);
			logger.warn({ event: 'z', err: 'Error: a.b@c.nl' }, 'z');
		});
		expect(line).not.toMatch(/jansen|de-vries|a\.b@/);
		expect(line).toContain('all recipients were rejected: 550 5.1.1 <[email]>: no such user');
		expect(line).toContain('at send');
	});

	it('a real Error keeps its message and stack, without the addresses in them or in its own fields, also through a child logger and in the message', () => {
		const refused = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 <ouder.jansen@example.nl>"), {
			code: 'EENVELOPE',
			response: '550 5.1.1 <ouder.jansen@example.nl>: Recipient address rejected',
			rejected: ['ouder.jansen@example.nl'],
			cause: new Error('for mailto:m.de-vries@zorg.example.org')
		});
		const line = logged((logger) => {
			logger.child({ event: 'child' }).warn({ err: refused }, 'not mailed');
			logger.error(refused);
			logger.warn({ event: 'lib' }, 'better-auth: no user p.pietersen@example.nl');
		});
		expect(line).not.toMatch(/jansen|de-vries|pietersen/);
		expect(line).toContain('all recipients were rejected: 550 <[email]>');
		expect(line).toContain('EENVELOPE');
		expect(line).toContain('better-auth: no user [email]');
		expect(line).toMatch(/"stack":"Error: Can't send mail/);
		expect(line).toContain('"type":"Error"');
	});

	it('values that are not plain objects are written as before', () => {
		const line = logged((logger) => logger.info({ event: 'e', at: new Date('2026-12-06T00:00:00Z'), counts: [1, 2] }, 'm'));
		expect(line).toContain('"at":"2026-12-06T00:00:00.000Z"');
		expect(line).toContain('"counts":[1,2]');
	});

	it('fields that carry secrets or addresses are redacted', () => {
		const line = logged((logger) => logger.info({ event: 'e', email: 'a@b.nl', user: { password: 'geheim' } }, 'm'));
		expect(line).not.toMatch(/a@b\.nl|geheim/);
	});
});
