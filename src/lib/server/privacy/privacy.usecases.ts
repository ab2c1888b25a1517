import { requireAccess } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import { PERMISSIONS, type Permission, type ResourceKind } from '../access/permissions.ts';
import type { AppContext } from '../context.ts';
import type { Role } from '../db/schema.ts';
import { createOrganisationsRepository } from '../organisations/organisations.repository.ts';
import { RETENTION_RULES } from '../retention/retention.models.ts';
import { domainError } from '../shared/errors.ts';
import { JOB_RETENTION_DAYS } from '../shared/jobs.runner.ts';
import { EXEMPT, type ExemptReason } from './privacy.exempt.models.ts';
import type { DataSubject, LegalBasis, RegisterCategory, Retention, SelfAccess } from './privacy.models.ts';
import { REGISTER } from './privacy.register.models.ts';

/** One line of "how long": a message key (privacy_retention_*) and the days it names, from the live settings. */
export interface RetentionLine {
	message: string;
	days: number | null;
}

/** One line of "who sees it": a permission, the roles that have it and how far it reaches (its resource kind). */
export interface AccessLine {
	permission: Permission;
	roles: readonly Role[];
	resource: ResourceKind | null;
}

export interface RegisterCategoryView {
	key: string;
	subjects: readonly DataSubject[];
	legalBasis: LegalBasis;
	retention: RetentionLine[];
	access: AccessLine[];
	self: readonly SelfAccess[];
	tables: { table: string; columns: readonly string[] }[];
}

export interface ProcessingRegister {
	organisationName: string;
	retentionDays: number;
	categories: RegisterCategoryView[];
	exempt: { table: string; reason: ExemptReason; columns: readonly string[]; partly: boolean }[];
	/** Nightly SQLite backups kept (BACKUP_KEEP); null on PostgreSQL, where the operator makes them. */
	backupsKept: number | null;
}

/** The message key of a retention mechanism. */
export function retentionMessage(retention: Retention): string {
	return retention.kind === 'retentionJob' ? `privacy_retention_rule_${retention.rule}` : `privacy_retention_${retention.kind}`;
}

/** The days a retention mechanism keeps data, with the organisation's retention period where a rule counts on it. */
function retentionDaysOf(retention: Retention, organisationRetentionDays: number): number | null {
	if (retention.kind === 'finishedJobs') return JOB_RETENTION_DAYS;
	if (retention.kind !== 'retentionJob') return null;
	const rule: { setting: string; plusDays?: number } | { days: number } = RETENTION_RULES[retention.rule];
	return 'setting' in rule ? organisationRetentionDays + (rule.plusDays ?? 0) : rule.days;
}

/**
 * The processing register for the organisation's admins: REGISTER and EXEMPT with the live
 * settings (retention period, backups) and the roles PERMISSIONS grants today. Nothing in it
 * is written by hand per organisation, so it cannot drift from what the code does.
 */
export async function getProcessingRegister({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<ProcessingRegister> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'privacy.register.view' });
	const organisation = await createOrganisationsRepository(ctx.db).findById(staff.organisationId);
	if (!organisation) throw domainError('not_found');
	const register: readonly RegisterCategory[] = REGISTER;
	const categories = register.map((category): RegisterCategoryView => ({
		key: category.key,
		subjects: category.subjects,
		legalBasis: category.legalBasis,
		retention: category.retention.map((retention) => ({
			message: retentionMessage(retention),
			days: retentionDaysOf(retention, organisation.retentionDays)
		})),
		access: category.access.map((permission) => ({
			permission,
			roles: PERMISSIONS[permission].roles,
			resource: PERMISSIONS[permission].resource
		})),
		self: category.self,
		tables: Object.entries(category.tables).map(([table, columns]) => ({ table, columns }))
	}));
	return {
		organisationName: organisation.name,
		retentionDays: organisation.retentionDays,
		categories,
		// A table whose other columns are personal data (collaborations: its quick check's instrument key
		// only) names the exempt columns, or the page would call the whole table "no personal data".
		exempt: Object.entries(EXEMPT).map(([table, { reason, columns }]) => ({
			table,
			reason,
			columns,
			partly: categories.some((category) => category.tables.some((entry) => entry.table === table))
		})),
		backupsKept: ctx.database.dialect === 'sqlite' ? ctx.config.backupKeep : null
	};
}
