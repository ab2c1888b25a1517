import { hashPassword } from '../auth/password.ts';
import { requireAccess, requireAccessToWrite } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { effectiveMinGroupSize } from '../insights/insights.policy.ts';
import { holdPublishedQuartersTo } from '../insights/insights.summaries.ts';
import { recordAudit } from '../shared/audit.ts';
import { addDays } from '../shared/clock.ts';
import { domainError } from '../shared/errors.ts';
import { hashToken, newId, newSecretToken } from '../shared/tokens.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { createOrganisationsRepository, type Organisation } from './organisations.repository.ts';
import type { SettingsInput, SetupInput } from './organisations.schemas.ts';

const SETUP_LINK_DAYS = 7;
export const DEFAULT_MIN_GROUP_SIZE = 5;
export const DEFAULT_RETENTION_DAYS = 365;

/**
 * First run: while no organisation exists, every start prints a fresh one-time setup link.
 * Returns the link (for tests), or undefined when setup is done.
 */
export async function announceSetupLinkIfNeeded({ ctx }: { ctx: AppContext }): Promise<string | undefined> {
	const repo = createOrganisationsRepository(ctx.db);
	if ((await repo.isSetupDone()) || (await repo.countOrganisations()) > 0) return undefined;
	const token = newSecretToken();
	await repo.storeSetupToken(hashToken(token), addDays(ctx.clock.now(), SETUP_LINK_DAYS).toISOString());
	const link = `${ctx.publicOrigin}/setup/${token}`;
	ctx.logger.warn({ event: 'setup.link', setupLink: link }, `No organisation yet. Open this one-time link to set up Tweespraak: ${link}`);
	return link;
}

/** Whether a setup link can still be used; throws the reason when it cannot. */
export async function checkSetupLink({ ctx, token }: { ctx: AppContext; token: string }): Promise<void> {
	const repo = createOrganisationsRepository(ctx.db);
	if ((await repo.isSetupDone()) || (await repo.countOrganisations()) > 0) throw domainError('setup.already_done');
	if (!(await repo.isSetupTokenValid(hashToken(token), ctx.clock.now().toISOString()))) throw domainError('setup.invalid_link');
}

export async function completeSetup({ ctx, actor, token, input }: { ctx: AppContext; actor: Actor; token: string; input: SetupInput }) {
	await checkSetupLink({ ctx, token });
	const staff = createStaffRepository(ctx.db);
	if (await staff.findUserIdByEmail(input.adminEmail)) throw domainError('invitation.account_exists');
	const passwordHash = await hashPassword(input.password);
	const now = ctx.clock.now().toISOString();
	const organisationId = newId();
	const userId = newId();
	await ctx.db.transaction().execute(async (trx) => {
		const repo = createOrganisationsRepository(trx);
		if (!(await repo.consumeSetupToken(hashToken(token), now))) throw domainError('setup.invalid_link');
		await repo.markSetupDone(now);
		await repo.insertOrganisation({
			id: organisationId,
			name: input.organisationName,
			clientTerm: input.clientTerm,
			defaultLocale: input.defaultLocale,
			minGroupSize: DEFAULT_MIN_GROUP_SIZE,
			retentionDays: DEFAULT_RETENTION_DAYS,
			requireTwoFactor: false,
			now
		});
		const staffRepo = createStaffRepository(trx);
		await staffRepo.insertUserWithPassword({
			id: userId,
			name: input.adminName,
			email: input.adminEmail,
			locale: input.defaultLocale,
			passwordHash,
			now
		});
		await staffRepo.insertMembership({ organisationId, userId, roles: ['admin'], now });
		await recordAudit(trx, ctx.clock, {
			actor,
			organisationId,
			action: 'organisation.created',
			target: { type: 'organisation', id: organisationId },
			details: { adminUserId: userId }
		});
	});
	ctx.logger.info({ event: 'setup.completed', organisationId }, 'organisation set up');
	return { organisationId, userId };
}

export async function getOrganisation({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<Organisation> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'organisation.view' });
	const organisation = await createOrganisationsRepository(ctx.db).findById(staff.organisationId);
	if (!organisation) throw domainError('not_found');
	return organisation;
}

/** Settings are for admins only, even though every member can see the organisation's name. */
export async function getOrganisationSettings({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<Organisation> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'organisation.settings.update' });
	const organisation = await createOrganisationsRepository(ctx.db).findById(staff.organisationId);
	if (!organisation) throw domainError('not_found');
	return organisation;
}

export async function updateOrganisationSettings({ ctx, actor, input }: { ctx: AppContext; actor: Actor; input: SettingsInput }) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'organisation.settings.update' });
	const now = ctx.clock.now().toISOString();
	await write(async (trx) => {
		await createOrganisationsRepository(trx).updateSettings(staff.organisationId, input, now);
		// A stricter minimum also narrows the quarters already published; a looser one never widens them.
		await holdPublishedQuartersTo(trx, staff.organisationId, effectiveMinGroupSize(input.minGroupSize));
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'organisation.settings_updated',
			target: { type: 'organisation', id: staff.organisationId },
			details: {
				planTerm: input.planTerm,
				minGroupSize: input.minGroupSize,
				retentionDays: input.retentionDays,
				requireTwoFactor: input.requireTwoFactor,
				erasureConfirmation: input.erasureConfirmation,
				...(input.clientLocales ? { clientLocales: input.clientLocales.join(',') } : {})
			}
		});
	});
}

/**
 * For the operator's command line: one more organisation on this installation (a hosting
 * party serving several). Only the system actor may do this; its first admin is invited.
 */
export async function createOrganisation({
	ctx,
	actor,
	input
}: {
	ctx: AppContext;
	actor: Actor;
	input: Pick<SettingsInput, 'name' | 'clientTerm' | 'defaultLocale'>;
}) {
	if (actor.type !== 'system') throw domainError('not_found');
	const organisationId = newId();
	const now = ctx.clock.now().toISOString();
	await ctx.db.transaction().execute(async (trx) => {
		await createOrganisationsRepository(trx).insertOrganisation({
			id: organisationId,
			...input,
			minGroupSize: DEFAULT_MIN_GROUP_SIZE,
			retentionDays: DEFAULT_RETENTION_DAYS,
			requireTwoFactor: false,
			now
		});
		await recordAudit(trx, ctx.clock, {
			actor,
			organisationId,
			action: 'organisation.created',
			target: { type: 'organisation', id: organisationId }
		});
	});
	return { organisationId };
}
