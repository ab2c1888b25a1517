import { parseSetCookieHeader } from 'better-auth/cookies';
import { hashPassword } from '../auth/password.ts';
import type { AnonymousActor, StaffActor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { createCollaborationsRepository } from '../collaborations/collaborations.repository.ts';
import { createParticipantsRepository } from '../collaborations/participants.repository.ts';
import type { Audience, Locale, PlanTerm, Role, TeamRole } from '../db/schema.ts';
import type { ClientTerm } from '../organisations/organisations.schemas.ts';
import { createOrganisationsRepository } from '../organisations/organisations.repository.ts';
import { DEFAULT_MIN_GROUP_SIZE, DEFAULT_RETENTION_DAYS } from '../organisations/organisations.usecases.ts';
import type { AuditAction } from '#lib/audit-actions.ts';
import { newId } from '../shared/tokens.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { createTeamsRepository } from '../teams/teams.repository.ts';

/**
 * Builders with deterministic defaults (names and addresses numbered in build order). They
 * write through the repositories, because the usecases' one-time setup can run only once per
 * database; the usecases themselves are what the tests exercise.
 */

export const DEFAULT_PASSWORD = 'correct horse battery staple';

/** Hashing with scrypt is slow on purpose; every built account shares one hash. */
let defaultPasswordHash: Promise<string> | undefined;
function getDefaultPasswordHash(): Promise<string> {
	defaultPasswordHash ??= hashPassword(DEFAULT_PASSWORD);
	return defaultPasswordHash;
}

let sequence = 0;
function next(): number {
	sequence += 1;
	return sequence;
}

/** A staff member as a usecase sees them, plus what a test needs to sign in as them. */
export interface BuiltStaff extends StaffActor {
	email: string;
	password: string;
	name: string;
}

export const anonymousActor: AnonymousActor = { type: 'anonymous' };

export interface OrganisationOptions {
	name?: string;
	clientTerm?: ClientTerm;
	planTerm?: PlanTerm;
	defaultLocale?: Locale;
	minGroupSize?: number;
	requireTwoFactor?: boolean;
	admin?: Omit<StaffOptions, 'roles'>;
}

/** An organisation with one active admin; returns that admin. */
export async function buildOrganisation(ctx: AppContext, options: OrganisationOptions = {}): Promise<BuiltStaff> {
	const n = next();
	const organisationId = newId();
	await createOrganisationsRepository(ctx.db).insertOrganisation({
		id: organisationId,
		name: options.name ?? `Organisation ${n}`,
		clientTerm: options.clientTerm ?? 'client',
		planTerm: options.planTerm,
		defaultLocale: options.defaultLocale ?? 'nl',
		minGroupSize: options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE,
		retentionDays: DEFAULT_RETENTION_DAYS,
		requireTwoFactor: options.requireTwoFactor ?? false,
		now: ctx.clock.now().toISOString()
	});
	return buildStaff(ctx, { organisationId }, { ...options.admin, roles: ['admin'] });
}

export interface StaffOptions {
	roles?: Role[];
	name?: string;
	email?: string;
	locale?: Locale;
	status?: 'active' | 'deactivated';
}

/** A staff member of `org` (an organisation id, or any actor of it); professional by default. */
export async function buildStaff(ctx: AppContext, org: { organisationId: string }, options: StaffOptions = {}): Promise<BuiltStaff> {
	const n = next();
	const userId = newId();
	const name = options.name ?? `Staff Member ${n}`;
	const email = options.email ?? `staff-${n}@tweespraak.test`;
	const locale = options.locale ?? 'nl';
	const roles = options.roles ?? ['professional'];
	const now = ctx.clock.now().toISOString();
	const repo = createStaffRepository(ctx.db);
	await repo.insertUserWithPassword({ id: userId, name, email, locale, passwordHash: await getDefaultPasswordHash(), now });
	await repo.insertMembership({ organisationId: org.organisationId, userId, roles, now });
	if (options.status === 'deactivated') await repo.setStatus(org.organisationId, userId, 'deactivated', now);
	return { type: 'staff', userId, organisationId: org.organisationId, roles, locale, email, password: DEFAULT_PASSWORD, name };
}

export interface TeamOptions {
	name?: string;
	members?: { userId: string; role?: TeamRole }[];
}

export async function buildTeam(
	ctx: AppContext,
	org: { organisationId: string },
	options: TeamOptions = {}
): Promise<{ teamId: string; name: string }> {
	const teamId = newId();
	const name = options.name ?? `Team ${next()}`;
	const repo = createTeamsRepository(ctx.db);
	await repo.insertTeam({ id: teamId, organisationId: org.organisationId, name, now: ctx.clock.now().toISOString() });
	for (const member of options.members ?? []) {
		await repo.addMember({ organisationId: org.organisationId, teamId, userId: member.userId, role: member.role ?? 'member' });
	}
	return { teamId, name };
}

export interface CollaborationOptions {
	label?: string;
	/** How many participants (default 1), named "Participant 1", "Participant 2", … */
	participants?: number;
	audience?: Audience;
	rhythmWeeks?: number | null;
	nextDueOn?: string | null;
	status?: 'open' | 'closed';
	/** Co-professionals (user ids of the same organisation). */
	coProfessionals?: { userId: string }[];
}

export interface BuiltCollaboration {
	collaborationId: string;
	label: string;
	participantIds: string[];
}

/** An open collaboration held by `professional`, with participants; every 12 weeks by default. */
export async function buildCollaboration(
	ctx: AppContext,
	professional: { organisationId: string; userId: string },
	options: CollaborationOptions = {}
): Promise<BuiltCollaboration> {
	const n = next();
	const collaborationId = newId();
	const label = options.label ?? `C${n}`;
	const now = ctx.clock.now().toISOString();
	const { organisationId } = professional;
	const repo = createCollaborationsRepository(ctx.db);
	await repo.insertCollaboration({
		id: collaborationId,
		organisationId,
		label,
		rhythmWeeks: options.rhythmWeeks === undefined ? 12 : options.rhythmWeeks,
		nextDueOn: options.nextDueOn ?? null,
		createdBy: professional.userId,
		now
	});
	await repo.addProfessional({ organisationId, collaborationId, userId: professional.userId, role: 'holder', now });
	for (const co of options.coProfessionals ?? []) {
		await repo.addProfessional({ organisationId, collaborationId, userId: co.userId, role: 'co', now });
	}
	const participantIds: string[] = [];
	for (let i = 1; i <= (options.participants ?? 1); i++) {
		const id = newId();
		await createParticipantsRepository(ctx.db).insertParticipant({
			id,
			organisationId,
			collaborationId,
			displayName: `Participant ${i}`,
			audience: options.audience ?? 'adult',
			locale: 'nl',
			email: null,
			now
		});
		participantIds.push(id);
	}
	if (options.status === 'closed') await repo.setStatus(organisationId, collaborationId, 'closed', now);
	return { collaborationId, label, participantIds };
}

/** Signs in through better-auth and returns request headers carrying the session cookie. */
export async function signInAs(ctx: AppContext, staff: { email: string; password: string }): Promise<Headers> {
	const { headers } = await ctx.auth.api.signInEmail({
		body: { email: staff.email, password: staff.password, rememberMe: false },
		returnHeaders: true
	});
	return cookieHeadersFrom(headers);
}

/** Turns a response's Set-Cookie into the Cookie header a browser would send back. */
export function cookieHeadersFrom(responseHeaders: Headers): Headers {
	const cookies = parseSetCookieHeader(responseHeaders.get('set-cookie') ?? '');
	const pairs = [...cookies].filter(([, attributes]) => attributes.value !== '').map(([name, attributes]) => `${name}=${attributes.value}`);
	return new Headers({ cookie: pairs.join('; ') });
}

/** The token at the end of a link such as http://…/invitation/<token>. */
export function tokenFromLink(link: string): string {
	const token = new URL(link).pathname.split('/').pop();
	if (!token) throw new Error(`no token in ${link}`);
	return decodeURIComponent(token);
}

/** The first http(s) link in a mail's text. */
export function linkInMail(mail: { text: string }): string {
	const match = /https?:\/\/\S+/.exec(mail.text);
	if (!match) throw new Error('no link in mail');
	return match[0];
}

/**
 * An action only a test records, to find its own rows: recordAudit takes only the product's actions
 * (audit-actions.ts), and a `test.` code must never be one of them.
 */
export const testAuditAction = (code: `test.${string}`) => code as string as AuditAction;
