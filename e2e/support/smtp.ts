import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
	/** smtp://127.0.0.1:<port>, for the app's SMTP_URL. */
	url: string;
	stop(): Promise<void>;
}

/**
 * A real SMTP server on loopback for the e2e run: the app sends its mails to it over SMTP, as
 * it would to an organisation's mail server, and every message it accepts is written to `dir`
 * as an .eml file, where the tests read them (support/mail.ts).
 */
export async function startSmtpSink(dir: string): Promise<SmtpSink> {
	fs.mkdirSync(dir, { recursive: true });
	let received = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, _session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				received += 1;
				const file = path.join(dir, `${Date.now()}-${String(received).padStart(5, '0')}.eml`);
				fs.writeFile(file, Buffer.concat(chunks), (error) => callback(error ?? null));
			});
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const address = server.server.address();
	if (!address || typeof address === 'string') throw new Error('[e2e] the SMTP sink has no port');
	return {
		url: `smtp://127.0.0.1:${address.port}`,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
