import { hashPassword } from '../auth/password.ts';
import { requireAccess } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import type { AppContext } from '#lib/server/context.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { beginAttempt, type RateLimitRule } from '#lib/server/shared/rate-limit.ts';
import { createStaffRepository } from '#lib/server/staff/staff.repository.ts';
import { checkPassword } from './handover.usecases.ts';

const SET_PIN_ATTEMPTS: RateLimitRule = { limit: 10, windowMs: 15 * 60_000 };

/** Whether the signed-in professional can take a device back with a PIN instead of their password. */
export async function getHandoverPinStatus({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<{ pinSet: boolean }> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'account.manage' });
	return { pinSet: (await createStaffRepository(ctx.db).findHandoverPinHash(staff.userId)) !== null };
}

/** A PIN is a credential too: setting one asks for the password. Stored as a slow hash, like a password. */
export async function setHandoverPin(input: {
	ctx: AppContext;
	actor: Actor;
	pin: string;
	password: string;
	requestHeaders: Headers;
}): Promise<void> {
	const { ctx } = input;
	const staff = await requireAccess({ db: ctx.db, actor: input.actor, permission: 'account.manage' });
	const attempt = await beginAttempt(ctx, [{ key: `handover-pin-set:${staff.userId}`, rule: SET_PIN_ATTEMPTS, onSuccess: 'clear' }]);
	await checkPassword(ctx, input.password, input.requestHeaders, 'auth.wrong_password');
	await attempt.succeeded();
	const hash = await hashPassword(input.pin);
	await ctx.db.transaction().execute(async (trx) => {
		await createStaffRepository(trx).setHandoverPinHash(staff.userId, hash, ctx.clock.now().toISOString());
		await recordAudit(trx, ctx.clock, { actor: staff, action: 'account.handover_pin_set', target: { type: 'user', id: staff.userId } });
	});
}

export async function clearHandoverPin({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<void> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'account.manage' });
	await ctx.db.transaction().execute(async (trx) => {
		await createStaffRepository(trx).setHandoverPinHash(staff.userId, null, ctx.clock.now().toISOString());
		await recordAudit(trx, ctx.clock, { actor: staff, action: 'account.handover_pin_cleared', target: { type: 'user', id: staff.userId } });
	});
}
