import * as m from '#lib/paraglide/messages.js';
import type { AppContext } from '../context.ts';
import { renderMailHtml } from '../shared/mail.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { createAuthRepository } from './auth.repository.ts';

/** Called by better-auth with a fresh reset token; the mail goes out in the user's language. */
export async function sendPasswordResetMail(ctx: AppContext, input: { userId: string; email: string; token: string }): Promise<void> {
	// Only the newest link works: a mailbox read later, or by someone else, holds no older way in.
	await createAuthRepository(ctx.database.authDb).deleteOtherResetTokens(input.userId, input.token);
	const user = await createStaffRepository(ctx.db).findUserForMail(input.userId);
	const locale = user?.locale ?? 'nl';
	const link = `${ctx.publicOrigin}/reset-password/${encodeURIComponent(input.token)}`;
	const paragraphs = [m.mail_reset_intro({}, { locale }), m.mail_reset_expiry({}, { locale })];
	const action = m.mail_reset_action({}, { locale });
	await ctx.mailer.send({
		to: input.email,
		subject: m.mail_reset_subject({}, { locale }),
		text: `${paragraphs[0]}\n\n${action}: ${link}\n\n${paragraphs[1]}\n`,
		html: renderMailHtml(locale, paragraphs, { href: link, label: action })
	});
	ctx.logger.info({ event: 'auth.reset_mail_sent', userId: input.userId }, 'password reset mail sent');
}

/**
 * After a password change on the account page: says so, and what to do if it was not them. No
 * link that signs anyone in; the way back is "forgot password", which ends every session.
 */
export async function sendPasswordChangedMail(ctx: AppContext, input: { userId: string; email: string }): Promise<void> {
	const user = await createStaffRepository(ctx.db).findUserForMail(input.userId);
	const locale = user?.locale ?? 'nl';
	const link = `${ctx.publicOrigin}/forgot-password`;
	const paragraphs = [m.mail_password_changed_intro({}, { locale }), m.mail_password_changed_not_you({}, { locale })];
	const action = m.mail_password_changed_action({}, { locale });
	await ctx.mailer.send({
		to: input.email,
		subject: m.mail_password_changed_subject({}, { locale }),
		text: `${paragraphs[0]}\n\n${paragraphs[1]}\n\n${action}: ${link}\n`,
		html: renderMailHtml(locale, paragraphs, { href: link, label: action })
	});
	ctx.logger.info({ event: 'auth.password_changed_mail_sent', userId: input.userId }, 'password changed mail sent');
}
