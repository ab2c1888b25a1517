import * as m from '#lib/paraglide/messages.js';
import type { AppContext } from '../context.ts';
import type { ClientLocale, TrajectoryReminderKind } from '../db/schema.ts';
import { inOrganisationWording } from '../wording/wording.usecases.ts';
import { formatCalendarDate } from '#lib/i18n.ts';
import { renderMailHtml, type MailMessage } from '../shared/mail.ts';

/** Where a participant goes: their trajectory page (signing in first if needed). */
export function trajectoryLink(origin: string, trajectoryId: string): string {
	return `${origin}/trajectories/${trajectoryId}/me`;
}

/**
 * "You take part in <trajectory>": with a link to create an account (someone new), or to the
 * trajectory page (someone who already has an account). In the invitee's language (someone new:
 * the coordinator's choice among the organisation's client languages) with the organisation's own
 * wording (docs/decisions/021).
 */
export async function sendTrajectoryInvitationMail(
	ctx: AppContext,
	input: {
		organisationId: string;
		to: string;
		locale: ClientLocale;
		trajectoryName: string;
		trajectoryId: string;
		accountLink: string | null;
	}
): Promise<void> {
	await ctx.mailer.send(
		await inOrganisationWording(ctx, input.organisationId, () => renderTrajectoryInvitationMail(ctx.publicOrigin, input))
	);
}

function renderTrajectoryInvitationMail(
	origin: string,
	input: { to: string; locale: ClientLocale; trajectoryName: string; trajectoryId: string; accountLink: string | null }
): MailMessage {
	const { locale } = input;
	const href = input.accountLink ?? trajectoryLink(origin, input.trajectoryId);
	const paragraphs = [
		m.trajectory_mail_invitation_intro({ trajectory: input.trajectoryName }, { locale }),
		input.accountLink ? m.trajectory_mail_invitation_account({ days: 7 }, { locale }) : m.trajectory_mail_invitation_sign_in({}, { locale })
	];
	const action = input.accountLink ? m.mail_invitation_action({}, { locale }) : m.trajectory_mail_open({}, { locale });
	return {
		to: input.to,
		subject: m.trajectory_mail_invitation_subject({ trajectory: input.trajectoryName }, { locale }),
		text: `${paragraphs.join('\n\n')}\n\n${action}: ${href}\n`,
		html: renderMailHtml(locale, paragraphs, { href, label: action })
	};
}

export interface ReminderMailInput {
	to: string;
	locale: ClientLocale;
	kind: TrajectoryReminderKind;
	trajectoryName: string;
	trajectoryId: string;
	momentLabel: string;
	closesOn: string;
}

/** A reminder for a moment not yet filled in: it has opened, or it closes soon. Pure: the caller sends it. */
export function renderTrajectoryReminderMail(origin: string, input: ReminderMailInput): MailMessage {
	const { locale } = input;
	const values = { trajectory: input.trajectoryName, moment: input.momentLabel, date: formatCalendarDate(input.closesOn, locale) };
	const subject =
		input.kind === 'opened'
			? m.trajectory_mail_reminder_opened_subject(values, { locale })
			: m.trajectory_mail_reminder_closing_subject(values, { locale });
	const paragraphs = [
		input.kind === 'opened'
			? m.trajectory_mail_reminder_opened_intro(values, { locale })
			: m.trajectory_mail_reminder_closing_intro(values, { locale }),
		m.trajectory_mail_reminder_close_date(values, { locale })
	];
	const href = trajectoryLink(origin, input.trajectoryId);
	const action = m.trajectory_mail_open({}, { locale });
	return {
		to: input.to,
		subject,
		text: `${paragraphs.join('\n\n')}\n\n${action}: ${href}\n`,
		html: renderMailHtml(locale, paragraphs, { href, label: action })
	};
}
