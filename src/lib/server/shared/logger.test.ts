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

	it('fields that carry secrets or addresses are redacted', () => {
		const line = logged((logger) => logger.info({ event: 'e', email: 'a@b.nl', user: { password: 'geheim' } }, 'm'));
		expect(line).not.toMatch(/a@b\.nl|geheim/);
	});
});
