import fs from 'node:fs/promises';
import path from 'node:path';
import { mailFailures } from './metrics.ts';
import type { Transporter } from 'nodemailer';
import { directionOf } from '#lib/locales.ts';
import { lazy } from './lazy.ts';
import type { Logger } from './logger.ts';

/** nodemailer loads with the first mail (decision 023). */
const nodemailer = lazy(async () => (await import('nodemailer')).default);

export interface MailMessage {
	to: string;
	subject: string;
	text: string;
	html: string;
	/**
	 * Ids of the records the mail is about (a participant, a collaboration). Never sent: the outbox
	 * writes them into its file, so an erasure finds the mail by id even after the name, label or
	 * address it was sent with has changed (retention.usecases.ts).
	 */
	about?: readonly string[];
}

/** The outbox file's header that carries `MailMessage.about`. */
export const ABOUT_HEADER = 'X-Tweespraak-About';

export interface Mailer {
	send(message: MailMessage): Promise<void>;
}

export interface MailerOptions {
	smtpUrl: string | undefined;
	from: string;
	outboxDir: string;
	logger: Logger;
}

/**
 * Sends over SMTP when SMTP_URL is set. Otherwise each mail is written as an .eml file to
 * DATA_DIR/outbox, so a single-machine install works and an admin can open the mail.
 */
export function createMailer(options: MailerOptions): Mailer {
	const mailer = createTransportMailer(options);
	return {
		async send(message) {
			try {
				await mailer.send(message);
			} catch (caught) {
				mailFailures.inc();
				throw caught;
			}
		}
	};
}

function createTransportMailer(options: MailerOptions): Mailer {
	if (options.smtpUrl) {
		const transport = lazy(async (): Promise<Transporter> => (await nodemailer()).createTransport(options.smtpUrl));
		return {
			async send({ about: _about, ...message }) {
				await (await transport()).sendMail({ from: options.from, ...message });
				options.logger.info({ event: 'mail.sent' }, 'mail sent over SMTP');
			}
		};
	}
	const transport = lazy(async () => (await nodemailer()).createTransport({ streamTransport: true, buffer: true, newline: 'unix' }));
	return {
		async send({ about, ...message }) {
			const headers = about && about.length > 0 ? { [ABOUT_HEADER]: about.join(' ') } : undefined;
			const info = await (await transport()).sendMail({ from: options.from, ...message, headers });
			await fs.mkdir(options.outboxDir, { recursive: true });
			const file = path.join(
				options.outboxDir,
				`${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^a-zA-Z0-9]/g, '').slice(0, 16)}.eml`
			);
			await fs.writeFile(file, info.message as Buffer, { mode: 0o600 });
			options.logger.info({ event: 'mail.written', file }, 'no SMTP_URL set: mail written to the outbox');
		}
	};
}

/** Escapes text for the HTML part of a mail: what people type is shown as text, never markup. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A block of text in another language than the mail around it (e.g. an outcome in Dutch inside an Arabic mail). */
export interface MailBlock {
	lang: string;
	paragraphs: string[];
}

/**
 * A minimal, accessible HTML mail: one paragraph per text block, one link button, and optional
 * blocks after it. `lang` and `dir` follow the language (right to left for Arabic). Every text is
 * escaped: what people type, and an organisation's own wording of a standard text, is shown as
 * text, never as markup.
 */
export function renderMailHtml(
	lang: string,
	paragraphs: string[],
	link?: { href: string; label: string },
	after: string[] | MailBlock = []
): string {
	const blocks = (texts: string[]) => texts.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
	const button = link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : '';
	const tail = Array.isArray(after)
		? blocks(after)
		: `<div lang="${escapeHtml(after.lang)}" dir="${directionOf(after.lang)}">${blocks(after.paragraphs)}</div>`;
	return `<!doctype html><html lang="${escapeHtml(lang)}" dir="${directionOf(lang)}"><head><meta charset="utf-8"></head><body style="font-family:sans-serif;line-height:1.5">${blocks(paragraphs)}${button}${tail}</body></html>`;
}
